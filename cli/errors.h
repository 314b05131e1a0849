// The one error contract of every `blockrt` command: which exit code a Status
// maps to, and how an error is shown (a JSON line `{"error":{"code","message"}}`
// on stdout with --json, else "blockrt CMD: Code: message" on stderr). Every
// command in cli/ reports through these so scripts see one shape and one map.
#ifndef BLOCKRT_CLI_ERRORS_H_
#define BLOCKRT_CLI_ERRORS_H_

#include <nlohmann/json.hpp>
#include <string_view>

#include "base/status.h"
#include "cli/command.h"

namespace blockrt::cli {

// 0 for OK; 2 (kExitUsage) for I/O errors and internal failures (the command
// could not do its job for reasons outside the input); 1 (kExitFindings) for
// every refusal: not found, invalid input, parse errors, corruption, conflicts,
// permission, unsupported requests, failed preconditions.
int ExitCodeFor(const Status& st);

// {"error":{"code":"not_found","message":"..."}}
nlohmann::json ErrorJson(const Status& st);

// Prints `st` for `command` ("store", "lib", "keys check"...) and returns its
// exit code.
int PrintError(const Invocation& inv, std::string_view command, const Status& st, bool json);

// A usage error (bad flag, wrong argument count): "blockrt CMD: msg" on stderr,
// plus `help` when given; returns kExitUsage.
int PrintUsageError(const Invocation& inv, std::string_view command, std::string_view msg,
                    std::string_view help = {});

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_ERRORS_H_
