// blockrt load / blockrt render: the runtime seen from the command line.
#include <algorithm>
#include <ostream>

#include "cli/errors.h"
#include "cli/json_text.h"
#include "cli/number_arg.h"
#include "cli/runtime_cli.h"

namespace blockrt::cli {
namespace {

constexpr char kLoadHelp[] =
    "usage: blockrt load KEY [--studio|--lms] [--user U] [--depth N] [--db FILE] [--json]\n"
    "\n"
    "Loads the block KEY (lb:ORG:LIB:TYPE:ID) as Studio (draft, needs edit rights) or the\n"
    "LMS (published, needs view rights; the default) would, and prints it with its fields\n"
    "and its children down to depth N (default 1) as JSON. --json prints one block per\n"
    "line instead. Without --user no permission check is made.\n"
    "\n"
    "exit codes: 0 ok, 1 not found/not allowed (or a child failed to load), 2 usage/I/O\n";

constexpr char kRenderHelp[] =
    "usage: blockrt render KEY [--view V] [--studio|--lms] [--user U] [--db FILE] [--json]\n"
    "\n"
    "Renders a block's view as an HTML fragment: student_view (default with --user),\n"
    "public_view (default without a user) or author_view. /static/ references become\n"
    "signed, expiring asset URLs. --json prints {content, resources, events}: events are\n"
    "the tracking events the loads published (a learner's first view of a library_content\n"
    "block: edx.librarycontentblock.content.assigned). In the LMS a library_content block\n"
    "shows the learner's selection of its children; Studio shows them all.\n"
    "\n"
    "exit codes: 0 ok, 1 not found/not allowed/unrenderable, 2 usage/I/O\n";

// Blocks one `load` prints at most: a block including the same child many
// times would otherwise print 2^depth of them.
constexpr size_t kMaxLoadedBlocks = 10000;

struct LoadWalk {
  std::vector<nlohmann::json> lines;
  std::vector<std::string> path;  // usage keys above the block being loaded
  bool child_failed = false;
  bool too_many = false;
};

nlohmann::json ChildError(const std::string& key, const Status& st) {
  return {{"usage_key", key},
          {"error", st.message()},
          {"code", std::string(Status::CodeName(st.code()))}};
}

// Appends `block` and its descendants (to `depth`) to walk->lines (flat) and
// returns the nested JSON. Records whether any child failed.
nlohmann::json LoadTree(const runtime::Runtime& rt, const runtime::Block& block, int depth,
                        LoadWalk* walk) {
  nlohmann::json j = BlockJson(rt, block);
  walk->lines.push_back(j);
  if (depth <= 0) return j;
  nlohmann::json kids = nlohmann::json::array();
  walk->path.push_back(block.usage_key().text());
  for (const keys::Key& k : block.children()) {
    if (walk->lines.size() >= kMaxLoadedBlocks) {
      walk->too_many = true;
      break;
    }
    // A stored bundle may hold a cycle written before cycles were refused.
    const bool cycle =
        std::find(walk->path.begin(), walk->path.end(), k.text()) != walk->path.end();
    Result<runtime::Block> child = cycle ? Result<runtime::Block>(Status::FailedPrecondition(
                                               "include cycle: " + k.text() + " includes itself"))
                                         : rt.LoadBlock(k.text());
    if (!child.ok()) {
      const Status& st = child.status();
      walk->child_failed = true;
      nlohmann::json err = ChildError(k.text(), st);
      walk->lines.push_back(err);
      kids.push_back(std::move(err));
      continue;
    }
    kids.push_back(LoadTree(rt, *child, depth - 1, walk));
  }
  walk->path.pop_back();
  j["children_blocks"] = std::move(kids);
  return j;
}

}  // namespace

int RunLoad(const Invocation& inv) {
  CommonFlags f;
  if (!ParseCommonFlags(inv.args, {"--depth"}, {}, &f, inv.err, "load")) return kExitUsage;
  if (f.help) {
    *inv.out << kLoadHelp;
    return kExitOk;
  }
  if (f.positional.size() != 1) {
    *inv.err << "blockrt load: expected one usage key (see --help)\n";
    return kExitUsage;
  }
  int depth = 1;
  if (const std::string* d = OptionValue(f, "--depth")) {
    Result<int64_t> v = ParseIntArg("--depth", *d, 0, 64);
    if (!v.ok()) return PrintUsageError(inv, "load", v.status().message());
    depth = static_cast<int>(*v);
  }
  auto engine = OpenEngine(f);
  if (!engine.ok()) return ReportError(f, "load", engine.status(), inv.out, inv.err);
  runtime::Runtime rt = (*engine)->NewRuntime(f.mode, contexts::User(f.user));
  Result<runtime::Block> block = rt.LoadBlock(f.positional[0]);
  if (!block.ok()) return ReportError(f, "load", block.status(), inv.out, inv.err);
  LoadWalk walk;
  nlohmann::json tree = LoadTree(rt, *block, depth, &walk);
  if (walk.too_many) {
    return ReportError(
        f, "load",
        Status::FailedPrecondition("load of " + f.positional[0] + " stopped after " +
                                   std::to_string(kMaxLoadedBlocks) +
                                   " blocks (a block includes the same children many times over?); "
                                   "use a smaller --depth"),
        inv.out, inv.err);
  }
  const std::vector<nlohmann::json>& lines = walk.lines;
  const bool child_failed = walk.child_failed;
  if (f.json) {
    for (const auto& line : lines) {
      nlohmann::json flat = line;
      flat.erase("children_blocks");
      *inv.out << JsonText(flat) << "\n";
    }
  } else {
    tree["mode"] = std::string(runtime::ModeName(f.mode));
    *inv.out << JsonText(tree, 2) << "\n";
  }
  return child_failed ? kExitFindings : kExitOk;
}

int RunRender(const Invocation& inv) {
  CommonFlags f;
  if (!ParseCommonFlags(inv.args, {"--view"}, {}, &f, inv.err, "render")) return kExitUsage;
  if (f.help) {
    *inv.out << kRenderHelp;
    return kExitOk;
  }
  if (f.positional.size() != 1) {
    *inv.err << "blockrt render: expected one usage key (see --help)\n";
    return kExitUsage;
  }
  std::string view = f.user.empty() ? "public_view" : "student_view";
  if (const std::string* v = OptionValue(f, "--view")) view = *v;
  auto engine = OpenEngine(f);
  if (!engine.ok()) return ReportError(f, "render", engine.status(), inv.out, inv.err);
  runtime::Runtime rt = (*engine)->NewRuntime(f.mode, contexts::User(f.user));
  Result<runtime::Block> block = rt.LoadBlock(f.positional[0]);
  if (!block.ok()) return ReportError(f, "render", block.status(), inv.out, inv.err);
  Result<runtime::Fragment> frag = rt.Render(*block, view);
  if (!frag.ok()) return ReportError(f, "render", frag.status(), inv.out, inv.err);
  if (f.json) {
    nlohmann::json res = nlohmann::json::array();
    for (const auto& r : frag->resources) {
      res.push_back({{"kind", r.kind},
                     {"data", r.data},
                     {"mimetype", r.mimetype},
                     {"placement", r.placement}});
    }
    // What the loads published (a learner's first view of a library_content
    // block assigns its children).
    nlohmann::json events = nlohmann::json::array();
    for (const contexts::TrackingEvent& e : rt.TakeEvents()) {
      events.push_back({{"name", e.name},
                        {"usage_key", e.usage_key},
                        {"data", nlohmann::json::parse(e.data, nullptr, false)}});
    }
    *inv.out << JsonText(nlohmann::json{{"usage_key", block->usage_key().text()},
                                        {"view", view},
                                        {"content", frag->content},
                                        {"resources", res},
                                        {"events", events}})
             << "\n";
  } else {
    *inv.out << frag->content << "\n";
  }
  return kExitOk;
}

}  // namespace blockrt::cli
