#pragma once
// The app's one open vault and what hangs off it: the store, the testimony repository and the
// vault's identity. Views reach core only through a Session; when it locks, every pointer it
// handed out becomes invalid, so views drop them on locked() and ask again after unlocked().
//
// Opening and creating run the slow passphrase KDF on a worker thread (VaultTask.h); the
// Session itself lives on the GUI thread.
#include "core/Identity.h"
#include "core/TestimonyStore.h"
#include "core/Vault.h"
#include "crypto/Result.h"

#include <QObject>
#include <QString>
#include <memory>
#include <optional>

namespace fv::desktop {

class Session : public QObject
{
    Q_OBJECT

public:
    explicit Session(QObject* parent = nullptr);
    /// Locks.
    ~Session() override;

    /// Takes an unlocked vault (from VaultTask), loads or creates its identity and emits
    /// unlocked(). On error the vault is locked again and nothing changes.
    [[nodiscard]] Status adopt(Vault vault);
    /// Wipes every key and closes the store, then emits locked(). Harmless when locked.
    void lock();

    bool isUnlocked() const noexcept;
    /// The vault's folder; empty before the first adopt().
    std::filesystem::path location() const;
    /// Null when locked.
    Vault* vault() noexcept;
    TestimonyStore* testimonies() noexcept;
    Database* database() noexcept;
    BlobStore* blobs() noexcept;
    const VaultIdentity* identity() const noexcept;
    /// Field when locked.
    VaultRole role() const noexcept;

    /// Tells every view that `id` changed (saved, attached, status, purged); an empty id means
    /// "many testimonies changed" (import, purge).
    void notifyChanged(const QString& id);

signals:
    void unlocked();
    /// Emitted before the keys are wiped (views save pending edits and drop their pointers)…
    void aboutToLock();
    /// …and after.
    void locked();
    void testimonyChanged(const QString& id);

private:
    struct Open;
    std::unique_ptr<Open> m_open;
    std::filesystem::path m_location;
};

} // namespace fv::desktop
