#include "keys/internal/fast_path.h"

#include <emmintrin.h>
#include <immintrin.h>

#include <atomic>
#include <cstring>

#include "keys/internal/byte_masks.h"
#include "keys/internal/byte_masks_avx2.h"
#include "keys/internal/char_class.h"
#include "keys/internal/fast_namespaces.h"

namespace blockrt::keys::internal {
namespace {

constexpr size_t kMaxLen = kMaxClassifiedBytes;
static_assert(kKeyParsePadding >= kClassifyPadding,
              "ParseKeyInBuffer promises the classifier's padding");

}  // namespace

namespace fast_generic {
namespace {

inline bool ClassifyForFastPath(const char* p, size_t n, Grammar g, bool padded, ByteMasks* m) {
  return padded ? ClassifyPaddedBytes(p, n, g, m) : ClassifyBytes(p, n, g, m);
}

#include "keys/internal/fast_path_impl.inc"

}  // namespace
}  // namespace fast_generic

// The same code with AVX2 and BMI: only called after checking the CPU.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,bmi,bmi2,popcnt,lzcnt"))), \
                             apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,bmi,bmi2,popcnt,lzcnt")
#endif
namespace fast_avx2 {
namespace {

__attribute__((always_inline)) inline bool ClassifyForFastPath(const char* p, size_t n, Grammar g,
                                                               bool padded, ByteMasks* m) {
  return padded ? avx2::ClassifyAvx2Padded(p, n, g, m) : avx2::ClassifyAvx2(p, n, g, m);
}

#include "keys/internal/fast_path_impl.inc"

}  // namespace
}  // namespace fast_avx2
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

namespace {

using FastParseFn = FastResult (*)(std::string_view, uint32_t, bool, KeyView*);

FastParseFn ChooseFastParse() {
  return FastPathBuildSupported(FastPathBuild::kAvx2) ? fast_avx2::FastParseImpl
                                                      : fast_generic::FastParseImpl;
}

}  // namespace

bool FastPathBuildSupported(FastPathBuild build) {
  if (build == FastPathBuild::kGeneric) return true;
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
         __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
}

FastResult FastParseWith(FastPathBuild build, std::string_view text, uint32_t allowed, bool padded,
                         KeyView* out) {
  return build == FastPathBuild::kAvx2 ? fast_avx2::FastParseImpl(text, allowed, padded, out)
                                       : fast_generic::FastParseImpl(text, allowed, padded, out);
}

namespace {

// Set by a static initializer; a parse that runs before it (from another
// static initializer) chooses for itself. Relaxed: every writer stores the
// same value.
std::atomic<FastParseFn> chosen{nullptr};
const bool kChosenAtStart = (chosen.store(ChooseFastParse(), std::memory_order_relaxed), true);

__attribute__((noinline)) FastResult FastParseFirstCall(std::string_view text, uint32_t allowed,
                                                        bool padded, KeyView* out) {
  chosen.store(ChooseFastParse(), std::memory_order_relaxed);
  return chosen.load(std::memory_order_relaxed)(text, allowed, padded, out);
}

}  // namespace

FastResult FastParse(std::string_view text, uint32_t allowed, bool padded, KeyView* out) {
  const FastParseFn impl = chosen.load(std::memory_order_relaxed);
  if (__builtin_expect(impl == nullptr, 0)) return FastParseFirstCall(text, allowed, padded, out);
  return impl(text, allowed, padded, out);
}

}  // namespace blockrt::keys::internal
