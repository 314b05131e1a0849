// The store forms of `blockrt course`: courses (course-v1:ORG+COURSE+RUN)
// kept as bundles of OLX export files, edited in the draft 'studio_draft'.
#include <functional>
#include <ostream>

#include "cli/json_text.h"
#include "cli/olx_commands.h"
#include "cli/runtime_cli.h"
#include "contexts/course_authoring.h"

namespace blockrt::cli {
namespace {

using nlohmann::json;

struct Sub {
  const char* name;
  size_t args;        // positional arguments required
  const char* usage;  // after "blockrt course "
};

const Sub kSubs[] = {
    {"create", 1, "create COURSE [--title T] [--admin USER] [--public]"},
    {"import", 2, "import DIR COURSE [--admin USER]"},
    {"export", 2, "export COURSE OUT [--published]"},
    {"publish", 1, "publish COURSE"},
    {"discard", 1, "discard COURSE"},
    {"status", 1, "status COURSE"},
    {"role", 3, "role COURSE USER staff|learner|none"},
    {"list", 0, "list"},
    {"delete", 1, "delete COURSE"},
    {"blocks", 1, "blocks COURSE [--lms]"},
    {"add-block", 3, "add-block PARENT_KEY TYPE ID [--olx FILE] [--after SIBLING_KEY]"},
    {"delete-block", 1, "delete-block BLOCK_KEY"},
    {"set", 3, "set BLOCK_KEY FIELD VALUE"},
    {"unset", 2, "unset BLOCK_KEY FIELD"},
};

constexpr char kCommonHelp[] =
    "\n"
    "COURSE is course-v1:ORG+COURSE+RUN, kept in the store FILE of --db FILE\n"
    "($BLOCKRT_STORE, else ./blockrt.db) as a bundle holding the course as an\n"
    "OLX export. Edits go to the draft 'studio_draft' (Studio); learners see the\n"
    "latest published version (LMS).\n"
    "  import   the export DIR becomes the draft (creating the course): files DIR\n"
    "           lacks are deleted; an export of another run is rewritten to COURSE\n"
    "  export   the draft (or --published, the latest version), byte for byte\n"
    "  blocks   the tree, one block per line: indent, type, usage key, display name\n"
    "           (the draft; --lms the published tree; --json one object per line)\n"
    "  set      a settings or content field (`data` for problem/html markup)\n"
    "--user USER acts as USER: staff edit and see drafts, learners see published\n"
    "content, --public lets anyone learn. Without --user nothing is checked.\n"
    "--json prints one JSON object per line; errors as {\"error\":{...}}.\n"
    "exit codes: 0 ok, 1 refused (not found, exists, invalid input, denied),\n"
    "2 usage or I/O error\n";

std::string DisplayName(const olx::CourseBlock& b) {
  if (const olx::CourseField* f = b.definition.field("display_name")) return std::string(f->value);
  if (const std::string_view* a = b.definition.attribute("display_name")) return std::string(*a);
  return "";
}

// The tree from the root, depth first in document order (iterative: deep
// trees cannot overflow), each block once with its depth.
void WalkTree(const olx::Course& c, const std::function<void(uint32_t, uint32_t)>& visit) {
  if (c.blocks.empty()) return;
  std::vector<std::pair<uint32_t, uint32_t>> stack = {{0, 0}};
  while (!stack.empty()) {
    auto [index, depth] = stack.back();
    stack.pop_back();
    visit(index, depth);
    const auto& children = c.blocks[index].children;
    for (size_t i = children.size(); i-- > 0;) stack.emplace_back(children[i], depth + 1);
  }
}

// Runs one subcommand; fills *result for --json and *text for people (lines
// of --json output, when a command prints several, go to *lines).
Status RunSub(const std::string& sub, const CommonFlags& f, runtime::Engine& engine,
              std::istream* in, json* result, std::string* text, std::vector<json>* lines) {
  contexts::CourseAuthoring a =
      contexts::CourseAuthoring(&engine.courses()).As(contexts::User(f.user));
  const auto& p = f.positional;
  auto block = [&](const std::string& s) { return keys::Key::Parse(s, keys::KeyBase::kUsageKey); };
  if (sub == "create") {
    contexts::NewCourse spec;
    spec.key = p[0];
    if (const std::string* t = OptionValue(f, "--title")) spec.title = *t;
    if (const std::string* u = OptionValue(f, "--admin")) spec.admin = *u;
    spec.allow_public_learning = HasSwitch(f, "--public");
    BLOCKRT_ASSIGN_OR_RETURN(contexts::CourseInfo info, a.CreateCourse(spec));
    *result = {{"course", info.key}, {"bundle", info.bundle_uuid}};
    *text = "created " + info.key + " (bundle " + info.bundle_uuid + ")";
  } else if (sub == "import") {
    const std::string* admin = OptionValue(f, "--admin");
    BLOCKRT_ASSIGN_OR_RETURN(contexts::CourseImportReport r,
                             a.ImportCourse(p[0], p[1], admin ? *admin : std::string()));
    BLOCKRT_ASSIGN_OR_RETURN(std::string key, contexts::CanonicalCourseKey(p[1]));
    *result = {{"course", key},         {"created", r.created},
               {"files", r.files_seen}, {"files_changed", r.files_changed},
               {"deleted", r.deleted},  {"from", r.from_key},
               {"moved", r.moved},      {"rewritten", r.rewritten},
               {"blocks", r.blocks},    {"errors", r.errors},
               {"warnings", r.warnings}};
    *text = "imported " + std::to_string(r.files_seen) + " files into " + key + " (draft" +
            (r.created ? ", new course" : "") + "): " + std::to_string(r.blocks) + " blocks, " +
            std::to_string(r.errors) + " errors, " + std::to_string(r.warnings) + " warnings";
    if (r.from_key != key) {
      *text += "\nthe export names " + r.from_key + ": moved " + std::to_string(r.moved.size()) +
               " files, wrote " + std::to_string(r.rewritten.size()) + " naming " + key;
    }
    for (const std::string& path : r.deleted) *text += "\n  deleted " + path;
  } else if (sub == "export") {
    const bool published = HasSwitch(f, "--published");
    BLOCKRT_ASSIGN_OR_RETURN(int64_t files, a.ExportCourse(p[0], p[1], published));
    *result = {{"course", p[0]}, {"out", p[1]}, {"files", files}, {"published", published}};
    *text = "exported " + std::to_string(files) + " files of " + p[0] + " (" +
            (published ? "latest version" : "draft") + ") to " + p[1];
  } else if (sub == "publish") {
    BLOCKRT_ASSIGN_OR_RETURN(int64_t version, a.Publish(p[0]));
    *result = {{"course", p[0]}, {"version", version}};
    *text = "published " + p[0] + " as version " + std::to_string(version);
  } else if (sub == "discard") {
    BLOCKRT_RETURN_IF_ERROR(a.Discard(p[0]));
    *result = {{"course", p[0]}, {"discarded", true}};
    *text = "discarded unpublished changes of " + p[0];
  } else if (sub == "status") {
    BLOCKRT_ASSIGN_OR_RETURN(contexts::CourseStatus st, a.GetStatus(p[0]));
    json changes = json::array(), versions = json::array(), roles = json::object();
    for (const auto& c : st.changes)
      changes.push_back(
          {{"kind", std::string(store::DraftChangeKindName(c.kind))}, {"path", c.name}});
    for (const auto& v : st.versions) {
      versions.push_back(
          {{"version", v.version}, {"author", v.author}, {"description", v.change_description}});
    }
    std::string role_text;
    for (const auto& [user, role] : st.info.roles) {
      roles[user] = std::string(contexts::CourseRoleName(role));
      role_text += (role_text.empty() ? "" : ", ") + user + "=" +
                   std::string(contexts::CourseRoleName(role));
    }
    *result = {{"course", st.info.key},
               {"title", st.info.title},
               {"bundle", st.info.bundle_uuid},
               {"allow_public_learning", st.info.allow_public_learning},
               {"roles", roles},
               {"has_unpublished_changes", st.has_draft_changes},
               {"changes", changes},
               {"versions", versions}};
    *text = st.info.key + " \"" + st.info.title + "\" (bundle " + st.info.bundle_uuid + ")\n" +
            "published versions: " + std::to_string(st.versions.size()) + "\n" +
            "roles: " + (role_text.empty() ? "none" : role_text) +
            (st.info.allow_public_learning ? "; public learning" : "") + "\n" +
            (st.has_draft_changes ? std::to_string(st.changes.size()) + " unpublished changes"
                                  : std::string("no unpublished changes"));
    for (const auto& c : st.changes)
      *text += "\n  " + std::string(store::DraftChangeKindName(c.kind)) + " " + c.name;
  } else if (sub == "role") {
    std::optional<contexts::CourseRole> role = contexts::CourseRoleFromName(p[2]);
    if (!role) return Status::InvalidArgument("unknown role '" + p[2] + "' (staff|learner|none)");
    BLOCKRT_RETURN_IF_ERROR(a.SetRole(p[0], p[1], *role));
    *result = {{"course", p[0]}, {"user", p[1]}, {"role", p[2]}};
    *text = p[1] + " is now " + p[2] + " of " + p[0];
  } else if (sub == "list") {
    BLOCKRT_ASSIGN_OR_RETURN(auto courses, a.ListCourses());
    json arr = json::array();
    for (const auto& c : courses) {
      arr.push_back({{"course", c.key},
                     {"title", c.title},
                     {"bundle", c.bundle_uuid},
                     {"allow_public_learning", c.allow_public_learning}});
      *text += c.key + "\t" + c.title + "\n";
    }
    *result = {{"courses", arr}};
    if (!text->empty()) text->pop_back();
  } else if (sub == "delete") {
    BLOCKRT_RETURN_IF_ERROR(a.DeleteCourse(p[0]));
    *result = {{"deleted_course", p[0]}};
    *text = "deleted " + p[0] + " (run 'blockrt store gc' to reclaim its bytes)";
  } else if (sub == "blocks") {
    const bool lms = f.mode == runtime::Mode::kLms;
    BLOCKRT_ASSIGN_OR_RETURN(auto view, a.Tree(p[0], lms));
    const olx::Course& c = view->course;
    WalkTree(c, [&](uint32_t i, uint32_t depth) {
      const olx::CourseBlock& b = c.blocks[i];
      std::string name = DisplayName(b);
      lines->push_back({{"depth", depth},
                        {"block_type", b.definition.block_type},
                        {"usage_key", b.usage_key},
                        {"display_name", name},
                        {"children", b.children.size()}});
      *text += std::string(2 * depth, ' ') + std::string(b.definition.block_type) + " " +
               std::string(b.usage_key) + (name.empty() ? "" : " " + name) + "\n";
    });
    if (!text->empty()) text->pop_back();
  } else if (sub == "add-block") {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key parent, block(p[0]));
    std::optional<std::string> olx;
    if (const std::string* file = OptionValue(f, "--olx")) {
      BLOCKRT_ASSIGN_OR_RETURN(olx, ReadInput(*file, in));
    }
    std::optional<keys::Key> after;
    if (const std::string* sibling = OptionValue(f, "--after")) {
      BLOCKRT_ASSIGN_OR_RETURN(after, block(*sibling));
    }
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key created,
                             a.AddBlock(parent.view(), p[1], p[2],
                                        olx ? std::optional<std::string_view>(*olx) : std::nullopt,
                                        after ? &after->view() : nullptr));
    *result = {{"usage_key", created.text()}, {"parent", parent.text()}};
    *text = "created " + created.text();
  } else if (sub == "delete-block") {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, block(p[0]));
    BLOCKRT_RETURN_IF_ERROR(a.DeleteBlock(k.view()));
    *result = {{"deleted", k.text()}};
    *text = "deleted " + k.text() + " and its subtree";
  } else if (sub == "set") {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, block(p[0]));
    BLOCKRT_RETURN_IF_ERROR(a.SetField(k.view(), p[1], p[2]));
    *result = {{"usage_key", k.text()}, {"field", p[1]}, {"value", p[2]}};
    *text = "set " + p[1] + " of " + k.text();
  } else if (sub == "unset") {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, block(p[0]));
    BLOCKRT_RETURN_IF_ERROR(a.UnsetField(k.view(), p[1]));
    *result = {{"usage_key", k.text()}, {"field", p[1]}, {"unset", true}};
    *text = "unset " + p[1] + " of " + k.text();
  }
  return Status::OK();
}

}  // namespace

bool IsCourseStoreSub(const std::string& name) {
  for (const Sub& s : kSubs) {
    if (name == s.name) return true;
  }
  return false;
}

void PrintCourseStoreUsage(std::ostream& os) {
  for (const Sub& s : kSubs) os << "  blockrt course " << s.usage << "\n";
}

int RunCourseStore(const Invocation& inv, const std::string& sub,
                   const std::vector<std::string>& args) {
  const Sub* found = nullptr;
  for (const Sub& s : kSubs) {
    if (sub == s.name) found = &s;
  }
  const std::string command = "course " + sub;
  if (found == nullptr) {
    *inv.err << "blockrt course: unknown subcommand '" << sub << "' (see --help)\n";
    return kExitUsage;
  }
  CommonFlags f;
  f.mode = runtime::Mode::kStudio;  // `course blocks` lists the draft unless --lms
  if (!ParseCommonFlags(args, {"--title", "--admin", "--olx", "--after"},
                        {"--public", "--published"}, &f, inv.err, command.c_str())) {
    return kExitUsage;
  }
  if (f.help) {
    *inv.out << "usage: blockrt course " << found->usage << " [--db FILE] [--user USER] [--json]\n"
             << kCommonHelp;
    return kExitOk;
  }
  if (f.positional.size() != found->args) {
    *inv.err << "blockrt " << command << ": expected " << found->args << " argument(s), got "
             << f.positional.size() << "\nusage: blockrt course " << found->usage << "\n";
    return kExitUsage;
  }
  const bool creates = sub == "create" || sub == "import";
  Result<std::unique_ptr<runtime::Engine>> engine = OpenEngine(f, creates);
  if (!engine.ok()) return ReportError(f, command.c_str(), engine.status(), inv.out, inv.err);
  json result;
  std::string text;
  std::vector<json> lines;
  Status st = RunSub(sub, f, **engine, inv.in, &result, &text, &lines);
  if (!st.ok()) return ReportError(f, command.c_str(), st, inv.out, inv.err);
  if (f.json) {
    if (sub == "blocks") {
      for (const json& line : lines) *inv.out << JsonText(line) << "\n";
    } else {
      result["ok"] = true;
      *inv.out << JsonText(result) << "\n";
    }
  } else if (!text.empty()) {
    *inv.out << text << "\n";
  }
  return kExitOk;
}

}  // namespace blockrt::cli
