#include "Command.h"

using namespace Qt::StringLiterals;

namespace fv::cli {

std::expected<SecretSource, CliError> Invocation::secretSource(const QString& fileOption,
                                                               const QString& fdOption) const
{
    SecretSource source;
    if (has(fileOption) && has(fdOption))
        return std::unexpected(
            usageError(u"Give either --%1 or --%2, not both."_s.arg(fileOption, fdOption)));
    if (has(fileOption)) {
        source.kind = SecretSource::Kind::File;
        source.path = value(fileOption);
        if (source.path.isEmpty())
            return std::unexpected(usageError(u"Option --%1 needs a file name."_s.arg(fileOption)));
    } else if (has(fdOption)) {
        auto fd = intOption(line, fdOption, -1);
        if (!fd)
            return std::unexpected(fd.error());
        source.kind = SecretSource::Kind::Fd;
        source.fd = *fd;
    }
    return source;
}

std::expected<SecretSource, CliError> Invocation::passphraseSource() const
{
    return secretSource(u"passphrase-file"_s, u"passphrase-fd"_s);
}

QString Command::usage() const
{
    QString text = name();
    if (usesVault())
        text += u" [VAULT]"_s;
    for (const QString& argument : argumentNames())
        text += u' ' + argument;
    if (lastArgumentRepeats())
        text += u"…"_s;
    const QStringList repeatable = repeatableOptions();
    for (const OptionSpec& option : options()) {
        text += u" [--"_s + option.name;
        if (option.takesValue())
            text += u' ' + option.valueName;
        text += u']';
        if (repeatable.contains(option.name))
            text += u"…"_s;
    }
    return text;
}

QString Command::help() const
{
    QString text = u"usage: fieldvault-cli %1\n\n%2\n"_s.arg(usage(), summary());
    if (usesVault())
        text += u"\nVAULT is the vault's folder; when it is left out, the default vault is used "
                u"($XDG_DATA_HOME/fieldvault/vault).\n"_s;
    if (const QString more = details(); !more.isEmpty())
        text += u'\n' + more + u'\n';
    const auto listOptions = [&text](const QList<OptionSpec>& options) {
        for (const OptionSpec& option : options) {
            QString left = u"  --"_s + option.name;
            if (option.takesValue())
                left += u' ' + option.valueName;
            text += left.leftJustified(28) + u' ' + option.help + u'\n';
        }
    };
    if (!options().isEmpty()) {
        text += u"\noptions:\n"_s;
        listOptions(options());
    }
    text += u"\nglobal options:\n"_s;
    listOptions(globalOptions());
    text += u"\nExit codes and JSON output: see docs/cli.md.\n"_s;
    return text;
}

QString programHelp(const std::vector<std::unique_ptr<Command>>& commands)
{
    QString text = u"usage: fieldvault-cli COMMAND [VAULT] [ARGUMENTS] [OPTIONS]\n\n"
                   u"Fieldvault keeps testimonies in an encrypted vault (a folder). The passphrase is read "
                   u"from the terminal without echo, or from --passphrase-file / --passphrase-fd; never "
                   u"from an argument.\n\ncommands:\n"_s;
    for (const auto& command : commands)
        text += (u"  "_s + command->name()).leftJustified(12) + u' ' + command->summary() + u'\n';
    text += u"\nglobal options:\n"_s;
    for (const OptionSpec& option : globalOptions()) {
        QString left = u"  --"_s + option.name;
        if (option.takesValue())
            left += u' ' + option.valueName;
        text += left.leftJustified(28) + u' ' + option.help + u'\n';
    }
    text += u"\n'fieldvault-cli COMMAND --help' describes one command. The default vault is "
            u"$XDG_DATA_HOME/fieldvault/vault. Exit codes and JSON output: docs/cli.md.\n"_s;
    return text;
}

} // namespace fv::cli
