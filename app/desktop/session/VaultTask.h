#pragma once
// The slow vault operations (one Argon2id computation each, about a second by design) run on a
// worker thread so the window stays responsive; `done` runs on the GUI thread, in `context`'s
// thread, and not at all if `context` is destroyed first. The secret is wiped on the worker
// as soon as the KDF has used it.
#include "core/Vault.h"
#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

#include <QObject>
#include <filesystem>
#include <functional>

namespace fv::desktop {

class Session;

/// Vault::unlock(), or Vault::unlockWithRecoveryKey() when `recoveryKey` is true, off-thread.
void unlockVaultAsync(QObject* context, const std::filesystem::path& directory, SecretBuffer secret,
                      bool recoveryKey, std::function<void(Result<Vault>)> done);

/// Vault::create() off-thread.
void createVaultAsync(QObject* context, const std::filesystem::path& directory, SecretBuffer passphrase,
                      VaultCreateOptions options, std::function<void(Result<CreatedVault>)> done);

/// Vault::changePassphrase() of the open vault of `session`, as its exclusive work
/// (Session::runExclusive()). False, with the secret wiped and `done` never called, when the
/// session is locked or another work runs.
bool changePassphraseAsync(QObject* context, Session& session, SecretBuffer passphrase,
                           std::function<void(Status)> done);

} // namespace fv::desktop
