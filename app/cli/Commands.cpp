#include "Command.h"

namespace fv::cli {

std::vector<std::unique_ptr<Command>> makeCommands()
{
    return {};
}

} // namespace fv::cli
