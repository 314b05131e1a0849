// `course import` (ImportCourse: plan the run rewrite, load the rewritten
// tree, stream the files into a new bundle's draft) next to its floor, the
// store import of the same files plus `course load` of the directory. Each
// iteration imports into a fresh store (its creation is not timed).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "contexts/builtin_contexts.h"
#include "contexts/course_authoring.h"
#include "olx/course/course.h"

namespace {

namespace fs = std::filesystem;
using namespace blockrt;

std::string CourseDir() {
  const char* v = std::getenv("BLOCKRT_OLX_COURSE");
  return v != nullptr && *v != '\0'
             ? v
             : std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/olx/course_basic";
}

// A fresh store (and the course context over it) in a temporary directory.
struct Fresh {
  fs::path dir;
  std::unique_ptr<store::Store> store;
  contexts::ContextRegistry registry;
  std::shared_ptr<contexts::CourseContext> courses;

  Fresh() {
    static int n = 0;
    dir = fs::temp_directory_path() /
          ("blockrt_course_bench_" + std::to_string(::getpid()) + "_" + std::to_string(++n));
    fs::remove_all(dir);
    fs::create_directories(dir);
    store = std::move(store::Store::Open((dir / "b.db").string()).value());
    (void)contexts::RegisterBuiltinContexts(
        &registry, std::make_shared<contexts::BundleSnapshots>(store.get()),
        std::make_shared<contexts::DefinitionCache>(), &courses);
  }
  ~Fresh() {
    courses.reset();
    store.reset();
    fs::remove_all(dir);
  }
};

// The key the export names itself ("" to keep it), or another run.
std::string TargetKey(bool other_run) {
  auto course = olx::LoadCourse(CourseDir());
  if (!course.ok()) return "";
  return other_run ? course->context_key + "_2" : course->context_key;
}

void Import(benchmark::State& state, bool other_run) {
  const std::string key = TargetKey(other_run);
  if (key.empty()) {
    state.SkipWithError("the course does not load");
    return;
  }
  for (auto _ : state) {
    state.PauseTiming();
    auto fresh = std::make_unique<Fresh>();
    contexts::CourseAuthoring authoring(fresh->courses.get());
    state.ResumeTiming();
    auto report = authoring.ImportCourse(CourseDir(), key);
    if (!report.ok()) {
      state.SkipWithError(report.status().ToString().c_str());
      return;
    }
    state.counters["blocks"] = static_cast<double>(report->blocks);
    state.counters["rewritten"] = static_cast<double>(report->rewritten.size());
    state.PauseTiming();
    fresh.reset();
    state.ResumeTiming();
  }
}

void BM_CourseImport(benchmark::State& state) { Import(state, false); }
BENCHMARK(BM_CourseImport)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CourseImportOtherRun(benchmark::State& state) { Import(state, true); }
BENCHMARK(BM_CourseImportOtherRun)->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor: what an import cannot avoid, a store import of the files and a
// load of the course.
void BM_StoreImportPlusLoad(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    auto fresh = std::make_unique<Fresh>();
    auto bundle = fresh->store->CreateBundle({"", "b", "", ""});
    state.ResumeTiming();
    auto stats = fresh->store->ImportDirectory(bundle->uuid, "studio_draft", CourseDir());
    auto course = olx::LoadCourse(CourseDir());
    if (!stats.ok() || !course.ok()) {
      state.SkipWithError("import or load failed");
      return;
    }
    benchmark::DoNotOptimize(course);
    state.PauseTiming();
    fresh.reset();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_StoreImportPlusLoad)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_StoreImportOnly(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    auto fresh = std::make_unique<Fresh>();
    auto bundle = fresh->store->CreateBundle({"", "b", "", ""});
    state.ResumeTiming();
    auto stats = fresh->store->ImportDirectory(bundle->uuid, "studio_draft", CourseDir());
    if (!stats.ok()) {
      state.SkipWithError(stats.status().ToString().c_str());
      return;
    }
    state.PauseTiming();
    fresh.reset();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_StoreImportOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CourseLoadOnly(benchmark::State& state) {
  for (auto _ : state) {
    auto course = olx::LoadCourse(CourseDir());
    benchmark::DoNotOptimize(course);
  }
}
BENCHMARK(BM_CourseLoadOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
