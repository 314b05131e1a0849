// Subcommands of `blockrt olx` and `blockrt course` (dispatched from
// olx_command.cc). Each takes the arguments after its own name. `course`
// has a directory form (load, export DIR OUT) and a store form (a course
// key as first argument: create, import, export KEY OUT, publish...).
#ifndef BLOCKRT_CLI_OLX_COMMANDS_H_
#define BLOCKRT_CLI_OLX_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"

namespace blockrt::cli {

int RunOlxParse(const Invocation& inv, const std::vector<std::string>& args);
int RunOlxGraph(const Invocation& inv, const std::vector<std::string>& args);
int RunCourseLoad(const Invocation& inv, const std::vector<std::string>& args);
int RunCourseExport(const Invocation& inv, const std::vector<std::string>& args);

// The store forms (course_store_command.cc): `sub` is one of them when
// IsCourseStoreSub(sub); `args` follow it.
bool IsCourseStoreSub(const std::string& sub);
void PrintCourseStoreUsage(std::ostream& os);
int RunCourseStore(const Invocation& inv, const std::string& sub,
                   const std::vector<std::string>& args);

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_OLX_COMMANDS_H_
