#include "keys/internal/byte_masks.h"

#include <immintrin.h>

#include <cstring>

#include "keys/internal/byte_masks_avx2.h"
#include "keys/internal/nibble_tables.h"

namespace blockrt::keys::internal {
namespace {

bool ClassifyScalar(const char* p, size_t n, Grammar g, ByteMasks* m) {
  const NibbleTables& t = TablesFor(g);
  *m = ByteMasks{};
  for (size_t i = 0; i < n; ++i) {
    const auto b = static_cast<uint8_t>(p[i]);
    if (b & 0x80) return false;
    const uint8_t cls = t.lo[b & 15] & t.hi[b >> 4];
    Put(m->bad, i, cls == 0);
    Put(m->sep, i, cls >> 7);
    Put(m->at, i, (cls >> 6) & 1);
    Put(m->pct, i, (cls >> 5) & 1);
  }
  return true;
}

inline unsigned Movemask(__m128i x) { return static_cast<unsigned>(_mm_movemask_epi8(x)); }

__attribute__((target("ssse3"))) bool ClassifySsse3(const char* p, size_t n, Grammar g,
                                                    ByteMasks* m) {
  const NibbleTables& t = TablesFor(g);
  const __m128i lo_t = _mm_load_si128(reinterpret_cast<const __m128i*>(t.lo));
  const __m128i hi_t = _mm_load_si128(reinterpret_cast<const __m128i*>(t.hi));
  const __m128i low4 = _mm_set1_epi8(0x0F);
  *m = ByteMasks{};
  alignas(16) char small[16] = {};
  const char* base = p;
  if (n < 16) {
    std::memcpy(small, p, n);
    base = small;
  }
  const size_t chunks = (n + 15) / 16;
  for (size_t c = 0; c < chunks; ++c) {
    // Every load stays inside the text: a partial last chunk is the text's
    // last 16 bytes with the already-seen lanes shifted out.
    size_t at = 16 * c;
    unsigned shift = 0;
    if (n >= 16 && at + 16 > n) {
      shift = static_cast<unsigned>(at + 16 - n);
      at = n - 16;
    }
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + at));
    auto bits = [shift](unsigned raw) { return static_cast<uint64_t>(raw >> shift); };
    if (bits(Movemask(v))) return false;
    const __m128i cls =
        _mm_and_si128(_mm_shuffle_epi8(lo_t, _mm_and_si128(v, low4)),
                      _mm_shuffle_epi8(hi_t, _mm_and_si128(_mm_srli_epi16(v, 4), low4)));
    Put(m->bad, 16 * c, bits(Movemask(_mm_cmpeq_epi8(cls, _mm_setzero_si128()))));
    Put(m->sep, 16 * c, bits(Movemask(cls)));
    if (g == Grammar::kLocator) {
      Put(m->at, 16 * c, bits(Movemask(_mm_slli_epi16(cls, 1))));
      Put(m->pct, 16 * c, bits(Movemask(_mm_slli_epi16(cls, 2))));
    }
  }
  return true;
}

// Out-of-line AVX2 entry points (the header's are inline for the fast path).
__attribute__((target("avx2"))) bool ClassifyAvx2(const char* p, size_t n, Grammar g,
                                                  ByteMasks* m) {
  return avx2::ClassifyAvx2(p, n, g, m);
}
__attribute__((target("avx2"))) bool ClassifyAvx2Padded(const char* p, size_t n, Grammar g,
                                                        ByteMasks* m) {
  return avx2::ClassifyAvx2Padded(p, n, g, m);
}

using ClassifyFn = bool (*)(const char*, size_t, Grammar, ByteMasks*);

ClassifyFn Best() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) return ClassifyAvx2;
  if (__builtin_cpu_supports("ssse3")) return ClassifySsse3;
  return ClassifyScalar;
}

ClassifyFn BestPadded() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") ? ClassifyAvx2Padded : Best();
}

}  // namespace

// Function-local statics: keys parsed by other static initializers must not
// find the pointers unset.
bool ClassifyBytes(const char* p, size_t n, Grammar grammar, ByteMasks* m) {
  static const ClassifyFn best = Best();
  return best(p, n, grammar, m);
}

bool ClassifyPaddedBytes(const char* p, size_t n, Grammar grammar, ByteMasks* m) {
  static const ClassifyFn best = BestPadded();
  return best(p, n, grammar, m);
}

bool ClassifyBytesWith(SimdLevel level, const char* p, size_t n, Grammar grammar, ByteMasks* m) {
  switch (level) {
    case SimdLevel::kScalar:
      return ClassifyScalar(p, n, grammar, m);
    case SimdLevel::kSsse3:
      return ClassifySsse3(p, n, grammar, m);
    case SimdLevel::kAvx2:
      return ClassifyAvx2(p, n, grammar, m);
    case SimdLevel::kAvx2Padded:
      return ClassifyAvx2Padded(p, n, grammar, m);
  }
  return false;
}

bool SimdLevelSupported(SimdLevel level) {
  __builtin_cpu_init();
  switch (level) {
    case SimdLevel::kScalar:
      return true;
    case SimdLevel::kSsse3:
      return __builtin_cpu_supports("ssse3");
    case SimdLevel::kAvx2:
    case SimdLevel::kAvx2Padded:
      return __builtin_cpu_supports("avx2");
  }
  return false;
}

}  // namespace blockrt::keys::internal
