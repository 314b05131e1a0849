// blockrt state get|set: a learner's state (user_state scope) of one block,
// for library and course blocks alike (the runtime keeps it per user and
// usage key).
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/errors.h"
#include "cli/json_text.h"
#include "cli/runtime_cli.h"

namespace blockrt::cli {
namespace {

constexpr char kStateHelp[] =
    "usage: blockrt state get KEY --user U [--db FILE] [--json]\n"
    "       blockrt state set KEY --user U FIELD JSON_VALUE [--db FILE] [--json]\n"
    "\n"
    "Learner state of block KEY (lb:... or block-v1:...) for user U, as the LMS keeps it:\n"
    "`get` prints the block's user_state fields as one JSON object; `set` sets FIELD to\n"
    "JSON_VALUE (any JSON text: 3, \"text\", [1,2], {\"a\":1}). U must be allowed to view\n"
    "the block in the LMS (a learner of its library or course, or public learning).\n"
    "\n"
    "exit codes: 0 ok, 1 not found/not allowed/refused, 2 usage/I/O\n";

}  // namespace

int RunState(const Invocation& inv) {
  CommonFlags f;
  if (!ParseCommonFlags(inv.args, {}, {}, &f, inv.err, "state")) return kExitUsage;
  if (f.help) {
    *inv.out << kStateHelp;
    return kExitOk;
  }
  const size_t n = f.positional.size();
  const std::string verb = n > 0 ? f.positional[0] : "";
  if (!((verb == "get" && n == 2) || (verb == "set" && n == 4))) {
    return PrintUsageError(inv, "state",
                           "expected 'get KEY' or 'set KEY FIELD JSON_VALUE' (see --help)");
  }
  if (f.user.empty() || contexts::User(f.user).is_anonymous()) {
    return PrintUsageError(inv, "state", "--user U (an identified user) is required");
  }
  if (f.mode != runtime::Mode::kLms) {
    return PrintUsageError(inv, "state", "learner state lives in the LMS (drop --studio)");
  }
  auto engine = OpenEngine(f);
  if (!engine.ok()) return ReportError(f, "state", engine.status(), inv.out, inv.err);
  runtime::Runtime rt = (*engine)->NewRuntime(runtime::Mode::kLms, contexts::User(f.user));
  Result<runtime::Block> block = rt.LoadBlock(f.positional[1]);
  if (!block.ok()) return ReportError(f, "state", block.status(), inv.out, inv.err);
  if (verb == "set") {
    Status st = rt.SetUserState(*block, f.positional[2], f.positional[3]);
    if (!st.ok()) return ReportError(f, "state", st, inv.out, inv.err);
  }
  Result<std::map<std::string, std::string>> state = rt.UserState(*block);
  if (!state.ok()) return ReportError(f, "state", state.status(), inv.out, inv.err);
  nlohmann::json obj = nlohmann::json::object();
  for (const auto& [field, json] : *state) obj[field] = nlohmann::json::parse(json, nullptr, false);
  *inv.out << JsonText(obj, f.json ? -1 : 2) << "\n";
  return kExitOk;
}

}  // namespace blockrt::cli
