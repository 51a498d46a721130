#include "session/VaultTask.h"

#include "session/Session.h"

#include <QPointer>
#include <QThread>
#include <memory>
#include <optional>

namespace fv::desktop {
namespace {

// Runs `work` on a new thread, then `finish` in `context`'s thread. Both share `state`.
template <class T>
void runOffThread(QObject* context, std::function<T()> work, std::function<void(T)> done)
{
    auto result = std::make_shared<std::optional<T>>();
    QThread* thread = QThread::create([result, work = std::move(work)] { result->emplace(work()); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    QObject::connect(thread, &QThread::finished, context, [result, done = std::move(done)] {
        if (*result)
            done(std::move(**result));
    });
    thread->start();
}

} // namespace

void unlockVaultAsync(QObject* context, const std::filesystem::path& directory, SecretBuffer secret,
                      bool recoveryKey, std::function<void(Result<Vault>)> done)
{
    auto shared = std::make_shared<SecretBuffer>(std::move(secret));
    runOffThread<Result<Vault>>(
        context,
        [directory, shared, recoveryKey] {
            auto vault = recoveryKey ? Vault::unlockWithRecoveryKey(directory, *shared)
                                     : Vault::unlock(directory, *shared);
            shared->wipe();
            return vault;
        },
        std::move(done));
}

void createVaultAsync(QObject* context, const std::filesystem::path& directory, SecretBuffer passphrase,
                      VaultCreateOptions options, std::function<void(Result<CreatedVault>)> done)
{
    auto shared = std::make_shared<SecretBuffer>(std::move(passphrase));
    auto opts = std::make_shared<VaultCreateOptions>(std::move(options));
    runOffThread<Result<CreatedVault>>(
        context,
        [directory, shared, opts] {
            auto created = Vault::create(directory, *shared, *opts);
            shared->wipe();
            opts->duressPassphrase.wipe();
            return created;
        },
        std::move(done));
}

bool changePassphraseAsync(QObject* context, Session& session, SecretBuffer passphrase,
                           std::function<void(Status)> done)
{
    Vault* vault = session.vault();
    if (!vault)
        return false;
    auto shared = std::make_shared<SecretBuffer>(std::move(passphrase));
    auto status = std::make_shared<std::optional<Status>>();
    return session.runExclusive(
        context,
        [vault, shared, status] {
            status->emplace(vault->changePassphrase(*shared));
            shared->wipe();
        },
        [status, done = std::move(done)] {
            if (*status)
                done(std::move(**status));
        });
}

} // namespace fv::desktop
