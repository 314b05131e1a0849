// Store speed targets: bulk import, flat commit cost as bundles grow, warm
// reads at a version, and verify throughput next to plain file reads.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "store/store.h"
#include "store/testing/temp_dir.h"

namespace blockrt::store {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// OLX-like file body of about 1 KB, distinct per index.
std::string Body(int i) {
  std::string s = "<problem display_name=\"Problem " + std::to_string(i) + "\">\n";
  while (s.size() < 1000) s += "  <p>Some question text that looks like course content.</p>\n";
  return s + "</problem>\n";
}

std::string FilePath(int i) {
  return "problem/p" + std::to_string(i / 100) + "/" + std::to_string(i) + "/definition.xml";
}

std::unique_ptr<Store> Open(const std::string& db) {
  auto s = Store::Open(db);
  if (!s.ok()) std::abort();
  return std::move(s).value();
}

// A store holding one bundle "lib" with `n` committed files, built once per n.
struct Populated {
  TempDir dir;
  std::unique_ptr<Store> store;
};
Populated& StoreWithFiles(int n) {
  static std::map<int, std::unique_ptr<Populated>> cache;
  auto& slot = cache[n];
  if (slot) return *slot;
  slot = std::make_unique<Populated>();
  slot->store = Open(slot->dir.File("s.db"));
  Store& s = *slot->store;
  if (!s.CreateBundle(NewBundle{"", "lib", "Lib", ""}).ok()) std::abort();
  Status st = s.Transact([&]() -> Status {
    for (int i = 0; i < n; ++i) {
      BLOCKRT_RETURN_IF_ERROR(s.WriteFile("lib", "studio_draft", FilePath(i), Body(i)));
    }
    return s.Commit("lib", "studio_draft").status();
  });
  if (!st.ok()) {
    std::fprintf(stderr, "populate: %s\n", st.ToString().c_str());
    std::abort();
  }
  return *slot;
}

void BM_Import10kFiles(benchmark::State& state) {
  TempDir src;
  constexpr int kFiles = 10000;
  int64_t bytes = 0;
  for (int i = 0; i < kFiles; ++i) {
    std::string body = Body(i);
    bytes += static_cast<int64_t>(body.size());
    testing::WriteWholeFile(src.path() / FilePath(i), body);
  }
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    TempDir dir;
    auto s = Open(dir.File("s.db"));
    if (!s->CreateBundle(NewBundle{"", "lib", "Lib", ""}).ok()) std::abort();
    state.ResumeTiming();
    auto stats = s->ImportDirectory("lib", "studio_draft", src.path().string());
    if (!stats.ok() || stats->files_seen != kFiles) std::abort();
    if (!s->Commit("lib", "studio_draft").ok()) std::abort();
    state.PauseTiming();
    s.reset();
    ++round;
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kFiles);
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_Import10kFiles)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_CommitOneChangedFile(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  Store& s = *StoreWithFiles(n).store;
  // Benchmark reruns this function; a static counter keeps every write new.
  static int i = 0;
  for (auto _ : state) {
    if (!s.WriteFile("lib", "studio_draft", FilePath(i % n), Body(i + n + 7)).ok()) std::abort();
    if (!s.Commit("lib", "studio_draft").ok()) std::abort();
    ++i;
  }
}
BENCHMARK(BM_CommitOneChangedFile)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);

void BM_WarmReadAtVersion(benchmark::State& state) {
  Store& s = *StoreWithFiles(10000).store;
  int i = 0;
  size_t bytes = 0;
  for (auto _ : state) {
    auto r = s.ReadFile("lib", Ref::Version(1), FilePath((i++ * 7919) % 10000));
    if (!r.ok()) std::abort();
    bytes += r->size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_WarmReadAtVersion)->Unit(benchmark::kMicrosecond);

// Listing a whole version (what the contexts layer does per snapshot).
void BM_ListFiles10k(benchmark::State& state) {
  Store& s = *StoreWithFiles(10000).store;
  for (auto _ : state) {
    auto files = s.ListFiles("lib", Ref::Version(1));
    if (!files.ok() || files->size() != 10000) std::abort();
    benchmark::DoNotOptimize(files->data());
  }
  state.SetItemsProcessed(state.iterations() * 10000);
}
BENCHMARK(BM_ListFiles10k)->Unit(benchmark::kMillisecond);

// 64 files of 1 MiB, both in a store and as plain files, for throughput.
struct BigData {
  TempDir dir;
  std::unique_ptr<Store> store;
  int64_t bytes = 0;
};
BigData& Big() {
  static std::unique_ptr<BigData> big;
  if (big) return *big;
  big = std::make_unique<BigData>();
  big->store = Open(big->dir.File("s.db"));
  Store& s = *big->store;
  if (!s.CreateBundle(NewBundle{"", "big", "Big", ""}).ok()) std::abort();
  for (int i = 0; i < 64; ++i) {
    std::string data(1 << 20, '\0');
    for (size_t k = 0; k < data.size(); ++k) data[k] = static_cast<char>((k * 131 + i) ^ (k >> 7));
    testing::WriteWholeFile(big->dir.path() / "plain" / std::to_string(i), data);
    if (!s.WriteFile("big", "d", "f" + std::to_string(i), data).ok()) std::abort();
    big->bytes += static_cast<int64_t>(data.size());
  }
  if (!s.Commit("big", "d").ok()) std::abort();
  return *big;
}

void BM_VerifyThroughput(benchmark::State& state) {
  BigData& b = Big();
  for (auto _ : state) {
    auto r = b.store->Verify();
    if (!r.ok() || !r->problems.empty()) std::abort();
  }
  state.SetBytesProcessed(state.iterations() * b.bytes);
}
BENCHMARK(BM_VerifyThroughput)->Unit(benchmark::kMillisecond);

void BM_PlainFileReadSameBytes(benchmark::State& state) {
  BigData& b = Big();
  std::string buf(1 << 20, '\0');
  for (auto _ : state) {
    for (int i = 0; i < 64; ++i) {
      FILE* f = std::fopen((b.dir.path() / "plain" / std::to_string(i)).c_str(), "rb");
      if (f == nullptr) std::abort();
      while (std::fread(buf.data(), 1, buf.size(), f) > 0) {
      }
      std::fclose(f);
      benchmark::DoNotOptimize(buf.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * b.bytes);
}
BENCHMARK(BM_PlainFileReadSameBytes)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace blockrt::store

BENCHMARK_MAIN();
