#include "CommandLine.h"

#include "Command.h"

using namespace Qt::StringLiterals;

namespace fv::cli {

const QList<OptionSpec>& globalOptions()
{
    static const QList<OptionSpec> options{
        {u"json"_s, {}, u"machine-readable output (JSON), errors also as JSON on stderr"_s},
        {u"passphrase-file"_s, u"F"_s, u"read the passphrase from the first line of file F"_s},
        {u"passphrase-fd"_s, u"N"_s, u"read the passphrase from the first line on file descriptor N"_s},
        {u"recovery-key"_s,
         {},
         u"unlock with the recovery key instead of the passphrase (read like a passphrase)"_s},
        {u"help"_s, {}, u"show help (for the command, if one is given)"_s},
        {u"version"_s, {}, u"show the version"_s},
    };
    return options;
}

namespace {

const OptionSpec* findOption(const QList<OptionSpec>& specs, QStringView name)
{
    for (const OptionSpec& spec : specs) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

} // namespace

std::expected<CommandLine, CliError> parseCommandLine(const QStringList& arguments,
                                                      const QList<Command*>& commands)
{
    CommandLine line;
    QList<OptionSpec> commandOptions;
    QStringList repeatable;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& token = arguments.at(i);
        if (!optionsEnded && token == u"--"_s) {
            optionsEnded = true;
            continue;
        }
        const bool isLong = !optionsEnded && token.startsWith(u"--"_s);
        if (!optionsEnded && (token == u"-h"_s || isLong)) {
            QString name = token == u"-h"_s ? u"help"_s : token.mid(2);
            QString inlineValue;
            bool hasInlineValue = false;
            if (const qsizetype eq = name.indexOf(u'='); eq >= 0) {
                inlineValue = name.mid(eq + 1);
                name.truncate(eq);
                hasInlineValue = true;
            }
            const OptionSpec* spec = findOption(commandOptions, name);
            if (!spec)
                spec = findOption(globalOptions(), name);
            if (!spec) {
                if (line.command)
                    return std::unexpected(
                        usageError(u"Unknown option --%1 for '%2'; see 'fieldvault-cli %2 --help'."_s.arg(
                            name, line.command->name())));
                return std::unexpected(
                    usageError(u"Unknown option --%1; see 'fieldvault-cli --help'."_s.arg(name)));
            }
            // A flag and a value option may share a name (global --json, report's --json F).
            const bool seen =
                spec->takesValue() ? line.values.contains(spec->name) : line.flags.contains(spec->name);
            if (seen && !repeatable.contains(spec->name))
                return std::unexpected(usageError(u"Option --%1 is given twice."_s.arg(spec->name)));
            if (!spec->takesValue()) {
                if (hasInlineValue)
                    return std::unexpected(usageError(u"Option --%1 takes no value."_s.arg(spec->name)));
                line.flags.insert(spec->name);
                continue;
            }
            if (!hasInlineValue) {
                if (i + 1 >= arguments.size())
                    return std::unexpected(
                        usageError(u"Option --%1 needs a value (%2)."_s.arg(spec->name, spec->valueName)));
                inlineValue = arguments.at(++i);
            }
            line.values.insert(spec->name, inlineValue);
            line.lists[spec->name].append(inlineValue);
            continue;
        }
        if (!line.command) {
            for (Command* command : commands) {
                if (command->name() == token)
                    line.command = command;
            }
            if (!line.command)
                return std::unexpected(
                    usageError(u"Unknown command '%1'; see 'fieldvault-cli --help'."_s.arg(token)));
            commandOptions = line.command->options() + line.command->hiddenOptions();
            repeatable = line.command->repeatableOptions();
            continue;
        }
        line.positionals.append(token);
    }
    return line;
}

std::expected<int, CliError> intOption(const CommandLine& line, const QString& name, int defaultValue)
{
    if (!line.values.contains(name))
        return defaultValue;
    bool ok = false;
    const int value = line.value(name).toInt(&ok);
    if (!ok || value < 0)
        return std::unexpected(usageError(
            u"Option --%1 needs a non-negative whole number, not '%2'."_s.arg(name, line.value(name))));
    return value;
}

} // namespace fv::cli
