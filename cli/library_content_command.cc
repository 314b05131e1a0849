// blockrt library-content: library_content blocks of stored courses (sync and
// upgrade from their library, ...), over contexts/library_content.
#include <ostream>

#include "cli/errors.h"
#include "cli/json_text.h"
#include "cli/number_arg.h"
#include "cli/runtime_cli.h"
#include "contexts/course_authoring.h"
#include "contexts/library_content/sync.h"
#include "contexts/library_source.h"

namespace blockrt::cli {
namespace {

using nlohmann::json;
namespace lc = contexts::library_content;

constexpr char kHelp[] =
    "usage: blockrt library-content sync LCB_KEY [--version N | --latest] [--dry-run]\n"
    "                                   [--user U] [--db FILE] [--json]\n"
    "\n"
    "LCB_KEY is a library_content block (block-v1:...+type@library_content+block@ID) of a\n"
    "stored course; changes go to the course's draft ('studio_draft').\n"
    "  sync  the block's children become copies of its library's top-level blocks at\n"
    "        the pinned source_library_version (--version N: that version; --latest:\n"
    "        the latest, an upgrade), in library order, at DERIVE_ID keys. Kept children\n"
    "        keep the course's overrides and learner state and take the library's\n"
    "        defaults (default-FIELD) and content (content edits are discarded); gone\n"
    "        ones are removed, new ones added; capa_type filters (v1 rule).\n"
    "        --dry-run prints the plan per child and writes nothing.\n"
    "--user U acts as U (course staff, and a learner of the library).\n"
    "--json prints one JSON object; errors as {\"error\":{...}}.\n"
    "exit codes: 0 ok, 1 refused (not found, invalid, denied), 2 usage or I/O error\n";

json PlanJson(const lc::ChildPlan& c) {
  return {{"usage_key", c.usage_key},
          {"library_key", c.library_key.empty() ? json(nullptr) : json(c.library_key)},
          {"depth", c.depth},
          {"action", std::string(olx::CopyActionName(c.action))},
          {"overrides", c.overrides},
          {"defaults_changed", c.defaults_changed},
          {"content_changed", c.content_changed},
          {"children_changed", c.children_changed},
          {"content_edits_discarded", c.content_edits_discarded}};
}

std::string PlanText(const lc::ChildPlan& c) {
  std::string line = std::string(2 + 2 * c.depth, ' ') + std::string(olx::CopyActionName(c.action));
  line.resize(std::max<size_t>(line.size(), 10 + 2 * c.depth), ' ');
  line += " " + c.usage_key;
  if (!c.library_key.empty()) line += " <- " + c.library_key;
  std::vector<std::string> notes;
  if (!c.overrides.empty()) {
    std::string names;
    for (const std::string& o : c.overrides) names += (names.empty() ? "" : ",") + o;
    notes.push_back(std::string(c.action == olx::CopyAction::kRemoved ? "overrides dropped: "
                                                                      : "overrides kept: ") +
                    names);
  }
  if (c.defaults_changed) notes.push_back("new defaults");
  if (c.content_edits_discarded) {
    notes.push_back("content edits discarded");
  } else if (c.content_changed) {
    notes.push_back("new content");
  }
  if (c.children_changed) notes.push_back("children change");
  for (size_t i = 0; i < notes.size(); ++i) line += (i == 0 ? "; " : ", ") + notes[i];
  return line;
}

Status Sync(const CommonFlags& f, runtime::Engine& engine, json* result, std::string* text) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key lcb,
                           keys::Key::Parse(f.positional[1], keys::KeyBase::kUsageKey));
  lc::SyncOptions options;
  options.dry_run = HasSwitch(f, "--dry-run");
  // Flags were checked by CheckUsage.
  if (const std::string* version = OptionValue(f, "--version")) {
    BLOCKRT_ASSIGN_OR_RETURN(options.exact, ParseIntArg("--version", *version, 1));
    options.version = lc::SyncOptions::Version::kExact;
  } else if (HasSwitch(f, "--latest")) {
    options.version = lc::SyncOptions::Version::kLatest;
  }
  contexts::CourseAuthoring authoring =
      contexts::CourseAuthoring(&engine.courses()).As(contexts::User(f.user));
  contexts::LibrarySource libraries(&engine.libraries(), &engine.v1_libraries());
  BLOCKRT_ASSIGN_OR_RETURN(lc::SyncReport r,
                           lc::SyncLibraryContent(authoring, libraries, lcb.view(), options));
  json children = json::array();
  for (const lc::ChildPlan& c : r.children) children.push_back(PlanJson(c));
  *result = {{"usage_key", r.lcb_key},
             {"library", r.library_key},
             {"from_version", r.from_version},
             {"to_version", r.to_version},
             {"dry_run", r.dry_run},
             {"children", children},
             {"files", r.files}};
  *text = std::string(r.dry_run ? "plan: " : "synced ") + r.lcb_key + " from " + r.library_key +
          " version " + (r.from_version.empty() ? "(none)" : r.from_version) + " -> " +
          std::to_string(r.to_version);
  for (const lc::ChildPlan& c : r.children) *text += "\n" + PlanText(c);
  *text += "\n" + std::to_string(r.files.size()) + " file(s) " +
           (r.dry_run ? "would change; nothing written" : "changed in the draft");
  return Status::OK();
}

// A usage error of the flags, or "" when they are fine.
std::string CheckUsage(const std::string& sub, const CommonFlags& f) {
  const std::string* version = OptionValue(f, "--version");
  if (sub != "sync" &&
      (version != nullptr || HasSwitch(f, "--latest") || HasSwitch(f, "--dry-run"))) {
    return "--version, --latest and --dry-run are options of sync";
  }
  if (version != nullptr && HasSwitch(f, "--latest")) {
    return "--version and --latest exclude each other";
  }
  if (version != nullptr) {
    Result<int64_t> v = ParseIntArg("--version", *version, 1);
    if (!v.ok()) return v.status().message();
  }
  return "";
}

struct Sub {
  const char* name;
  size_t args;  // positionals after the subcommand
  Status (*run)(const CommonFlags&, runtime::Engine&, json*, std::string*);
};

const Sub kSubs[] = {
    {"sync", 1, Sync},
};

}  // namespace

int RunLibraryContent(const Invocation& inv) {
  CommonFlags f;
  f.mode = runtime::Mode::kStudio;
  if (!ParseCommonFlags(inv.args, {"--version"}, {"--latest", "--dry-run"}, &f, inv.err,
                        "library-content")) {
    return kExitUsage;
  }
  if (f.help) {
    *inv.out << kHelp;
    return kExitOk;
  }
  const Sub* sub = nullptr;
  for (const Sub& s : kSubs) {
    if (!f.positional.empty() && f.positional[0] == s.name) sub = &s;
  }
  if (sub == nullptr) {
    return PrintUsageError(inv, "library-content",
                           f.positional.empty() ? "expected a subcommand (see --help)"
                                                : "unknown subcommand '" + f.positional[0] + "'");
  }
  const std::string command = std::string("library-content ") + sub->name;
  if (f.positional.size() != sub->args + 1) {
    return PrintUsageError(inv, command,
                           "expected " + std::to_string(sub->args) + " argument(s) (see --help)");
  }
  if (std::string bad = CheckUsage(sub->name, f); !bad.empty()) {
    return PrintUsageError(inv, command, bad);
  }
  Result<std::unique_ptr<runtime::Engine>> engine = OpenEngine(f);
  if (!engine.ok()) return ReportError(f, command.c_str(), engine.status(), inv.out, inv.err);
  json result;
  std::string text;
  Status st = sub->run(f, **engine, &result, &text);
  if (!st.ok()) return ReportError(f, command.c_str(), st, inv.out, inv.err);
  if (f.json) {
    result["ok"] = true;
    *inv.out << JsonText(result) << "\n";
  } else {
    *inv.out << text << "\n";
  }
  return kExitOk;
}

}  // namespace blockrt::cli
