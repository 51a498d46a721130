// fieldvault-cli: the command line over core. Parses the shared options, finds the command,
// resolves VAULT (or the default vault) and runs it. See docs/cli.md.
#include "Command.h"
#include "VaultAccess.h"
#include "crypto/Crypto.h"

#include <QCoreApplication>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

int runCli(const QStringList& arguments)
{
    using namespace fv::cli;
    const std::vector<std::unique_ptr<Command>> commands = makeCommands();
    QList<Command*> commandList;
    for (const auto& command : commands)
        commandList.append(command.get());

    auto parsed = parseCommandLine(arguments, commandList);
    if (!parsed) {
        Console::setJson(arguments.contains(u"--json"_s));
        return Console::report(parsed.error());
    }
    const CommandLine& line = *parsed;
    Console::setJson(line.flags.contains(u"json"_s));

    if (line.has(u"version"_s)) {
        Console::outLine(QStringLiteral("fieldvault-cli " FV_VERSION));
        return 0;
    }
    if (line.has(u"help"_s) || !line.command) {
        if (line.command) {
            Console::out(line.command->help().toUtf8());
            return 0;
        }
        if (line.has(u"help"_s)) {
            Console::out(programHelp(commands).toUtf8());
            return 0;
        }
        Console::note(programHelp(commands));
        return static_cast<int>(ExitCode::Usage);
    }

    Command& command = *line.command;
    Invocation invocation{line, {}, false, {}};
    const qsizetype wanted = command.argumentNames().size() + (command.usesVault() ? 1 : 0);
    const qsizetype given = line.positionals.size();
    const bool repeats = command.lastArgumentRepeats();
    if ((given > wanted && !repeats) || given < wanted - (command.usesVault() ? 1 : 0))
        return Console::report(usageError(u"'%1' takes %2; see 'fieldvault-cli %3 --help'."_s.arg(
            u"fieldvault-cli "_s + command.usage(),
            given > wanted ? u"fewer arguments"_s : u"more arguments"_s, command.name())));
    invocation.arguments = line.positionals;
    if (command.usesVault()) {
        if (given >= wanted) {
            invocation.vaultPath = invocation.arguments.takeFirst();
        } else {
            invocation.vaultPath = defaultVaultPath();
            invocation.vaultDefaulted = true;
        }
        if (invocation.vaultPath.isEmpty())
            return Console::report(usageError(u"The vault folder name is empty."_s));
    }
    return command.run(invocation);
}

} // namespace

int main(int argc, char* argv[])
{
    fv::disableCoreDumps();
    if (!fv::initCrypto()) {
        std::fputs("fieldvault-cli: the cryptography library could not start (no source of randomness?)\n",
                   stderr);
        return 70;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"fieldvault"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FV_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    return runCli(arguments);
}
