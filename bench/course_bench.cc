// Course speed, side by side with its floor or peer (issue 11, point 7):
// - a course block's warm load against a library block's warm load;
// - the first LMS load of a block of a large stored course (default: the
//   100x demo course, $BLOCKRT_BENCH_COURSE) against `course load` of the
//   same export from disk;
// - `course set` on that course (one file per commit, flat in course size);
// - `course import` against the store import of the same files plus a load.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "contexts/course_authoring.h"
#include "olx/course/course.h"
#include "runtime/engine.h"

namespace blockrt::runtime {
namespace {

namespace fs = std::filesystem;
constexpr char kLib[] = "lib:Bench:small";
constexpr char kSmallCourse[] = "course-v1:DemoX+Frac101+2026";
constexpr char kBigCourse[] = "course-v1:Bench+Big+2026";

std::string TempDb(const std::string& name) {
  fs::path p =
      fs::temp_directory_path() / ("blockrt_cbench_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(p);
  fs::create_directories(p);
  return (p / "b.db").string();
}

std::string Fixture(const char* rel) { return std::string(BLOCKRT_SOURCE_DIR) + "/" + rel; }

// A large export to measure on: $BLOCKRT_BENCH_COURSE, else fixtures/course.
std::string BigExport() {
  const char* env = std::getenv("BLOCKRT_BENCH_COURSE");
  return env != nullptr && env[0] != '\0' ? env : Fixture("fixtures/course");
}

// fixtures/library and fixtures/course, both published, learner "bob".
Engine& SmallEngine() {
  static Engine* engine = [] {
    auto e = Engine::Open(TempDb("small"));
    if (!e.ok()) std::abort();
    auto& a = (*e)->authoring();
    if (!a.CreateLibrary({kLib, "Small", false, "alice"}).ok() ||
        !a.SetRole(kLib, "bob", contexts::LibraryRole::kLearner).ok() ||
        !a.ImportDirectory(kLib, Fixture("fixtures/library")).ok() || !a.Publish(kLib).ok()) {
      std::abort();
    }
    contexts::CourseAuthoring courses(&(*e)->courses());
    if (!courses.ImportCourse(Fixture("fixtures/course"), kSmallCourse, "alice").ok() ||
        !courses.SetRole(kSmallCourse, "bob", contexts::CourseRole::kLearner).ok() ||
        !courses.Publish(kSmallCourse).ok()) {
      std::abort();
    }
    return e->release();
  }();
  return *engine;
}

void WarmLoop(benchmark::State& state, const std::string& key) {
  Engine& engine = SmallEngine();
  Runtime rt = engine.NewRuntime(Mode::kLms, contexts::User("bob"));
  if (!rt.LoadBlock(key).ok()) state.SkipWithError(("load failed: " + key).c_str());
  for (auto _ : state) {
    Result<Block> b = rt.LoadBlock(key);
    benchmark::DoNotOptimize(b);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_WarmLoad_LibraryBlock(benchmark::State& state) {
  WarmLoop(state, "lb:Bench:small:problem:quiz1");
}
BENCHMARK(BM_WarmLoad_LibraryBlock);

void BM_WarmLoad_CourseBlock(benchmark::State& state) {
  WarmLoop(state, "block-v1:DemoX+Frac101+2026+type@problem+block@name_the_part");
}
BENCHMARK(BM_WarmLoad_CourseBlock);

// The big course imported and published once; its first LMS load is timed
// in a fresh engine each iteration (the view is built from the store).
const std::string& BigDb() {
  static const std::string db = [] {
    std::string path = TempDb("big");
    auto e = Engine::Open(path);
    if (!e.ok()) std::abort();
    contexts::CourseAuthoring courses(&(*e)->courses());
    if (!courses.ImportCourse(BigExport(), kBigCourse, "alice").ok() ||
        !courses.SetRole(kBigCourse, "bob", contexts::CourseRole::kLearner).ok() ||
        !courses.Publish(kBigCourse).ok()) {
      std::abort();
    }
    return path;
  }();
  return db;
}

void BM_FirstLmsLoad_BigCourseFromStore(benchmark::State& state) {
  const std::string& db = BigDb();
  for (auto _ : state) {
    auto e = Engine::Open(db);
    if (!e.ok()) std::abort();
    Runtime rt = (*e)->NewRuntime(Mode::kLms, contexts::User("bob"));
    Result<Block> b = rt.LoadBlock("block-v1:Bench+Big+2026+type@course+block@2026");
    if (!b.ok()) {
      // Another export's root id: load the course view through any block.
      auto view =
          (*e)->courses().View(keys::Key::Parse(kBigCourse)->view(), contexts::ContentSelector{});
      benchmark::DoNotOptimize(view);
    }
    benchmark::DoNotOptimize(b);
  }
}
BENCHMARK(BM_FirstLmsLoad_BigCourseFromStore)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_FirstLmsLoad_Floor_CourseLoadFromDisk(benchmark::State& state) {
  const std::string dir = BigExport();
  for (auto _ : state) {
    Result<olx::Course> c = olx::LoadCourse(dir);
    if (!c.ok()) state.SkipWithError("course load failed");
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_FirstLmsLoad_Floor_CourseLoadFromDisk)->Unit(benchmark::kMillisecond)->Iterations(3);

// `course set` on a block of the small and of the big course: one file per
// commit, so the two should match (flat in course size).
void SetLoop(benchmark::State& state, const std::string& db, const char* course,
             const std::string& block) {
  auto e = Engine::Open(db);
  if (!e.ok()) std::abort();
  contexts::CourseAuthoring a(&(*e)->courses());
  auto key = keys::Key::Parse(block);
  if (!key.ok()) std::abort();
  // The first edit builds the draft view; time the ones after it.
  if (!a.SetField(key->view(), "display_name", "warm").ok()) {
    state.SkipWithError("set failed");
    return;
  }
  int64_t n = 0;
  for (auto _ : state) {
    Status st = a.SetField(key->view(), "display_name", "name " + std::to_string(n++));
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
  }
  (void)course;
}

void BM_CourseSet_SmallCourse(benchmark::State& state) {
  const std::string db = TempDb("set_small");
  {
    auto e = Engine::Open(db);
    contexts::CourseAuthoring a(&(*e)->courses());
    if (!a.ImportCourse(Fixture("fixtures/course"), kSmallCourse, "alice").ok()) std::abort();
  }
  SetLoop(state, db, kSmallCourse, "block-v1:DemoX+Frac101+2026+type@problem+block@name_the_part");
}
BENCHMARK(BM_CourseSet_SmallCourse)->Unit(benchmark::kMillisecond);

void BM_CourseSet_BigCourse(benchmark::State& state) {
  const std::string& db = BigDb();
  auto e = Engine::Open(db);
  auto view = (*e)->courses().View(keys::Key::Parse(kBigCourse)->view(),
                                   contexts::ContentSelector{contexts::kStudioDraft});
  if (!view.ok()) std::abort();
  // A leaf of the course: the last block that is a problem.
  std::string block;
  for (const olx::CourseBlock& b : (*view)->course.blocks) {
    if (b.definition.block_type == "problem" && !b.usage_key.empty())
      block = std::string(b.usage_key);
  }
  e->reset();
  SetLoop(state, db, kBigCourse, block);
}
BENCHMARK(BM_CourseSet_BigCourse)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace blockrt::runtime

BENCHMARK_MAIN();
