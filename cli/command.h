// The CLI's subcommand contract. Each subcommand group lives in its own
// *_command.cc and is listed once in main.cc's table. Commands write to the
// given streams only; the library they call never prints.
#ifndef BLOCKRT_CLI_COMMAND_H_
#define BLOCKRT_CLI_COMMAND_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace blockrt::cli {

// DO NOT CHANGE: documented in README.
enum ExitCode : int { kExitOk = 0, kExitFindings = 1, kExitUsage = 2 };

struct Invocation {
  std::vector<std::string> args;  // after the subcommand name
  std::istream* in;
  std::ostream* out;
  std::ostream* err;
};

using CommandFn = int (*)(const Invocation&);

struct Command {
  const char* name;
  const char* summary;
  CommandFn run;
};

// Each group's entry point (defined in the matching *_command.cc).
int RunKeys(const Invocation& inv);            // keys_command.cc
int RunStore(const Invocation& inv);           // store_command.cc
int RunOlx(const Invocation& inv);             // olx_command.cc
int RunCourse(const Invocation& inv);          // olx_command.cc
int RunLib(const Invocation& inv);             // lib_command.cc
int RunLoad(const Invocation& inv);            // runtime_command.cc
int RunRender(const Invocation& inv);          // runtime_command.cc
int RunState(const Invocation& inv);           // state_command.cc
int RunDemo(const Invocation& inv);            // demo_command.cc
int RunLibraryContent(const Invocation& inv);  // library_content_command.cc
int RunValidate(const Invocation& inv);        // validate_command.cc

// The key-validation batch of the demo: generates WORKDIR/keys.txt and checks
// it (keys_command.cc). Returns kExitOk when the batch ran.
int RunKeysDemo(const Invocation& inv, const std::string& workdir);

// True when `a` is "-h" or "--help".
bool IsHelpFlag(const std::string& a);

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_COMMAND_H_
