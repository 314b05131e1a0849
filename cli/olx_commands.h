// Subcommands of `blockrt olx` and `blockrt course` (dispatched from
// olx_command.cc). Each takes the arguments after its own name.
#ifndef BLOCKRT_CLI_OLX_COMMANDS_H_
#define BLOCKRT_CLI_OLX_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/command.h"

namespace blockrt::cli {

int RunOlxParse(const Invocation& inv, const std::vector<std::string>& args);
int RunOlxGraph(const Invocation& inv, const std::vector<std::string>& args);
int RunCourseLoad(const Invocation& inv, const std::vector<std::string>& args);
int RunCourseExport(const Invocation& inv, const std::vector<std::string>& args);

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_OLX_COMMANDS_H_
