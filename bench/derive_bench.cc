// DERIVE_ID throughput over 100,000 SOURCE/PARENT pairs shaped like
// bench/derive_pairs.py's (80% lb:, 20% lib-block-v1: sources, half of those
// with version@; block-v1 library_content/vertical parents; Studio-style ids):
//   BM_DeriveUsageKey      DeriveUsageKey on parsed keys, an owning Key out
//   BM_DeriveBatch         parse both keys in place + AppendDerivedUsageKey,
//                          what `blockrt keys derive` does per stdin line
//   BM_AppendDerived       AppendDerivedUsageKey alone, on keys parsed before
//   BM_ParsePairs          the parsing alone (the floor of BM_DeriveBatch)
//   BM_Sha1Hex20           sha1(unique_data)[:20] alone
// items_per_second is pairs/s on one core. The side-by-side figure against
// Python hashlib (bench/derive_peer.py) is in the README.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "base/sha1.h"
#include "keys/derive.h"
#include "keys/key.h"

namespace {

using blockrt::keys::KeyBase;
using blockrt::keys::KeyView;

constexpr int kPairs = 100000;

struct Pairs {
  std::string text;  // "SOURCE\tPARENT\n" lines, then the parser's padding
  std::vector<std::string_view> sources, parents;
  std::vector<KeyView> source_views, parent_views;
};

const Pairs& Corpus() {
  static const Pairs* pairs = [] {
    auto* p = new Pairs;
    std::mt19937_64 rng(42);
    const char* orgs[] = {"MITx", "HarvardX", "edX", "DelftX", "UQx", "Org_7"};
    const char* types[] = {"problem", "problem", "problem", "problem", "html", "video", "vertical"};
    char buf[64];
    auto id = [&]() -> std::string {
      uint64_t r = rng() % 10;
      if (r < 6) {
        std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                      static_cast<unsigned long long>(rng()));
      } else if (r < 8) {
        std::snprintf(buf, sizeof buf, "%020llx", static_cast<unsigned long long>(rng() >> 4));
      } else {
        std::snprintf(buf, sizeof buf, "quiz_%d", static_cast<int>(rng() % 1000));
      }
      return buf;
    };
    std::vector<std::pair<size_t, size_t>> spans;  // source / parent starts
    for (int i = 0; i < kPairs; ++i) {
      std::string org = orgs[rng() % 6], slug = "lib" + std::to_string(rng() % 200);
      std::string type = types[rng() % 7];
      uint64_t r = rng() % 10;
      std::string source;
      if (r < 8) {
        source = "lb:" + org + ":" + slug + ":" + type + ":" + id();
      } else {
        std::string version;
        if (r == 9) {
          std::snprintf(buf, sizeof buf, "+version@%012llx%012llx",
                        static_cast<unsigned long long>(rng() >> 16),
                        static_cast<unsigned long long>(rng() >> 16));
          version = buf;
        }
        source = "lib-block-v1:" + org + "+" + slug + "+branch@library" + version + "+type@" +
                 type + "+block@" + id();
      }
      std::string parent = "block-v1:" + std::string(orgs[rng() % 6]) + "+C" +
                           std::to_string(rng() % 50) + "+2024T1+type@" +
                           (rng() % 100 < 85 ? "library_content" : "vertical") + "+block@" + id();
      spans.emplace_back(p->text.size(), source.size());
      p->text += source + "\t";
      spans.emplace_back(p->text.size(), parent.size());
      p->text += parent + "\n";
    }
    p->text.append(blockrt::keys::kKeyParsePadding, '\n');
    for (size_t i = 0; i < spans.size(); ++i) {
      std::string_view v(p->text.data() + spans[i].first, spans[i].second);
      (i % 2 ? p->parents : p->sources).push_back(v);
      KeyView view;
      if (!blockrt::keys::ParseKey(v, KeyBase::kAuto, &view, nullptr)) std::abort();
      (i % 2 ? p->parent_views : p->source_views).push_back(view);
    }
    return p;
  }();
  return *pairs;
}

void BM_DeriveUsageKey(benchmark::State& state) {
  const Pairs& p = Corpus();
  size_t i = 0;
  for (auto _ : state) {
    auto k = blockrt::keys::DeriveUsageKey(p.source_views[i], p.parent_views[i]);
    benchmark::DoNotOptimize(k);
    if (++i == p.sources.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_DeriveUsageKey);

void BM_DeriveBatch(benchmark::State& state) {
  const Pairs& p = Corpus();
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (size_t i = 0; i < p.sources.size(); ++i) {
      KeyView s, q;
      if (!blockrt::keys::ParseKeyInBuffer(p.sources[i], KeyBase::kAuto, &s, nullptr) ||
          !blockrt::keys::ParseKeyInBuffer(p.parents[i], KeyBase::kAuto, &q, nullptr) ||
          !blockrt::keys::AppendDerivedUsageKey(s, q, &out).ok()) {
        state.SkipWithError("derive failed");
        return;
      }
      out.push_back('\n');
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kPairs);
}
BENCHMARK(BM_DeriveBatch)->Unit(benchmark::kMillisecond);

// AppendDerivedUsageKey alone on keys parsed beforehand (BM_DeriveBatch minus
// BM_ParsePairs, give or take the caches).
void BM_AppendDerived(benchmark::State& state) {
  const Pairs& p = Corpus();
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (size_t i = 0; i < p.sources.size(); ++i) {
      if (!blockrt::keys::AppendDerivedUsageKey(p.source_views[i], p.parent_views[i], &out).ok()) {
        state.SkipWithError("derive failed");
        return;
      }
      out.push_back('\n');
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kPairs);
}
BENCHMARK(BM_AppendDerived)->Unit(benchmark::kMillisecond);

void BM_ParsePairs(benchmark::State& state) {
  const Pairs& p = Corpus();
  for (auto _ : state) {
    for (size_t i = 0; i < p.sources.size(); ++i) {
      KeyView s, q;
      benchmark::DoNotOptimize(
          blockrt::keys::ParseKeyInBuffer(p.sources[i], KeyBase::kAuto, &s, nullptr));
      benchmark::DoNotOptimize(
          blockrt::keys::ParseKeyInBuffer(p.parents[i], KeyBase::kAuto, &q, nullptr));
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kPairs);
}
BENCHMARK(BM_ParsePairs)->Unit(benchmark::kMillisecond);

void BM_Sha1Hex20(benchmark::State& state) {
  const std::string unique =
      "b'library-v1:HarvardX+lib180+branch@library':fc377a4c4a15544dc5e7ce8a3a578a8e:"
      "5d65a441d58842dea2bc372f7412b293";
  std::string out;
  for (auto _ : state) {
    out.clear();
    blockrt::AppendSha1Hex(&out, unique, 20);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Sha1Hex20);

}  // namespace

BENCHMARK_MAIN();
