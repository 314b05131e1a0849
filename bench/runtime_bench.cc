// Runtime speed: load_block warm (definition cached) and cold (SQLite read +
// parse), 1 and 2 threads, and a 10,000-block library loaded and rendered in
// full against reading and parsing the same definitions alone.
#include <benchmark/benchmark.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "runtime/engine.h"

namespace blockrt::runtime {
namespace {

namespace fs = std::filesystem;
constexpr char kLib[] = "lib:Bench:small";
constexpr char kBig[] = "lib:Bench:big";
constexpr int kVerticals = 1000;
constexpr int kLeavesPerVertical = 9;  // 10,000 blocks in all

std::string TempDb(const char* name) {
  fs::path p =
      fs::temp_directory_path() / ("blockrt_bench_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(p);
  fs::create_directories(p);
  return (p / "b.db").string();
}

// The fixtures library, published, with learner "bob".
Engine& SmallEngine() {
  static Engine* engine = [] {
    auto e = Engine::Open(TempDb("small"));
    if (!e.ok()) std::abort();
    auto& a = (*e)->authoring();
    if (!a.CreateLibrary({kLib, "Small", false, "alice"}).ok() ||
        !a.SetRole(kLib, "bob", contexts::LibraryRole::kLearner).ok() ||
        !a.ImportDirectory(kLib, std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/library").ok() ||
        !a.Publish(kLib).ok()) {
      std::abort();
    }
    return e->release();
  }();
  return *engine;
}

void BM_LoadBlockWarm(benchmark::State& state) {
  Engine& engine = SmallEngine();
  Runtime rt = engine.NewRuntime(Mode::kLms, contexts::User("bob"));
  const std::string key = "lb:Bench:small:problem:quiz1";
  if (!rt.LoadBlock(key).ok()) state.SkipWithError("load failed");
  for (auto _ : state) {
    Result<Block> b = rt.LoadBlock(key);
    benchmark::DoNotOptimize(b);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LoadBlockWarm);

// Throughput: each thread has its own Runtime and walks the library's leaves
// from a different starting point; items_per_second is the total.
void BM_LoadBlockWarmThreads(benchmark::State& state) {
  static const char* kKeys[] = {"lb:Bench:small:problem:quiz1", "lb:Bench:small:html:intro",
                                "lb:Bench:small:video:intro_video", "lb:Bench:small:html:glossary"};
  Engine& engine = SmallEngine();
  Runtime rt = engine.NewRuntime(Mode::kLms, contexts::User("bob"));
  size_t i = static_cast<size_t>(state.thread_index()) * 2;
  for (auto _ : state) {
    Result<Block> b = rt.LoadBlock(kKeys[i++ % 4]);
    benchmark::DoNotOptimize(b);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LoadBlockWarmThreads)->Threads(1)->Threads(2)->UseRealTime();

void BM_LoadBlockWarmContainer(benchmark::State& state) {
  Engine& engine = SmallEngine();
  Runtime rt = engine.NewRuntime(Mode::kLms, contexts::User("bob"));
  const std::string key = "lb:Bench:small:unit:unit1";  // 4 children, a parent
  for (auto _ : state) {
    Result<Block> b = rt.LoadBlock(key);
    benchmark::DoNotOptimize(b);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LoadBlockWarmContainer);

void BM_LoadBlockCold(benchmark::State& state) {
  Engine& engine = SmallEngine();
  Runtime rt = engine.NewRuntime(Mode::kLms, contexts::User("bob"));
  const std::string key = "lb:Bench:small:problem:quiz1";
  for (auto _ : state) {
    engine.system().definitions().Clear();  // forces the SQLite read and the parse
    Result<Block> b = rt.LoadBlock(key);
    benchmark::DoNotOptimize(b);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LoadBlockCold);

void BM_RenderWarm(benchmark::State& state) {
  Engine& engine = SmallEngine();
  Runtime rt = engine.NewRuntime(Mode::kLms, contexts::User("bob"));
  Result<Block> b = rt.LoadBlock("lb:Bench:small:unit:unit1");
  if (!b.ok()) state.SkipWithError("load failed");
  for (auto _ : state) {
    Result<Fragment> f = rt.Render(*b);
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_RenderWarm);

// ---- 10,000 blocks: 1,000 verticals of 9 leaves (html, problem, video).

const std::string& BigDb() {
  static const std::string db = [] {
    std::string path = TempDb("big");
    auto e = Engine::Open(path);
    if (!e.ok()) std::abort();
    auto& a = (*e)->authoring();
    auto lib = a.CreateLibrary({kBig, "Big", false, "alice"});
    if (!lib.ok() || !a.SetRole(kBig, "bob", contexts::LibraryRole::kLearner).ok()) std::abort();
    store::Store& s = (*e)->store();
    Status st = s.Transact([&]() -> Status {
      for (int v = 0; v < kVerticals; ++v) {
        std::string vert = "<vertical display_name=\"Unit " + std::to_string(v) + "\">\n";
        for (int i = 0; i < kLeavesPerVertical; ++i) {
          std::string id = "b" + std::to_string(v) + "_" + std::to_string(i);
          std::string type, olx;
          switch (i % 3) {
            case 0:
              type = "html";
              olx = "<html display_name=\"Text " + id + "\"><p>Paragraph of " + id +
                    " with <a href=\"/static/" + id + ".pdf\">a handout</a>.</p></html>\n";
              break;
            case 1:
              type = "problem";
              olx = "<problem display_name=\"Q " + id +
                    "\" max_attempts=\"2\"><multiplechoiceresponse><label>Pick one</label>"
                    "<choicegroup><choice correct=\"true\">A</choice><choice "
                    "correct=\"false\">B</choice></choicegroup></multiplechoiceresponse>"
                    "<solution><p>A.</p></solution></problem>\n";
              break;
            default:
              type = "video";
              olx = "<video display_name=\"V " + id + "\" youtube_id_1_0=\"abc" + id +
                    "\" html5_sources=\"[&quot;https://v.example/" + id + ".mp4&quot;]\"/>\n";
          }
          BLOCKRT_RETURN_IF_ERROR(s.WriteFile(lib->bundle_uuid, contexts::kStudioDraft,
                                              type + "/" + id + "/definition.xml", olx));
          vert += "  <xblock-include definition=\"" + type + "/" + id + "\"/>\n";
        }
        vert += "</vertical>\n";
        BLOCKRT_RETURN_IF_ERROR(s.WriteFile(lib->bundle_uuid, contexts::kStudioDraft,
                                            "vertical/v" + std::to_string(v) + "/definition.xml",
                                            vert));
      }
      return Status::OK();
    });
    if (!st.ok() || !a.Publish(kBig).ok()) std::abort();
    return path;
  }();
  return db;
}

// One cold pass over the big library: a fresh engine (new caches) loading
// every block. Mode 0 loads only; 1 renders every block on its own (a vertical
// renders its 9 children again); 2 renders only blocks without a parent, so
// each block is rendered exactly once, inside its tree. Returns the number of
// blocks, or an error.
Result<int64_t> LoadRenderLibrary(const std::string& db, int64_t mode) {
  BLOCKRT_ASSIGN_OR_RETURN(std::unique_ptr<Engine> e, Engine::Open(db));
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key lib, keys::Key::Parse(kBig));
  BLOCKRT_ASSIGN_OR_RETURN(std::vector<keys::Key> all, e->libraries().ListBlocks(lib.view(), {}));
  Runtime rt = e->NewRuntime(Mode::kLms, contexts::User("bob"));
  for (const keys::Key& k : all) {
    BLOCKRT_ASSIGN_OR_RETURN(Block b, rt.LoadBlock(k.text()));
    if (mode == 1 || (mode == 2 && !b.parent())) {
      BLOCKRT_ASSIGN_OR_RETURN(Fragment f, rt.Render(b));
      benchmark::DoNotOptimize(f);
    }
  }
  return static_cast<int64_t>(all.size());
}

// The baseline: read every definition from SQLite and parse it, nothing else.
Result<int64_t> ReadParseLibrary(const std::string& db) {
  BLOCKRT_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, store::Store::Open(db));
  BLOCKRT_ASSIGN_OR_RETURN(std::vector<store::BundleInfo> bundles, s->ListBundles());
  std::string uuid;
  for (const auto& b : bundles) {
    if (b.title == "Big") uuid = b.uuid;
  }
  BLOCKRT_ASSIGN_OR_RETURN(std::vector<store::FileInfo> list,
                           s->ListFiles(uuid, store::Ref::Latest()));
  int64_t files = 0;
  for (const store::FileInfo& f : list) {
    BLOCKRT_ASSIGN_OR_RETURN(std::string bytes, s->ReadFile(uuid, store::Ref::Latest(), f.path));
    Result<olx::Definition> def = olx::ParseDefinition(f.path, bytes);
    benchmark::DoNotOptimize(def);
    ++files;
  }
  return files;
}

void BM_LibraryLoadRenderAll(benchmark::State& state) {
  const std::string& db = BigDb();
  int64_t blocks = 0;
  for (auto _ : state) {
    Result<int64_t> n = LoadRenderLibrary(db, state.range(0));
    if (!n.ok()) {
      state.SkipWithError(n.status().ToString().c_str());
      return;
    }
    blocks = *n;
  }
  state.counters["blocks"] = static_cast<double>(blocks);
  state.SetItemsProcessed(state.iterations() * blocks);
}
BENCHMARK(BM_LibraryLoadRenderAll)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);

double ProcessCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// The ratios to the floor measured side by side: each iteration runs the
// floor and the three runtime passes back to back, and the counters keep the
// fastest CPU time of each (on a shared machine, separate benchmarks minutes
// apart see different neighbours). *_x counters are runtime / floor.
void BM_LibraryVsFloor(benchmark::State& state) {
  const std::string& db = BigDb();
  double best[4] = {1e300, 1e300, 1e300, 1e300};  // floor, mode 0, 1, 2
  for (auto _ : state) {
    for (int pass = 0; pass < 4; ++pass) {
      const double start = ProcessCpuMs();
      Result<int64_t> n = pass == 0 ? ReadParseLibrary(db) : LoadRenderLibrary(db, pass - 1);
      const double ms = ProcessCpuMs() - start;
      if (!n.ok()) {
        state.SkipWithError(n.status().ToString().c_str());
        return;
      }
      best[pass] = std::min(best[pass], ms);
    }
  }
  state.counters["floor_ms"] = best[0];
  state.counters["load_x"] = best[1] / best[0];
  state.counters["load_render_each_x"] = best[2] / best[0];
  state.counters["load_render_tree_x"] = best[3] / best[0];
}
BENCHMARK(BM_LibraryVsFloor)->Unit(benchmark::kMillisecond)->Iterations(7);

// Throughput with 1 and 2 threads: one engine (one definition cache, one
// snapshot cache) shared by all threads, as a server would run it, each thread
// with its own Runtime. Every thread walks the library's top-level verticals
// from its own starting point, loading each and rendering it with its 9
// children; items_per_second counts blocks (10 per vertical) over all threads.
struct SharedBig {
  std::unique_ptr<Engine> engine;
  std::vector<std::string> roots;  // usage keys of the blocks with no parent
};

SharedBig& Shared() {
  static SharedBig* shared = [] {
    auto e = Engine::Open(BigDb());
    if (!e.ok()) std::abort();
    auto* out = new SharedBig{std::move(*e), {}};
    auto lib = keys::Key::Parse(kBig);
    auto all = out->engine->libraries().ListBlocks(lib->view(), {});
    if (!all.ok()) std::abort();
    Runtime rt = out->engine->NewRuntime(Mode::kLms, contexts::User("bob"));
    for (const keys::Key& k : *all) {
      Result<Block> b = rt.LoadBlock(k.text());  // warms the shared caches
      if (!b.ok()) std::abort();
      if (!b->parent()) out->roots.push_back(k.text());
    }
    return out;
  }();
  return *shared;
}

void BM_LibraryLoadRenderThreads(benchmark::State& state) {
  SharedBig& shared = Shared();
  Runtime rt = shared.engine->NewRuntime(Mode::kLms, contexts::User("bob"));
  const size_t n = shared.roots.size();
  size_t i = static_cast<size_t>(state.thread_index()) * n / 2;
  int64_t blocks = 0;
  for (auto _ : state) {
    Result<Block> b = rt.LoadBlock(shared.roots[i++ % n]);
    if (!b.ok()) {
      state.SkipWithError(b.status().ToString().c_str());
      break;
    }
    Result<Fragment> f = rt.Render(*b);
    if (!f.ok()) {
      state.SkipWithError(f.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(f);
    blocks += 1 + static_cast<int64_t>(b->children().size());
  }
  state.SetItemsProcessed(blocks);
}
BENCHMARK(BM_LibraryLoadRenderThreads)->Threads(1)->Threads(2)->UseRealTime();

void BM_LibraryReadParseAll(benchmark::State& state) {
  const std::string& db = BigDb();
  int64_t files = 0;
  for (auto _ : state) {
    Result<int64_t> n = ReadParseLibrary(db);
    if (!n.ok()) {
      state.SkipWithError(n.status().ToString().c_str());
      break;
    }
    files = *n;
  }
  state.counters["blocks"] = static_cast<double>(files);
  state.SetItemsProcessed(state.iterations() * files);
}
BENCHMARK(BM_LibraryReadParseAll)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace blockrt::runtime

BENCHMARK_MAIN();
