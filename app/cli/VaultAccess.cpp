#include "VaultAccess.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace fv::cli {

QString defaultVaultPath()
{
    return QFile::decodeName(QByteArray::fromStdString(Vault::defaultLocation().string()));
}

std::filesystem::path toPath(const QString& path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

std::expected<void, CliError> requireVault(const QString& path)
{
    if (Vault::exists(toPath(path)))
        return {};
    return std::unexpected(CliError{
        ExitCode::NotFound, u"not-found"_s,
        u"There is no vault at %1. Check the folder name, or create a vault with 'fieldvault-cli init %1'."_s
            .arg(path)});
}

std::expected<Vault, CliError> openVault(const Invocation& invocation)
{
    auto source = invocation.passphraseSource();
    if (!source)
        return std::unexpected(source.error());
    if (auto exists = requireVault(invocation.vaultPath); !exists)
        return std::unexpected(exists.error());
    const bool recovery = invocation.has(u"recovery-key"_s);
    auto secret = readSecret(*source, recovery ? u"Recovery key for %1: "_s.arg(invocation.vaultPath)
                                               : u"Passphrase for %1: "_s.arg(invocation.vaultPath));
    if (!secret)
        return std::unexpected(secret.error());
    Result<Vault> vault = recovery ? Vault::unlockWithRecoveryKey(toPath(invocation.vaultPath), *secret)
                                   : Vault::unlock(toPath(invocation.vaultPath), *secret);
    secret->wipe();
    if (vault)
        return std::move(*vault);
    CliError error = fromCore(vault.error());
    if (vault.error().code == ErrorCode::WrongPassphrase && !recovery)
        error.message += u" (fieldvault-cli: give --recovery-key to type the recovery key instead.)"_s;
    return std::unexpected(error);
}

std::expected<void, CliError> VaultCommand::checkArguments(const Invocation&)
{
    return {};
}

int VaultCommand::run(Invocation& invocation)
{
    if (auto checked = checkArguments(invocation); !checked)
        return Console::report(checked.error());
    auto vault = openVault(invocation);
    if (!vault)
        return Console::report(vault.error());
    const int code = runWithVault(*vault, invocation);
    if (Status locked = vault->lock(); !locked)
        Console::note(u"fieldvault-cli: note: %1 (what was saved is safe)"_s.arg(
            QString::fromStdString(locked.error().message)));
    return code;
}

} // namespace fv::cli
