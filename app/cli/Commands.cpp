#include "SyncCommands.h"
#include "VaultCommands.h"

namespace fv::cli {

std::vector<std::unique_ptr<Command>> makeCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(makeInitCommand());
    commands.push_back(makeAddCommand());
    commands.push_back(makeListCommand());
    commands.push_back(makeShowCommand());
    commands.push_back(makeEditCommand());
    commands.push_back(makeHistoryCommand());
    commands.push_back(makeSearchCommand());
    commands.push_back(makeAttachCommand());
    commands.push_back(makeExtractCommand());
    commands.push_back(makePasswdCommand());
    commands.push_back(makeVerifyCommand());
    commands.push_back(makeEraseCommand());
    addSyncCommands(commands);
    return commands;
}

} // namespace fv::cli
