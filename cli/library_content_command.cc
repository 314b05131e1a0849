// blockrt library-content: library_content blocks of stored courses (sync and
// upgrade from their library, ...), over contexts/library_content.
#include <ostream>

#include "cli/errors.h"
#include "cli/json_text.h"
#include "cli/number_arg.h"
#include "cli/runtime_cli.h"
#include "contexts/course_authoring.h"
#include "contexts/library_content/duplicate.h"
#include "contexts/library_content/reset.h"
#include "contexts/library_content/status.h"
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
    "       blockrt library-content reset LCB_KEY --user U [--db FILE] [--json]\n"
    "  reset  U's selection starts over, when the block sets allow_resetting_children:\n"
    "        the state of each selected problem is cleared and the next view (printed)\n"
    "        draws a new selection.\n"
    "       blockrt library-content duplicate LCB_KEY [--as ID] [--user U] [--db FILE] [--json]\n"
    "       blockrt library-content mapping LCB_KEY DEST_ID [--user U] [--db FILE] [--json]\n"
    "  duplicate  a copy of the block right after it (id: random 32 hex digits, or --as),\n"
    "        with its settings; each child copied with its content, overrides and\n"
    "        defaults at DERIVE_ID(copy, library block) when the library's latest version\n"
    "        has its block, else at ORIGINAL_ID_unlinked_copy (a later upgrade of the copy\n"
    "        keeps the former with their learner state and removes the latter).\n"
    "  mapping  the child ids a copy named DEST_ID would get; writes nothing.\n"
    "       blockrt library-content status LCB_KEY [--user U] [--db FILE] [--json]\n"
    "  status  Studio's validation of the block (no library selected; library missing;\n"
    "        out of date; fewer matching than max_count; none matching) and ours:\n"
    "        children holding no library defaults, children not linked to the library.\n"
    "        Exits 1 when it finds anything.\n"
    "--user U acts as U (sync, duplicate, mapping, status: course staff and a learner of the "
    "library; "
    "reset: the\n"
    "learner).\n"
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

json EventsJson(std::vector<contexts::TrackingEvent> events) {
  json out = json::array();
  for (const contexts::TrackingEvent& e : events) {
    out.push_back({{"name", e.name},
                   {"usage_key", e.usage_key},
                   {"data", json::parse(e.data, nullptr, false)}});
  }
  return out;
}

Status Reset(const CommonFlags& f, runtime::Engine& engine, json* result, std::string* text) {
  const contexts::User learner(f.user);
  runtime::Runtime rt = engine.NewRuntime(runtime::Mode::kLms, learner);
  BLOCKRT_ASSIGN_OR_RETURN(runtime::Block block, rt.LoadBlock(f.positional[1]));
  BLOCKRT_ASSIGN_OR_RETURN(lc::ResetReport r,
                           lc::ResetSelection(engine.store(), learner, block.usage_key().text(),
                                              block.olx(), block.children()));
  // The next view, as the reference returns the new student_view.
  runtime::Runtime next = engine.NewRuntime(runtime::Mode::kLms, learner);
  BLOCKRT_ASSIGN_OR_RETURN(runtime::Block now, next.LoadBlock(f.positional[1]));
  json selected = json::array();
  for (const keys::Key& k : now.children()) selected.push_back(k.text());
  *result = {{"usage_key", now.usage_key().text()},
             {"user", f.user},
             {"reset", r.reset},
             {"resets", r.resets},
             {"selected", selected},
             {"events", EventsJson(next.TakeEvents())}};
  *text = "reset " + std::to_string(r.reset.size()) + " problem(s) of " + f.user +
          "'s selection of " + now.usage_key().text() + "; now selected:";
  for (const keys::Key& k : now.children()) *text += "\n  " + k.text();
  return Status::OK();
}

void MappingOut(const lc::DuplicateReport& r, json* result, std::string* text) {
  json children = json::array();
  for (const lc::ChildMapping& m : r.children) {
    children.push_back(
        {{"from", m.from},
         {"to", m.to},
         {"library_key", m.library_key.empty() ? json(nullptr) : json(m.library_key)},
         {"depth", m.depth}});
    *text += "\n" + std::string(2 + 2 * m.depth, ' ') + m.from + " -> " + m.to +
             (m.library_key.empty() ? " (unlinked)" : " <- " + m.library_key);
  }
  *result = {{"usage_key", r.source},
             {"copy", r.copy},
             {"library_version", r.library_version},
             {"children", children}};
}

Status Duplicate(const CommonFlags& f, runtime::Engine& engine, json* result, std::string* text) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key lcb,
                           keys::Key::Parse(f.positional[1], keys::KeyBase::kUsageKey));
  contexts::CourseAuthoring authoring =
      contexts::CourseAuthoring(&engine.courses()).As(contexts::User(f.user));
  contexts::LibrarySource libraries(&engine.libraries(), &engine.v1_libraries());
  std::optional<std::string> as;
  if (const std::string* id = OptionValue(f, "--as")) as = *id;
  BLOCKRT_ASSIGN_OR_RETURN(lc::DuplicateReport r,
                           lc::DuplicateLibraryContent(authoring, libraries, lcb.view(), as));
  MappingOut(r, result, text);
  (*result)["files"] = r.files;
  *text = "duplicated " + r.source + " as " + r.copy + " (" + std::to_string(r.files.size()) +
          " file(s) written)" + *text;
  return Status::OK();
}

Status Mapping(const CommonFlags& f, runtime::Engine& engine, json* result, std::string* text) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key lcb,
                           keys::Key::Parse(f.positional[1], keys::KeyBase::kUsageKey));
  contexts::CourseAuthoring authoring =
      contexts::CourseAuthoring(&engine.courses()).As(contexts::User(f.user));
  contexts::LibrarySource libraries(&engine.libraries(), &engine.v1_libraries());
  BLOCKRT_ASSIGN_OR_RETURN(
      lc::DuplicateReport r,
      lc::MapLibraryContentChildren(authoring, libraries, lcb.view(), f.positional[2]));
  MappingOut(r, result, text);
  *text = "children of " + r.source + " as copied into " + r.copy +
          (r.library_version > 0 ? " (library version " + std::to_string(r.library_version) + ")"
                                 : std::string(" (library not readable: nothing linked)")) +
          *text;
  return Status::OK();
}

Status StatusSub(const CommonFlags& f, runtime::Engine& engine, json* result, std::string* text) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key lcb,
                           keys::Key::Parse(f.positional[1], keys::KeyBase::kUsageKey));
  contexts::CourseAuthoring authoring =
      contexts::CourseAuthoring(&engine.courses()).As(contexts::User(f.user));
  contexts::LibrarySource libraries(&engine.libraries(), &engine.v1_libraries());
  BLOCKRT_ASSIGN_OR_RETURN(lc::LcbStatus s,
                           lc::LibraryContentStatus(authoring, libraries, lcb.view()));
  json messages = json::array();
  for (const lc::StatusMessage& m : s.messages) {
    messages.push_back({{"level", m.level}, {"id", m.id}, {"text", m.text}});
  }
  *result = {{"usage_key", s.usage_key},
             {"library", s.library_id},
             {"version", s.version},
             {"latest_version", s.latest_version},
             {"checked_version", s.checked_version},
             {"children", s.children},
             {"max_count", s.max_count},
             {"capa_type", s.capa_type},
             {"valid", s.valid()},
             {"summary", messages.empty() ? json(nullptr) : messages[0]},
             {"messages", messages},
             {"defaults_missing", s.defaults_missing},
             {"not_linked", s.not_linked}};
  *text = s.usage_key + ": library " + (s.library_id.empty() ? "(none)" : s.library_id) +
          ", version " + (s.version.empty() ? "(none)" : s.version) + " (latest " +
          (s.latest_version > 0 ? std::to_string(s.latest_version) : std::string("none")) + "), " +
          std::to_string(s.children) + " children, max_count " + std::to_string(s.max_count) +
          ", capa_type " + s.capa_type;
  if (s.valid()) *text += "\nvalid";
  for (const lc::StatusMessage& m : s.messages) *text += "\n" + m.level + ": " + m.text;
  for (const std::string& k : s.defaults_missing) *text += "\n  no defaults: " + k;
  for (const std::string& k : s.not_linked) *text += "\n  not linked: " + k;
  return Status::OK();
}

// A usage error of the flags, or "" when they are fine.
std::string CheckUsage(const std::string& sub, const CommonFlags& f) {
  const std::string* version = OptionValue(f, "--version");
  if (sub != "sync" &&
      (version != nullptr || HasSwitch(f, "--latest") || HasSwitch(f, "--dry-run"))) {
    return "--version, --latest and --dry-run are options of sync";
  }
  if (sub != "duplicate" && OptionValue(f, "--as") != nullptr) {
    return "--as is an option of duplicate";
  }
  if (sub == "reset" && (f.user.empty() || contexts::User(f.user).is_anonymous())) {
    return "reset needs --user U (an identified learner)";
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
    {"sync", 1, Sync},       {"reset", 1, Reset},      {"duplicate", 1, Duplicate},
    {"mapping", 2, Mapping}, {"status", 1, StatusSub},
};

}  // namespace

int RunLibraryContent(const Invocation& inv) {
  CommonFlags f;
  f.mode = runtime::Mode::kStudio;
  if (!ParseCommonFlags(inv.args, {"--version", "--as"}, {"--latest", "--dry-run"}, &f, inv.err,
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
  // status: what it found is a finding.
  return result.contains("valid") && result["valid"] == false ? kExitFindings : kExitOk;
}

}  // namespace blockrt::cli
