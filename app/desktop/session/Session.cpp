#include "session/Session.h"

#include "crypto/Hash.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"

#include <QPointer>
#include <QThread>

namespace fv::desktop {

namespace {

// Zeroes `bytes` through a volatile pointer, so the stores are not optimised away before the
// vector frees its memory.
void wipe(Bytes& bytes) noexcept
{
    volatile std::uint8_t* p = bytes.data();
    for (std::size_t i = 0; i < bytes.size(); ++i)
        p[i] = 0;
}

} // namespace

struct Session::Open
{
    Vault vault;
    std::unique_ptr<TestimonyStore> testimonies;
    std::optional<VaultIdentity> identity;
    VaultRole role = VaultRole::Field;
};

struct Session::Running
{
    quint64 run = 0;
    QThread* thread = nullptr;
    QPointer<QObject> context;
    std::function<void()> done;
    std::function<void()> cancel;
};

Session::Session(QObject* parent) : QObject(parent) {}

Session::~Session()
{
    if (m_running) {
        // No `done` now: its context may be half destroyed.
        m_running->thread->wait();
        delete m_running->thread;
        m_running.reset();
    }
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
    while (m_running) {
        if (m_running->cancel && m_running->context)
            m_running->cancel();
        waitUntilIdle();
    }
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

SecretBuffer Session::storeFingerprint(const SecretBuffer& key)
{
    Database* db = database();
    if (!db || key.size() < 16 || key.size() > 64 || isBusy())
        return {};
    auto statement = db->prepare("SELECT value FROM meta WHERE key = 'vault_id'");
    if (!statement)
        return {};
    auto row = statement->step();
    if (!row || !*row)
        return {};
    Bytes id = statement->columnBlob(0);
    statement->reset();
    if (id.empty())
        return {};
    Bytes digest = blake2b(id, 32, key.view());
    SecretBuffer fingerprint = SecretBuffer::copyOf(digest);
    wipe(id);
    wipe(digest);
    return fingerprint;
}

void Session::notifyChanged(const QString& id)
{
    emit testimonyChanged(id);
}

void Session::notifyRemoved(const QStringList& ids)
{
    if (!ids.isEmpty())
        emit testimoniesRemoved(ids);
}

bool Session::runExclusive(QObject* context, std::function<void()> work, std::function<void()> done,
                           std::function<void()> cancel)
{
    Q_ASSERT(context);
    if (m_running || !m_open || !context)
        return false;
    const quint64 run = ++m_runs;
    auto* thread = QThread::create(std::move(work));
    m_running = std::make_unique<Running>(Running{run, thread, context, std::move(done), std::move(cancel)});
    // Queued to this (GUI) thread; ignored when waitUntilIdle() has finished this run already.
    connect(thread, &QThread::finished, this, [this, run] {
        if (m_running && m_running->run == run)
            finishRunning();
    });
    emit busyChanged(true);
    thread->start();
    return true;
}

bool Session::isBusy() const noexcept
{
    return m_running != nullptr;
}

void Session::waitUntilIdle()
{
    if (m_running)
        finishRunning();
}

void Session::finishRunning()
{
    const std::unique_ptr<Running> running = std::move(m_running);
    running->thread->wait();
    delete running->thread;
    if (running->context && running->done)
        running->done();
    if (!m_running)
        emit busyChanged(false);
}

} // namespace fv::desktop
