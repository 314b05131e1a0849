// blockrt demo: the README's main job, end to end. Key validation batch first
// (keys_command.cc), then a content library built from fixtures/library in a
// fresh store under --workdir: publish, load and render every block as Studio
// and as the LMS, and prove an unpublished change is visible in Studio only.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/demo_steps.h"
#include "cli/errors.h"
#include "cli/runtime_cli.h"

namespace blockrt::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kDemoHelp[] =
    "usage: blockrt demo [--workdir DIR] [--fixtures DIR] [--course-fixtures DIR] [--force]\n"
    "\n"
    "Runs the main job end to end in DIR (default ./demo): the key-validation batch\n"
    "(DIR/keys.txt), then a content library built from --fixtures (default\n"
    "fixtures/library) in a fresh store DIR/library.db, published, loaded and rendered\n"
    "in Studio and LMS modes; then the course export --course-fixtures (default\n"
    "course beside --fixtures) imported into the same store as course-v1:DemoX+Frac101+2026, "
    "edited,\n"
    "published, loaded and rendered in both modes, exported and re-imported as another run.\n"
    "DIR/library.db and DIR/keys.txt must not exist yet;\n"
    "--force replaces them (a previous demo's output).\n"
    "Exits 1 if any step fails, 2 on usage or I/O errors.\n";

constexpr char kLib[] = "lib:DemoX:fractions";
constexpr char kGlossary[] = "lb:DemoX:fractions:html:glossary";

Result<std::string> DisplayName(runtime::Engine& engine, runtime::Mode mode, const char* user) {
  runtime::Runtime rt = engine.NewRuntime(mode, contexts::User(user));
  BLOCKRT_ASSIGN_OR_RETURN(runtime::Block b, rt.LoadBlock(kGlossary));
  return b.display_name();
}

int RunLibraryJob(const Invocation& inv, const std::string& workdir, const std::string& fixtures) {
  std::ostream& out = *inv.out;
  std::error_code ec;
  if (!fs::is_directory(fixtures, ec)) {
    *inv.err << "blockrt demo: fixtures directory '" << fixtures
             << "' not found (run from the repository root or pass --fixtures)\n";
    return kExitUsage;
  }
  const fs::path db = fs::path(workdir) / "library.db";
  out << "library job: " << kLib << " from " << fixtures << " in " << db.string() << "\n";
  auto opened = runtime::Engine::Open(db.string());
  if (!opened.ok()) {
    *inv.err << "blockrt demo: " << opened.status().ToString() << "\n";
    return kExitUsage;
  }
  runtime::Engine& engine = **opened;
  contexts::LibraryAuthoring& a = engine.authoring();
  DemoSteps steps(inv.out);
  steps.Run("create library (admin alice, learner bob)", [&]() -> Result<std::string> {
    BLOCKRT_ASSIGN_OR_RETURN(auto info, a.CreateLibrary({kLib, "Fractions", false, "alice"}));
    BLOCKRT_RETURN_IF_ERROR(a.SetRole(kLib, "bob", contexts::LibraryRole::kLearner));
    return "bundle " + info.bundle_uuid;
  });
  steps.Run("import fixtures into the Studio draft", [&]() -> Result<std::string> {
    BLOCKRT_ASSIGN_OR_RETURN(contexts::ImportReport n, a.ImportDirectory(kLib, fixtures));
    return std::to_string(n.files_seen) + " files";
  });
  steps.Run("LMS cannot see unpublished blocks", [&]() -> Result<std::string> {
    runtime::Runtime lms = engine.NewRuntime(runtime::Mode::kLms, contexts::User("bob"));
    Result<runtime::Block> b = lms.LoadBlock(kGlossary);
    if (b.ok()) return Status::Internal("the LMS loaded a never-published block");
    if (!b.status().IsNotFound()) return b.status();
    return std::string("not found, as expected");
  });
  steps.Run("publish", [&]() -> Result<std::string> {
    BLOCKRT_ASSIGN_OR_RETURN(int64_t v, a.Publish(kLib, "alice"));
    return "version " + std::to_string(v);
  });
  steps.Run("load + render every block, Studio (alice)", [&] {
    return LoadAndRenderAll(engine, engine.libraries(), kLib, runtime::Mode::kStudio, "alice");
  });
  steps.Run("load + render every block, LMS (bob)", [&] {
    return LoadAndRenderAll(engine, engine.libraries(), kLib, runtime::Mode::kLms, "bob");
  });
  steps.Run("signed asset URL opens; a tampered one is refused", [&]() -> Result<std::string> {
    runtime::Runtime lms = engine.NewRuntime(runtime::Mode::kLms, contexts::User("bob"));
    BLOCKRT_ASSIGN_OR_RETURN(runtime::Block b, lms.LoadBlock("lb:DemoX:fractions:html:intro"));
    BLOCKRT_ASSIGN_OR_RETURN(std::string url, lms.AssetUrl(b, "fraction.svg"));
    BLOCKRT_ASSIGN_OR_RETURN(std::string bytes, lms.OpenAsset(url));
    std::string tampered = url;
    tampered.back() = tampered.back() == 'a' ? 'b' : 'a';
    if (lms.OpenAsset(tampered).ok()) return Status::Internal("tampered URL was accepted");
    return std::to_string(bytes.size()) + " bytes";
  });
  steps.Run("edit glossary in Studio without publishing", [&]() -> Result<std::string> {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, keys::Key::Parse(kGlossary));
    BLOCKRT_RETURN_IF_ERROR(
        a.SetOlx(k.view(),
                 "<html display_name=\"Glossary (revised)\"><p>denominator: the bottom "
                 "number</p></html>\n"));
    BLOCKRT_ASSIGN_OR_RETURN(bool changed, a.HasUnpublishedChanges(kLib));
    if (!changed) return Status::Internal("library reports no unpublished changes");
    return std::string("has unpublished changes");
  });
  steps.Run("Studio sees the change", [&] {
    return ExpectText(DisplayName(engine, runtime::Mode::kStudio, "alice"), "Glossary (revised)");
  });
  steps.Run("LMS still sees the published version", [&] {
    return ExpectText(DisplayName(engine, runtime::Mode::kLms, "bob"), "Glossary");
  });
  steps.Run("publish again; LMS now sees it", [&]() -> Result<std::string> {
    BLOCKRT_RETURN_IF_ERROR(a.Publish(kLib, "alice").status());
    return ExpectText(DisplayName(engine, runtime::Mode::kLms, "bob"), "Glossary (revised)");
  });
  steps.Run("learner state persists per user", [&]() -> Result<std::string> {
    runtime::Runtime lms = engine.NewRuntime(runtime::Mode::kLms, contexts::User("bob"));
    BLOCKRT_ASSIGN_OR_RETURN(runtime::Block b, lms.LoadBlock("lb:DemoX:fractions:problem:quiz1"));
    BLOCKRT_RETURN_IF_ERROR(lms.SetUserState(b, "attempts", "1"));
    runtime::Runtime again = engine.NewRuntime(runtime::Mode::kLms, contexts::User("bob"));
    BLOCKRT_ASSIGN_OR_RETURN(auto state, again.UserState(b));
    if (state["attempts"] != "1") return Status::Internal("attempts not saved");
    return std::string("attempts=1 for bob");
  });
  out << (steps.failed() == 0
              ? "library job: all steps passed\n"
              : "library job: " + std::to_string(steps.failed()) + " step(s) FAILED\n");
  return steps.failed() == 0 ? kExitOk : kExitFindings;
}

// Runs the key batch in a child process: the two batches are independent, and
// a crash in one must still let the other report (the exit code says it failed).
int RunKeysBatchIsolated(const Invocation& inv, const std::string& workdir) {
  inv.out->flush();
  inv.err->flush();
  pid_t pid = ::fork();
  if (pid < 0) return RunKeysDemo(inv, workdir);  // no fork: run it here
  if (pid == 0) {
    int rc = RunKeysDemo(inv, workdir);
    inv.out->flush();
    inv.err->flush();
    ::_exit(rc);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  *inv.out << "key validation batch: FAILED (killed by signal "
           << (WIFSIGNALED(status) ? WTERMSIG(status) : 0) << ")\n";
  return kExitFindings;
}

// The files the demo writes into its workdir (the store with its SQLite side
// files, and the key batch).
std::vector<fs::path> DemoOutputs(const std::string& workdir) {
  std::vector<fs::path> out;
  for (const char* name :
       {"library.db", "library.db-wal", "library.db-shm", "library.db-journal", "keys.txt"}) {
    out.push_back(fs::path(workdir) / name);
  }
  return out;
}

// Refuses to touch a workdir holding earlier output unless `force`, which
// removes it (the entries themselves: a symlink is removed, never followed).
Status PrepareWorkdir(const std::string& workdir, bool force) {
  std::error_code ec;
  for (const fs::path& p : DemoOutputs(workdir)) {
    if (!fs::exists(fs::symlink_status(p, ec))) continue;
    if (!force) {
      return Status::AlreadyExists(p.string() +
                                   " exists; pass --force to replace the previous demo's output "
                                   "or choose a fresh --workdir");
    }
    if (!fs::remove(p, ec) || ec) {
      return Status::IOError("cannot remove " + p.string() + ": " + ec.message());
    }
  }
  return Status::OK();
}

}  // namespace

Result<std::string> LoadAndRenderAll(runtime::Engine& engine, const contexts::LearningContext& ctx,
                                     std::string_view context_key, runtime::Mode mode,
                                     const char* user) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key key, keys::Key::Parse(context_key));
  contexts::ContentSelector sel{mode == runtime::Mode::kStudio ? contexts::kStudioDraft
                                                               : std::string_view()};
  BLOCKRT_ASSIGN_OR_RETURN(std::vector<keys::Key> blocks, ctx.ListBlocks(key.view(), sel));
  runtime::Runtime rt = engine.NewRuntime(mode, contexts::User(user));
  size_t bytes = 0;
  auto start = std::chrono::steady_clock::now();
  for (const keys::Key& k : blocks) {
    BLOCKRT_ASSIGN_OR_RETURN(runtime::Block b, rt.LoadBlock(k.text()));
    BLOCKRT_ASSIGN_OR_RETURN(runtime::Fragment f, rt.Render(b));
    bytes += f.content.size();
  }
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  return std::to_string(blocks.size()) + " blocks, " + std::to_string(bytes) + " bytes of HTML, " +
         std::to_string(us) + " us";
}

int RunDemo(const Invocation& inv) {
  std::string workdir = "demo";
  std::string fixtures = "fixtures/library";
  std::string course_fixtures;  // default: "course" beside --fixtures
  bool force = false;
  for (size_t i = 0; i < inv.args.size(); ++i) {
    const std::string& a = inv.args[i];
    if (IsHelpFlag(a)) {
      *inv.out << kDemoHelp;
      return kExitOk;
    }
    if (a == "--force") {
      force = true;
    } else if ((a == "--workdir" || a == "--fixtures" || a == "--course-fixtures") &&
               i + 1 < inv.args.size()) {
      (a == "--workdir" ? workdir : a == "--fixtures" ? fixtures : course_fixtures) = inv.args[++i];
    } else {
      return PrintUsageError(inv, "demo",
                             "unknown or incomplete argument '" + a + "' (see --help)");
    }
  }
  std::error_code ec;
  fs::create_directories(workdir, ec);
  if (ec) {
    return PrintError(inv, "demo",
                      Status::IOError("cannot create " + workdir + ": " + ec.message()), false);
  }
  if (Status st = PrepareWorkdir(workdir, force); !st.ok()) {
    // Exit 2 like other unusable arguments: nothing ran.
    PrintError(inv, "demo", st, false);
    return kExitUsage;
  }
  int keys_rc = RunKeysBatchIsolated(inv, workdir);
  int lib_rc = RunLibraryJob(inv, workdir, fixtures);
  if (course_fixtures.empty()) {
    course_fixtures = (fs::path(fixtures).lexically_normal().parent_path() / "course").string();
  }
  int course_rc = RunCourseJob(inv, (fs::path(workdir) / "library.db").string(), course_fixtures);
  for (int rc : {keys_rc, lib_rc, course_rc}) {
    if (rc == kExitUsage) return kExitUsage;
  }
  return keys_rc == kExitOk && lib_rc == kExitOk && course_rc == kExitOk ? kExitOk : kExitFindings;
}

}  // namespace blockrt::cli
