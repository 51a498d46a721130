#pragma once
// The app's one open vault and what hangs off it: the store, the testimony repository and the
// vault's identity. Views reach core only through a Session; when it locks, every pointer it
// handed out becomes invalid, so views drop them on locked() and ask again after unlocked().
//
// Opening and creating run the slow passphrase KDF on a worker thread (VaultTask.h); the
// Session itself lives on the GUI thread.
//
// Core's store is single-threaded. Slow work on an open vault (export, import, adding files,
// changing the passphrase) runs through runExclusive(), one at a time; while it runs isBusy() is
// true and no GUI-thread code touches the store: views keep what they would do and do it on
// busyChanged(false). lock() waits for the running work first, so keys are never wiped under it.
#include "core/Identity.h"
#include "core/TestimonyStore.h"
#include "core/Vault.h"
#include "crypto/Result.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
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
    /// Asks a running exclusive work to stop early (its `cancel`) and waits for it to end
    /// (waitUntilIdle(): its `done` runs and pending saves follow busyChanged(false)); then emits
    /// aboutToLock(), wipes every key, closes the store and emits locked(). Harmless when locked.
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
    /// A keyed fingerprint of the open store: BLAKE2b-256 under `key` (16..64 bytes) of the
    /// store's own random identifier (its `vault_id` meta row, which the other store of the
    /// vault does not share). Two calls give equal results only for the same store and key, and
    /// the result says nothing about the store without the key. Empty when locked or when the
    /// identifier cannot be read; callers treat empty as "not the same store".
    SecretBuffer storeFingerprint(const SecretBuffer& key);

    /// Tells every view that `id` changed (saved, attached, status, purged); an empty id means
    /// "many testimonies changed" (import, purge).
    void notifyChanged(const QString& id);
    /// Tells every view that the testimonies `ids` are gone from the store (purged): a view
    /// showing one of them closes it. The editor's pending edit must be saved before the removal
    /// is decided (a new version keeps its testimony from a purge).
    void notifyRemoved(const QStringList& ids);

    /// Runs `work` on a worker thread as the only user of the store; refused (false, nothing
    /// runs) when locked or while another work runs. When it has ended, on the GUI thread: the
    /// session is idle again, `done` runs if `context` (required) still exists, then
    /// busyChanged(false) follows unless `done` started another work. `cancel` (optional) is
    /// called on the GUI thread, while `context` exists, when lock() wants the work to end early.
    bool runExclusive(QObject* context, std::function<void()> work, std::function<void()> done,
                      std::function<void()> cancel = {});
    /// True while an exclusive work runs: the GUI thread must not touch the store.
    bool isBusy() const noexcept;
    /// Blocks until the running exclusive work has ended and finishes it here (`done`, then
    /// busyChanged(false)) before returning. Harmless when idle.
    void waitUntilIdle();

signals:
    void unlocked();
    /// Emitted before the keys are wiped (views save pending edits and drop their pointers)…
    void aboutToLock();
    /// …and after.
    void locked();
    void testimonyChanged(const QString& id);
    void testimoniesRemoved(const QStringList& ids);
    /// An exclusive work started (true) or ended (false); see runExclusive().
    void busyChanged(bool busy);

private:
    struct Open;
    struct Running;
    void finishRunning();

    std::unique_ptr<Open> m_open;
    std::unique_ptr<Running> m_running;
    quint64 m_runs = 0;
    std::filesystem::path m_location;
};

} // namespace fv::desktop
