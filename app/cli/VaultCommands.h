#pragma once
// Factories for each command (one class per command, defined in VaultCommands.cpp and
// TestimonyCommands.cpp).

#include "VaultAccess.h"

namespace fv::cli {

std::unique_ptr<Command> makeInitCommand();
std::unique_ptr<Command> makeAddCommand();
std::unique_ptr<Command> makeListCommand();
std::unique_ptr<Command> makeShowCommand();
std::unique_ptr<Command> makeEditCommand();
std::unique_ptr<Command> makeHistoryCommand();
std::unique_ptr<Command> makeSearchCommand();
std::unique_ptr<Command> makeAttachCommand();
std::unique_ptr<Command> makeExtractCommand();
std::unique_ptr<Command> makePasswdCommand();
std::unique_ptr<Command> makeVerifyCommand();
std::unique_ptr<Command> makeEraseCommand();

} // namespace fv::cli
