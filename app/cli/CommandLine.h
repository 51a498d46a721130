#pragma once
// The shared argument parser: global options (valid with every command, before or after
// it), one command name, then that command's positional arguments and options. Options take
// the forms "--name", "--name VALUE" and "--name=VALUE"; "--" ends the options.

#include "Console.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>
#include <expected>

namespace fv::cli {

class Command;

struct OptionSpec
{
    QString name;      ///< without the leading "--"
    QString valueName; ///< empty for a flag
    QString help;
    bool takesValue() const noexcept { return !valueName.isEmpty(); }
};

struct CommandLine
{
    Command* command = nullptr; ///< null when only global options were given
    QStringList positionals;
    QHash<QString, QString> values;    ///< the last value of each option given with one
    QHash<QString, QStringList> lists; ///< every value of each option, in order (repeatable ones)
    QSet<QString> flags;

    bool has(const QString& name) const { return flags.contains(name) || values.contains(name); }
    QString value(const QString& name) const { return values.value(name); }
    /// Every value given for `name`, in command-line order (empty when not given).
    QStringList valuesOf(const QString& name) const { return lists.value(name); }
};

/// The options every command accepts.
const QList<OptionSpec>& globalOptions();

/// Parses `arguments` (without the program name) against the known commands. After the command
/// name, the command's own options (visible or hidden) take precedence over a global option of
/// the same name (so `report --json F` is report's option; `--json` before the command is the
/// global flag). An option given twice is a usage error unless the command lists it as
/// repeatable.
std::expected<CommandLine, CliError> parseCommandLine(const QStringList& arguments,
                                                      const QList<Command*>& commands);

/// An integer option value (a file descriptor, a limit); a usage error naming the option if it
/// is not a non-negative integer.
std::expected<int, CliError> intOption(const CommandLine& line, const QString& name, int defaultValue);

} // namespace fv::cli
