// The demo's course job: fixtures/course imported as a course-v1 course,
// published, every block loaded and rendered as Studio and as the LMS by its
// block-v1 key, an edit seen by Studio only until it is published, a field
// resolved from an ancestor, learner state, and an export re-imported under
// another run that loads to the same tree.
#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>

#include "cli/demo_steps.h"
#include "contexts/course_authoring.h"
#include "olx/course/course.h"
#include "runtime/engine.h"

namespace blockrt::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kCourse[] = "course-v1:DemoX+Frac101+2026";
constexpr char kRerun[] = "course-v1:DemoX+Frac101+2026R2";
constexpr char kProblem[] = "block-v1:DemoX+Frac101+2026+type@problem+block@larger_fraction";

Result<std::string> ProblemName(runtime::Engine& engine, runtime::Mode mode, const char* user) {
  runtime::Runtime rt = engine.NewRuntime(mode, contexts::User(user));
  BLOCKRT_ASSIGN_OR_RETURN(runtime::Block b, rt.LoadBlock(kProblem));
  return b.display_name();
}

// The tree of `dir` as "type id name" lines, for comparisons (the root's id
// is the run, which a re-run changes).
Result<std::string> TreeText(const std::string& dir) {
  BLOCKRT_ASSIGN_OR_RETURN(olx::Course c, olx::LoadCourse(dir));
  std::string out;
  for (size_t i = 0; i < c.blocks.size(); ++i) {
    const olx::CourseBlock& b = c.blocks[i];
    out.append(b.definition.block_type).push_back(' ');
    if (i > 0) out.append(b.url_name);
    out.push_back(' ');
    const olx::CourseField* name = b.definition.field("display_name");
    if (name != nullptr) out.append(name->value);
    out.push_back('\n');
  }
  return out;
}

}  // namespace

int RunCourseJob(const Invocation& inv, const std::string& db, const std::string& fixtures) {
  std::ostream& out = *inv.out;
  std::error_code ec;
  if (!fs::is_directory(fixtures, ec)) {
    *inv.err << "blockrt demo: course fixtures '" << fixtures
             << "' not found (run from the repository root)\n";
    return kExitUsage;
  }
  out << "course job: " << kCourse << " from " << fixtures << " in " << db << "\n";
  auto opened = runtime::Engine::Open(db);
  if (!opened.ok()) {
    *inv.err << "blockrt demo: " << opened.status().ToString() << "\n";
    return kExitUsage;
  }
  runtime::Engine& engine = **opened;
  contexts::CourseAuthoring a(&engine.courses());
  DemoSteps steps(inv.out);
  steps.Run(
      "import the course export into the Studio draft (staff alice)", [&]() -> Result<std::string> {
        BLOCKRT_ASSIGN_OR_RETURN(contexts::CourseImportReport r,
                                 a.ImportCourse(fixtures, kCourse, "alice"));
        BLOCKRT_RETURN_IF_ERROR(a.SetRole(kCourse, "bob", contexts::CourseRole::kLearner));
        return std::to_string(r.files_seen) + " files, " + std::to_string(r.blocks) + " blocks";
      });
  steps.Run("LMS cannot see the unpublished course", [&]() -> Result<std::string> {
    Result<std::string> name = ProblemName(engine, runtime::Mode::kLms, "bob");
    if (name.ok()) return Status::Internal("the LMS loaded a never-published block");
    if (!name.status().IsNotFound()) return name.status();
    return std::string("not found, as expected");
  });
  steps.Run("publish", [&]() -> Result<std::string> {
    BLOCKRT_ASSIGN_OR_RETURN(int64_t v, a.Publish(kCourse, "alice"));
    return "version " + std::to_string(v);
  });
  steps.Run("load + render every block, Studio (alice)", [&] {
    return LoadAndRenderAll(engine, engine.courses(), kCourse, runtime::Mode::kStudio, "alice");
  });
  steps.Run("load + render every block, LMS (bob)", [&] {
    return LoadAndRenderAll(engine, engine.courses(), kCourse, runtime::Mode::kLms, "bob");
  });
  steps.Run("a learner without a role is refused", [&]() -> Result<std::string> {
    Result<std::string> name = ProblemName(engine, runtime::Mode::kLms, "mallory");
    if (name.ok()) return Status::Internal("mallory loaded a block of a private course");
    return std::string("not found, as for a missing block");
  });
  steps.Run("due date inherited from the subsection", [&]() -> Result<std::string> {
    runtime::Runtime rt = engine.NewRuntime(runtime::Mode::kLms, contexts::User("bob"));
    BLOCKRT_ASSIGN_OR_RETURN(runtime::Block b, rt.LoadBlock(kProblem));
    std::optional<runtime::TypedField> due = b.Field("due");
    if (!due || due->source != "inherited") {
      return Status::Internal("due is not inherited: " + (due ? due->json : "unset"));
    }
    return "due " + due->json + " (" + std::string(due->source) + ")";
  });
  steps.Run("course set display_name in Studio without publishing", [&]() -> Result<std::string> {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, keys::Key::Parse(kProblem));
    BLOCKRT_RETURN_IF_ERROR(a.SetField(k.view(), "display_name", "Which Is Larger? (revised)"));
    BLOCKRT_ASSIGN_OR_RETURN(contexts::CourseStatus st, a.GetStatus(kCourse));
    return std::to_string(st.changes.size()) + " file(s) changed in the draft";
  });
  steps.Run("Studio sees the change", [&] {
    return ExpectText(ProblemName(engine, runtime::Mode::kStudio, "alice"),
                      "Which Is Larger? (revised)");
  });
  steps.Run("LMS still sees the published version", [&] {
    return ExpectText(ProblemName(engine, runtime::Mode::kLms, "bob"), "Which Is Larger?");
  });
  steps.Run("publish again; LMS now sees it", [&]() -> Result<std::string> {
    BLOCKRT_RETURN_IF_ERROR(a.Publish(kCourse, "alice").status());
    return ExpectText(ProblemName(engine, runtime::Mode::kLms, "bob"),
                      "Which Is Larger? (revised)");
  });
  steps.Run("learner state of a course block persists", [&]() -> Result<std::string> {
    runtime::Runtime lms = engine.NewRuntime(runtime::Mode::kLms, contexts::User("bob"));
    BLOCKRT_ASSIGN_OR_RETURN(runtime::Block b, lms.LoadBlock(kProblem));
    BLOCKRT_RETURN_IF_ERROR(lms.SetUserState(b, "attempts", "2"));
    runtime::Runtime again = engine.NewRuntime(runtime::Mode::kLms, contexts::User("bob"));
    BLOCKRT_ASSIGN_OR_RETURN(auto state, again.UserState(b));
    if (state["attempts"] != "2") return Status::Internal("attempts not saved");
    return std::string("attempts=2 for bob");
  });
  steps.Run("export, re-import as another run, same tree", [&]() -> Result<std::string> {
    const fs::path dir = fs::path(db).parent_path();
    const std::string exported = (dir / "course-export").string();
    const std::string rerun = (dir / "course-export-R2").string();
    std::error_code rm;
    fs::remove_all(exported, rm);
    fs::remove_all(rerun, rm);
    BLOCKRT_RETURN_IF_ERROR(a.ExportCourse(kCourse, exported, true).status());
    BLOCKRT_RETURN_IF_ERROR(a.ImportCourse(exported, kRerun, "alice").status());
    BLOCKRT_RETURN_IF_ERROR(a.ExportCourse(kRerun, rerun).status());
    BLOCKRT_ASSIGN_OR_RETURN(std::string first, TreeText(exported));
    BLOCKRT_ASSIGN_OR_RETURN(std::string second, TreeText(rerun));
    if (first != second) return Status::Internal("the re-imported course differs");
    BLOCKRT_ASSIGN_OR_RETURN(olx::Course c, olx::LoadCourse(rerun));
    return c.context_key + ", " + std::to_string(c.blocks.size()) + " blocks, ids kept";
  });
  out << (steps.failed() == 0
              ? "course job: all steps passed\n"
              : "course job: " + std::to_string(steps.failed()) + " step(s) FAILED\n");
  return steps.failed() == 0 ? kExitOk : kExitFindings;
}

}  // namespace blockrt::cli
