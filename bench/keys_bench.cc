// Key parsing throughput on the realistic mix (keys/testing/key_mix.h):
//   BM_ParseValidateCanonical  parse + validate + canonicalize (ParseKey)
//   BM_InBufferValidateCanonical  the same with ParseKeyInBuffer, as `keys check`
//                              parses lines in place
//   BM_ParseOnly               parse + validate
//   BM_ParseByKind/N           one kind at a time (block-v1, course-v1, lb, i4x, aside)
// items_per_second is keys/s on one core.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "keys/key.h"
#include "keys/testing/key_mix.h"

namespace {

using blockrt::keys::KeyBase;
using blockrt::keys::KeyError;
using blockrt::keys::KeyView;

// One contiguous buffer of newline-separated keys, as a file would be.
struct Corpus {
  std::string text;
  std::vector<std::string_view> lines;
};

const Corpus& Mix() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    blockrt::keys::testing::KeyMix mix(42);
    std::vector<size_t> ends;
    for (int i = 0; i < 1000000; ++i) {
      mix.Next(&c->text);
      ends.push_back(c->text.size());
      c->text.push_back('\n');
    }
    // ParseKeyInBuffer's padding after the last line.
    c->text.append(blockrt::keys::kKeyParsePadding, '\n');
    size_t start = 0;
    for (size_t end : ends) {
      c->lines.emplace_back(c->text.data() + start, end - start);
      start = end + 1;
    }
    return c;
  }();
  return *corpus;
}

void BM_ParseValidateCanonical(benchmark::State& state) {
  const Corpus& c = Mix();
  std::string scratch;
  KeyView view;
  KeyError err;
  size_t valid = 0;
  for (auto _ : state) {
    for (std::string_view line : c.lines) {
      if (blockrt::keys::ParseKey(line, KeyBase::kAuto, &view, &err)) {
        benchmark::DoNotOptimize(view.Canonical(line, &scratch));
        ++valid;
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * c.lines.size());
  state.SetBytesProcessed(state.iterations() * c.text.size());
  state.counters["valid_fraction"] =
      static_cast<double>(valid) / static_cast<double>(state.iterations() * c.lines.size());
}
BENCHMARK(BM_ParseValidateCanonical)->Unit(benchmark::kMillisecond);

void BM_InBufferValidateCanonical(benchmark::State& state) {
  const Corpus& c = Mix();
  std::string scratch;
  KeyView view;
  size_t valid = 0;
  for (auto _ : state) {
    for (std::string_view line : c.lines) {
      // No error details, as `keys check` asks only for the findings it shows.
      if (blockrt::keys::ParseKeyInBuffer(line, KeyBase::kAuto, &view, nullptr)) {
        benchmark::DoNotOptimize(view.Canonical(line, &scratch));
        ++valid;
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * c.lines.size());
  state.counters["valid_fraction"] =
      static_cast<double>(valid) / static_cast<double>(state.iterations() * c.lines.size());
}
BENCHMARK(BM_InBufferValidateCanonical)->Unit(benchmark::kMillisecond);

void BM_ParseOnly(benchmark::State& state) {
  const Corpus& c = Mix();
  KeyView view;
  KeyError err;
  for (auto _ : state) {
    for (std::string_view line : c.lines) {
      benchmark::DoNotOptimize(blockrt::keys::ParseKey(line, KeyBase::kAuto, &view, &err));
    }
  }
  state.SetItemsProcessed(state.iterations() * c.lines.size());
}
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond);

void BM_ParseByKind(benchmark::State& state) {
  static const char* const kKeys[] = {
      "block-v1:edX+DemoX+Demo_Course+type@problem+block@a0effb954cca4759994f1ac9e9434bf4",
      "course-v1:edX+DemoX+Demo_Course",
      "lb:edX:demo-lib:problem:p1",
      "i4x://edX/DemoX/problem/a0effb954cca4759994f1ac9e9434bf4",
      "aside-usage-v2:block-v1$:edX+DemoX+Demo_Course+type@problem+block@p1::tagging",
  };
  std::string_view key = kKeys[state.range(0)];
  KeyView view;
  KeyError err;
  std::string scratch;
  for (auto _ : state) {
    benchmark::DoNotOptimize(blockrt::keys::ParseKey(key, KeyBase::kAuto, &view, &err));
    benchmark::DoNotOptimize(view.Canonical(key, &scratch));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(key.substr(0, key.find(':'))));
}
BENCHMARK(BM_ParseByKind)->DenseRange(0, 4);

}  // namespace

BENCHMARK_MAIN();
