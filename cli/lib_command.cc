// blockrt lib: content-library authoring over the local store. v2 libraries
// here; a library-v1 key sends the subcommand to cli/lib_v1_command.cc.
#include "cli/json_text.h"
#include "cli/lib_v1.h"
#include "cli/runtime_cli.h"
#include "contexts/library_authoring.h"

namespace blockrt::cli {
namespace {

constexpr char kLibHelp[] =
    "usage: blockrt lib <subcommand> [args] [--db FILE] [--json]\n"
    "\n"
    "Content libraries (lib:ORG:SLUG) and v1 libraries (library-v1:ORG+LIB) in the\n"
    "store FILE (default ./blockrt.db). Authoring writes the draft 'studio_draft';\n"
    "learners see published versions, numbered 1, 2... per library.\n"
    "\n"
    "  create LIB [--title T] [--admin USER] [--public]   create a library\n"
    "  list                                               list libraries\n"
    "  delete LIB                                         delete a library and its bundle\n"
    "  role LIB USER ROLE                                 set admin|author|learner|none\n"
    "  add-block LIB TYPE ID [--parent USAGE]             create a block (and include it)\n"
    "  set-olx USAGE FILE                                 replace a block's OLX ('-' = stdin)\n"
    "  get-olx USAGE                                      print a block's draft OLX\n"
    "  delete-block USAGE                                 delete a top-level block\n"
    "  add-asset USAGE NAME FILE                          store FILE as TYPE/ID/static/NAME\n"
    "  delete-asset USAGE NAME                            remove an asset\n"
    "  import LIB DIR [--merge]                           load a bundle-layout directory\n"
    "                                                     (mirrors it: deletes and lists draft\n"
    "                                                     files DIR lacks; --merge never deletes)\n"
    "  publish LIB | discard LIB | status LIB             draft workflow\n"
    "  blocks LIB [--studio|--lms] [--all]                top-level (or all) blocks\n"
    "  export LIB OUT [--published]                       write the draft (or latest\n"
    "                                                     version) to the new folder OUT\n"
    "\n"
    "v1 libraries: create, list, delete, role, import, publish, discard, status,\n"
    "blocks and export. `import library-v1:ORG+LIB DIR [--admin U]` loads a\n"
    "library.xml export (mirroring; under another key library.xml is rewritten);\n"
    "`blocks` lists library.xml's children in its order. Roles are staff (edit,\n"
    "publish, grant; admin and author mean staff) and learner (view).\n"
    "\n"
    "--user USER acts as USER: reading or writing drafts, importing and publishing\n"
    "need the author role, roles need admin (see README). Without --user nothing\n"
    "is checked (a local tool acting for the store's owner).\n"
    "\n"
    "exit codes: 0 ok, 1 refused (not found, exists, invalid OLX...), 2 usage or I/O error\n";

struct Sub {
  const char* name;
  size_t args;  // positional arguments required
};

// Runs one subcommand; fills *result for --json and *text for people.
Status RunSub(const std::string& sub, const CommonFlags& f, runtime::Engine& engine,
              std::istream* in, nlohmann::json* result, std::string* text) {
  // Every subcommand acts as --user when one is named (checked per library).
  contexts::LibraryAuthoring a = engine.authoring().As(contexts::User(f.user));
  const auto& p = f.positional;
  auto usage = [&](size_t i) { return keys::Key::Parse(p[i], keys::KeyBase::kUsageKeyV2); };
  if (sub == "create") {
    contexts::NewLibrary spec;
    spec.key = p[0];
    if (const std::string* t = OptionValue(f, "--title")) spec.title = *t;
    if (const std::string* u = OptionValue(f, "--admin")) spec.admin = *u;
    spec.allow_public_learning = HasSwitch(f, "--public");
    BLOCKRT_ASSIGN_OR_RETURN(contexts::LibraryInfo info, a.CreateLibrary(spec));
    *result = {{"library", info.key}, {"bundle", info.bundle_uuid}};
    *text = "created " + info.key + " (bundle " + info.bundle_uuid + ")";
  } else if (sub == "list") {
    BLOCKRT_ASSIGN_OR_RETURN(auto libs, a.ListLibraries());
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& l : libs) {
      arr.push_back({{"library", l.key},
                     {"title", l.title},
                     {"bundle", l.bundle_uuid},
                     {"allow_public_learning", l.allow_public_learning}});
      *text += l.key + "\t" + l.title + "\n";
    }
    BLOCKRT_RETURN_IF_ERROR(ListV1Libraries(f, engine, &arr, text));
    *result = {{"libraries", arr}};
    if (!text->empty()) text->pop_back();
  } else if (sub == "delete") {
    BLOCKRT_RETURN_IF_ERROR(a.DeleteLibrary(p[0]));
    *result = {{"deleted_library", p[0]}};
    *text = "deleted " + p[0] + " (run 'blockrt store gc' to reclaim its bytes)";
  } else if (sub == "role") {
    std::optional<contexts::LibraryRole> role = contexts::LibraryRoleFromName(p[2]);
    if (!role)
      return Status::InvalidArgument("unknown role '" + p[2] + "' (admin|author|learner|none)");
    BLOCKRT_RETURN_IF_ERROR(a.SetRole(p[0], p[1], *role));
    *result = {{"library", p[0]}, {"user", p[1]}, {"role", p[2]}};
    *text = p[1] + " is now " + p[2] + " of " + p[0];
  } else if (sub == "add-block") {
    Result<keys::Key> created = Status::Internal("unset");
    if (const std::string* parent = OptionValue(f, "--parent")) {
      BLOCKRT_ASSIGN_OR_RETURN(keys::Key pk, keys::Key::Parse(*parent, keys::KeyBase::kUsageKeyV2));
      created = a.CreateChildBlock(p[0], pk.view(), p[1], p[2]);
    } else {
      created = a.CreateBlock(p[0], p[1], p[2]);
    }
    if (!created.ok()) return created.status();
    *result = {{"usage_key", created->text()}};
    *text = "created " + created->text();
  } else if (sub == "set-olx") {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, usage(0));
    BLOCKRT_ASSIGN_OR_RETURN(std::string olx, ReadInput(p[1], in));
    BLOCKRT_RETURN_IF_ERROR(a.SetOlx(k.view(), olx));
    *result = {{"usage_key", k.text()}, {"bytes", olx.size()}};
    *text = "updated " + k.text();
  } else if (sub == "get-olx") {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, usage(0));
    BLOCKRT_ASSIGN_OR_RETURN(std::string olx, a.GetOlx(k.view()));
    *result = {{"usage_key", k.text()}, {"olx", olx}};
    *text = olx;
  } else if (sub == "delete-block") {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, usage(0));
    BLOCKRT_RETURN_IF_ERROR(a.DeleteBlock(k.view()));
    *result = {{"deleted", k.text()}};
    *text = "deleted " + k.text();
  } else if (sub == "add-asset") {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, usage(0));
    BLOCKRT_ASSIGN_OR_RETURN(std::string bytes, ReadInput(p[2], in));
    BLOCKRT_RETURN_IF_ERROR(a.AddAsset(k.view(), p[1], bytes));
    *result = {{"usage_key", k.text()}, {"asset", p[1]}, {"bytes", bytes.size()}};
    *text = "stored asset " + p[1] + " of " + k.text();
  } else if (sub == "delete-asset") {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, usage(0));
    BLOCKRT_RETURN_IF_ERROR(a.DeleteAsset(k.view(), p[1]));
    *result = {{"usage_key", k.text()}, {"deleted_asset", p[1]}};
    *text = "deleted asset " + p[1];
  } else if (sub == "import") {
    const bool merge = HasSwitch(f, "--merge");
    BLOCKRT_ASSIGN_OR_RETURN(contexts::ImportReport report, a.ImportDirectory(p[0], p[1], merge));
    *result = {{"library", p[0]},
               {"files", report.files_seen},
               {"mode", merge ? "merge" : "mirror"},
               {"deleted", report.deleted}};
    *text = "imported " + std::to_string(report.files_seen) + " files into " + p[0] + " (draft)";
    if (!report.deleted.empty()) {
      *text += "; deleted " + std::to_string(report.deleted.size()) +
               " draft files not in the folder (use --merge to keep them):";
      for (const std::string& path : report.deleted) *text += "\n  deleted " + path;
    }
  } else if (sub == "publish") {
    BLOCKRT_ASSIGN_OR_RETURN(int64_t version, a.Publish(p[0]));
    *result = {{"library", p[0]}, {"version", version}};
    *text = "published " + p[0] + " as version " + std::to_string(version);
  } else if (sub == "discard") {
    BLOCKRT_RETURN_IF_ERROR(a.Discard(p[0]));
    *result = {{"library", p[0]}, {"discarded", true}};
    *text = "discarded unpublished changes of " + p[0];
  } else if (sub == "status") {
    BLOCKRT_ASSIGN_OR_RETURN(bool changed, a.HasUnpublishedChanges(p[0]));
    *result = {{"library", p[0]}, {"has_unpublished_changes", changed}};
    *text = changed ? "unpublished changes" : "no unpublished changes";
  } else if (sub == "export") {
    const bool published = HasSwitch(f, "--published");
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key lib,
                             keys::Key::Parse(p[0], keys::KeyBase::kLibraryLocatorV2));
    BLOCKRT_RETURN_IF_ERROR(a.Authorize(
        p[0], published ? contexts::LibraryRole::kLearner : contexts::LibraryRole::kAuthor));
    BLOCKRT_ASSIGN_OR_RETURN(auto info, engine.libraries().Library(lib.view()));
    store::Store& st = engine.store();
    BLOCKRT_ASSIGN_OR_RETURN(store::BundleInfo bundle, st.GetBundle(info->bundle_uuid));
    if (published && bundle.latest_version == 0) {
      return Status::FailedPrecondition("library " + info->key + " was never published");
    }
    // Without a draft (discarded) the draft reads as the latest version.
    const store::Ref at = published ? store::Ref::Version(bundle.latest_version)
                          : st.DraftExists(bundle.uuid, contexts::kStudioDraft)
                              ? store::Ref::Draft(std::string(contexts::kStudioDraft))
                              : store::Ref::Latest();
    BLOCKRT_ASSIGN_OR_RETURN(int64_t files, st.ExportDirectory(bundle.uuid, at, p[1]));
    *result = {{"library", info->key}, {"out", p[1]}, {"files", files}, {"published", published}};
    *text = "exported " + std::to_string(files) + " files of " + info->key +
            (published ? " (latest version)" : " (draft)") + " to " + p[1];
  } else if (sub == "blocks") {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key lib,
                             keys::Key::Parse(p[0], keys::KeyBase::kLibraryLocatorV2));
    BLOCKRT_RETURN_IF_ERROR(a.Authorize(p[0], f.mode == runtime::Mode::kStudio
                                                  ? contexts::LibraryRole::kAuthor
                                                  : contexts::LibraryRole::kLearner));
    contexts::ContentSelector sel{f.mode == runtime::Mode::kStudio ? contexts::kStudioDraft
                                                                   : std::string_view()};
    BLOCKRT_ASSIGN_OR_RETURN(std::vector<keys::Key> blocks,
                             HasSwitch(f, "--all")
                                 ? engine.libraries().ListBlocks(lib.view(), sel)
                                 : engine.libraries().TopLevelBlocks(lib.view(), sel));
    nlohmann::json arr = nlohmann::json::array();
    for (const keys::Key& b : blocks) {
      arr.push_back(b.text());
      *text += b.text() + "\n";
    }
    *result = {
        {"library", p[0]}, {"mode", std::string(runtime::ModeName(f.mode))}, {"blocks", arr}};
    if (!text->empty()) text->pop_back();
  }
  return Status::OK();
}

}  // namespace

int RunLib(const Invocation& inv) {
  static const Sub kSubs[] = {
      {"create", 1},    {"list", 0},         {"delete", 1},  {"role", 3},
      {"add-block", 3}, {"set-olx", 2},      {"get-olx", 1}, {"delete-block", 1},
      {"add-asset", 3}, {"delete-asset", 2}, {"import", 2},  {"publish", 1},
      {"discard", 1},   {"status", 1},       {"blocks", 1},  {"export", 2}};
  CommonFlags f;
  f.mode = runtime::Mode::kStudio;  // `lib blocks` lists the draft unless --lms
  if (!ParseCommonFlags(inv.args, {"--title", "--admin", "--parent"},
                        {"--public", "--all", "--merge", "--published"}, &f, inv.err, "lib")) {
    return kExitUsage;
  }
  if (f.help || f.positional.empty()) {
    *(f.help ? inv.out : inv.err) << kLibHelp;
    return f.help ? kExitOk : kExitUsage;
  }
  std::string sub = f.positional.front();
  f.positional.erase(f.positional.begin());
  const Sub* found = nullptr;
  for (const Sub& s : kSubs) {
    if (sub == s.name) found = &s;
  }
  if (found == nullptr) {
    *inv.err << "blockrt lib: unknown subcommand '" << sub << "' (see --help)\n";
    return kExitUsage;
  }
  if (f.positional.size() != found->args) {
    *inv.err << "blockrt lib " << sub << ": expected " << found->args << " argument(s), got "
             << f.positional.size() << " (see --help)\n";
    return kExitUsage;
  }
  // A v1 import creates its library when missing (as course import does).
  const bool v1 = sub != "list" && IsV1LibraryKey(f.positional[0]);
  Result<std::unique_ptr<runtime::Engine>> engine =
      OpenEngine(f, /*create=*/sub == "create" || (v1 && sub == "import"));
  if (!engine.ok()) return ReportError(f, "lib", engine.status(), inv.out, inv.err);
  nlohmann::json result;
  std::string text;
  Status st = v1 ? RunLibV1Sub(sub, f, **engine, &result, &text)
                 : RunSub(sub, f, **engine, inv.in, &result, &text);
  if (!st.ok()) return ReportError(f, "lib", st, inv.out, inv.err);
  if (f.json) {
    result["ok"] = true;
    *inv.out << JsonText(result) << "\n";
  } else if (!text.empty()) {
    *inv.out << text << "\n";
  }
  return kExitOk;
}

}  // namespace blockrt::cli
