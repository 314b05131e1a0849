// Shared plumbing of the lib, load, render and demo commands: the common flags
// (--db, --json, --studio/--lms, --user), opening the engine, the exit code of
// a Status, and a block as JSON.
#ifndef BLOCKRT_CLI_RUNTIME_CLI_H_
#define BLOCKRT_CLI_RUNTIME_CLI_H_

#include <istream>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"
#include "cli/command.h"
#include "runtime/block.h"
#include "runtime/engine.h"

namespace blockrt::cli {

struct CommonFlags {
  std::string db = "blockrt.db";
  bool db_given = false;
  bool json = false;
  runtime::Mode mode = runtime::Mode::kLms;
  std::string user;
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> options;  // other --name value pairs
  std::vector<std::string> switches;                         // other --name flags
  bool help = false;
};

// Parses args: --db F, --json, --studio, --lms, --user U, plus the command's
// own `value_options` (take a value) and `switch_options` (do not). Unknown
// flags are a usage error written to *err (returns false).
bool ParseCommonFlags(const std::vector<std::string>& args,
                      const std::vector<std::string>& value_options,
                      const std::vector<std::string>& switch_options, CommonFlags* flags,
                      std::ostream* err, const char* command);
const std::string* OptionValue(const CommonFlags& flags, const std::string& name);
bool HasSwitch(const CommonFlags& flags, const std::string& name);

// PrintError (cli/errors.h) with these flags' --json: the one error shape and
// exit-code map of every command.
int ReportError(const CommonFlags& flags, const char* command, const Status& st, std::ostream* out,
                std::ostream* err);

// Opens the store named by --db / $BLOCKRT_STORE / ./blockrt.db. Only commands
// that create something pass `create`: a read of a mistyped path must be an
// IOError naming it, not an empty new store answering "not found".
Result<std::unique_ptr<runtime::Engine>> OpenEngine(const CommonFlags& flags, bool create = false);

// The bytes of the file `path`, or of `in` for "-" (IOError naming the path).
Result<std::string> ReadInput(const std::string& path, std::istream* in);

// The block as `rt`'s user may see it (Runtime::VisibleFields).
nlohmann::json BlockJson(const runtime::Runtime& rt, const runtime::Block& block);

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_RUNTIME_CLI_H_
