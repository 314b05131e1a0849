// Subcommands of `blockrt keys` that live outside keys_command.cc (which
// dispatches them). Each takes the arguments after its own name.
#ifndef BLOCKRT_CLI_KEYS_COMMANDS_H_
#define BLOCKRT_CLI_KEYS_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/command.h"

namespace blockrt::cli {

int RunKeysDerive(const Invocation& inv, const std::vector<std::string>& args);

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_KEYS_COMMANDS_H_
