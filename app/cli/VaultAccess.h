#pragma once
// Opening the vault a command names: resolving the default location, reading the passphrase
// (or the recovery key with --recovery-key) and unlocking, with errors a field delegate can
// act on. VaultCommand is the base of every command that works inside an unlocked vault.

#include "Command.h"
#include "core/Vault.h"

#include <filesystem>

namespace fv::cli {

/// Vault::defaultLocation() as a string.
QString defaultVaultPath();

/// A command-line path as a filesystem path (local 8-bit encoding, like every Unix tool).
std::filesystem::path toPath(const QString& path);

/// "There is no vault at …" unless `path` holds a vault.
std::expected<void, CliError> requireVault(const QString& path);

/// Reads the secret (passphrase, or recovery key with --recovery-key) and unlocks the vault.
std::expected<Vault, CliError> openVault(const Invocation& invocation);

/// A command that runs inside an unlocked vault; the vault is locked (keys wiped) afterwards.
class VaultCommand : public Command
{
public:
    int run(Invocation& invocation) final;

protected:
    /// Checks the command's own arguments before the passphrase is asked for.
    virtual std::expected<void, CliError> checkArguments(const Invocation& invocation);
    virtual int runWithVault(Vault& vault, Invocation& invocation) = 0;
};

} // namespace fv::cli
