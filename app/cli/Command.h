#pragma once
// One subclass per command (init, add, list, ...). A command declares its positional
// arguments and options; the shared parser checks them, and run() does the work.

#include "CommandLine.h"
#include "SecretInput.h"

#include <memory>
#include <vector>

namespace fv::cli {

/// A parsed, checked invocation of one command.
struct Invocation
{
    const CommandLine& line;
    QString vaultPath; ///< the VAULT argument, or the default location when it was omitted
    bool vaultDefaulted = false;
    QStringList arguments; ///< the positional arguments after VAULT

    bool has(const QString& name) const { return line.has(name); }
    QString value(const QString& name) const { return line.value(name); }
    /// The global --json flag (a command's own "--json F" option is a value, not this flag).
    bool json() const { return line.flags.contains(QStringLiteral("json")); }
    /// Where the (current) passphrase comes from: --passphrase-file, --passphrase-fd or the terminal.
    std::expected<SecretSource, CliError> passphraseSource() const;
    /// The source named by `fileOption` / `fdOption`, or the terminal if neither is given.
    std::expected<SecretSource, CliError> secretSource(const QString& fileOption,
                                                       const QString& fdOption) const;
};

class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    /// One line for the command list.
    virtual QString summary() const = 0;
    /// Positional arguments after VAULT (e.g. {"ID"}).
    virtual QStringList argumentNames() const { return {}; }
    /// False for commands that take no VAULT.
    virtual bool usesVault() const { return true; }
    virtual QList<OptionSpec> options() const { return {}; }
    /// Options accepted but not shown in the help (old spellings kept for scripts).
    virtual QList<OptionSpec> hiddenOptions() const { return {}; }
    /// Names of options that may be given more than once (CommandLine::valuesOf has them all).
    virtual QStringList repeatableOptions() const { return {}; }
    /// True when the last of argumentNames() takes one or more values ("FILE…"). VAULT may then be
    /// left out only when exactly one value is given.
    virtual bool lastArgumentRepeats() const { return false; }
    /// Extra paragraphs for "--help".
    virtual QString details() const { return {}; }
    /// Does the work; returns the process exit code.
    virtual int run(Invocation& invocation) = 0;

    /// The usage line, e.g. "show [VAULT] ID".
    QString usage() const;
    /// The full "--help" text.
    QString help() const;
};

/// Every command, in the order of the help text.
std::vector<std::unique_ptr<Command>> makeCommands();

/// The top-level "--help" text.
QString programHelp(const std::vector<std::unique_ptr<Command>>& commands);

} // namespace fv::cli
