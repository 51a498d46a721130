#include "session/Session.h"

#include "storage/BlobStore.h"
#include "storage/Database.h"

namespace fv::desktop {

struct Session::Open
{
    Vault vault;
    std::unique_ptr<TestimonyStore> testimonies;
    std::optional<VaultIdentity> identity;
    VaultRole role = VaultRole::Field;
};

Session::Session(QObject* parent) : QObject(parent) {}

Session::~Session()
{
    if (m_open)
        (void)m_open->vault.lock();
}

Status Session::adopt(Vault vault)
{
    lock();
    auto db = vault.database();
    if (!db)
        return std::unexpected(db.error());
    auto blobs = vault.blobs();
    if (!blobs)
        return std::unexpected(blobs.error());
    auto role = vault.role();
    if (!role)
        return std::unexpected(role.error());
    auto identity = VaultIdentity::loadOrCreate(**db, *role);
    if (!identity)
        return std::unexpected(identity.error());

    auto open = std::make_unique<Open>(Open{std::move(vault), nullptr, std::move(*identity), *role});
    open->testimonies = std::make_unique<TestimonyStore>(**db, **blobs);
    m_location = open->vault.location();
    m_open = std::move(open);
    emit unlocked();
    return {};
}

void Session::lock()
{
    if (!m_open)
        return;
    emit aboutToLock();
    auto open = std::move(m_open);
    open->testimonies.reset();
    (void)open->vault.lock(); // what was committed is safe in the log even if the checkpoint fails
    open.reset();
    emit locked();
}

bool Session::isUnlocked() const noexcept
{
    return m_open != nullptr;
}

std::filesystem::path Session::location() const
{
    return m_location;
}

Vault* Session::vault() noexcept
{
    return m_open ? &m_open->vault : nullptr;
}

TestimonyStore* Session::testimonies() noexcept
{
    return m_open ? m_open->testimonies.get() : nullptr;
}

Database* Session::database() noexcept
{
    if (!m_open)
        return nullptr;
    auto db = m_open->vault.database();
    return db ? *db : nullptr;
}

BlobStore* Session::blobs() noexcept
{
    if (!m_open)
        return nullptr;
    auto blobs = m_open->vault.blobs();
    return blobs ? *blobs : nullptr;
}

const VaultIdentity* Session::identity() const noexcept
{
    return m_open && m_open->identity ? &*m_open->identity : nullptr;
}

VaultRole Session::role() const noexcept
{
    return m_open ? m_open->role : VaultRole::Field;
}

void Session::notifyChanged(const QString& id)
{
    emit testimonyChanged(id);
}

} // namespace fv::desktop
