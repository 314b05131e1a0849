#include "keys/internal/byte_masks.h"

#include <immintrin.h>

#include <cstring>

namespace blockrt::keys::internal {
namespace {

// Class bits. Each grammar's class is a union of nibble rectangles
// (high nibbles x low nibbles), one bit per rectangle; the separators get the
// top bits so that movemask (bit 7) and shifts by 1 and 2 (bits 6, 5) read them
// directly, and "bad" is simply class == 0.
//
// Locator:  b0 A-O a-o   b1 0-9 : P-Z p-z   b2 _   b3 . ~   b4 -
//           b5 %   b6 @   b7 +
// Learning Core: b0 A-O a-o   b1 0-9 P-Y p-y   b2 Z z   b3 _   b4 - .   b7 :
struct NibbleTables {
  alignas(16) uint8_t lo[16];
  alignas(16) uint8_t hi[16];
};

constexpr NibbleTables kLocatorTables = {
    // lo: 0 1 2 3 4 5 6 7 8 9 A B C D E F
    {0x42, 0x03, 0x03, 0x03, 0x03, 0x23, 0x03, 0x03, 0x03, 0x03, 0x03, 0x81, 0x01, 0x11, 0x09,
     0x05},
    // hi: 0 1 2 3 4 5 6 7 8..F
    {0, 0, 0xB8, 0x02, 0x41, 0x06, 0x01, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0},
};

constexpr NibbleTables kLearningCoreTables = {
    {0x02, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x85, 0x01, 0x01, 0x11, 0x11,
     0x09},
    {0, 0, 0x10, 0x82, 0x01, 0x0E, 0x01, 0x06, 0, 0, 0, 0, 0, 0, 0, 0},
};

// Both grammars' tables side by side, so the choice is an index, not a branch.
constexpr NibbleTables kTables[2] = {kLocatorTables, kLearningCoreTables};
static_assert(static_cast<int>(Grammar::kLocator) == 0 &&
              static_cast<int>(Grammar::kLearningCore) == 1);

const NibbleTables& TablesFor(Grammar g) { return kTables[static_cast<int>(g)]; }

// Places a chunk's bits (already aligned to the chunk's first byte) at bit
// `first_byte` of the two-word masks.
inline void Put(uint64_t* words, size_t first_byte, uint64_t bits) {
  words[first_byte >> 6] |= bits << (first_byte & 63);
}

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

__attribute__((target("avx2"))) inline uint32_t Movemask(__m256i x) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(x));
}

__attribute__((target("avx2"))) bool ClassifyAvx2(const char* p, size_t n, Grammar g,
                                                  ByteMasks* m) {
  const NibbleTables& t = TablesFor(g);
  const __m256i lo_t =
      _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(t.lo)));
  const __m256i hi_t =
      _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(t.hi)));
  const __m256i low4 = _mm256_set1_epi8(0x0F);
  *m = ByteMasks{};
  const size_t chunks = (n + 31) / 32;
  for (size_t c = 0; c < chunks; ++c) {
    __m256i v;
    // Maps a 32-bit movemask to the chunk's bytes (see the loads below).
    uint32_t keep_lo = 0xFFFFFFFFu;  // lanes taken as they are
    unsigned shift = 0;              // right shift for the rest
    if (32 * c + 32 <= n) {
      v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * c));
    } else if (n >= 32) {
      // The text's last 32 bytes, the already-seen lanes shifted out.
      v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + n - 32));
      keep_lo = 0;
      shift = static_cast<unsigned>(32 * c + 32 - n);
    } else if (n >= 16) {
      // Bytes 0-15 in the low lane, the last 16 in the high lane.
      v = _mm256_set_m128i(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16)),
                           _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
      keep_lo = 0xFFFF;
      shift = static_cast<unsigned>(32 - n);
    } else {
      alignas(16) char small[16] = {};
      std::memcpy(small, p, n);
      v = _mm256_castsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(small)));
      v = _mm256_inserti128_si256(v, _mm_setzero_si128(), 1);
    }
    auto bits = [keep_lo, shift](uint32_t raw) {
      return static_cast<uint64_t>((raw & keep_lo) | ((raw & ~keep_lo) >> shift));
    };
    if (bits(Movemask(v))) return false;
    const __m256i cls = _mm256_and_si256(
        _mm256_shuffle_epi8(lo_t, _mm256_and_si256(v, low4)),
        _mm256_shuffle_epi8(hi_t, _mm256_and_si256(_mm256_srli_epi16(v, 4), low4)));
    Put(m->bad, 32 * c, bits(Movemask(_mm256_cmpeq_epi8(cls, _mm256_setzero_si256()))));
    Put(m->sep, 32 * c, bits(Movemask(cls)));
    if (g == Grammar::kLocator) {
      Put(m->at, 32 * c, bits(Movemask(_mm256_slli_epi16(cls, 1))));
      Put(m->pct, 32 * c, bits(Movemask(_mm256_slli_epi16(cls, 2))));
    }
  }
  return true;
}

// The n low bits set, for n in [0, 64].
inline uint64_t LowBits(size_t n) {
  return ((uint64_t{1} << (n & 63)) - 1) | (uint64_t{0} - static_cast<uint64_t>(n >= 64));
}

// One 32-byte chunk's four masks and its non-ASCII bytes.
struct Chunk32 {
  uint32_t bad, sep, at, pct, high;
};

__attribute__((target("avx2"))) inline Chunk32 ClassifyChunk(const char* p, __m256i lo_t,
                                                             __m256i hi_t) {
  const __m256i low4 = _mm256_set1_epi8(0x0F);
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i cls = _mm256_and_si256(
      _mm256_shuffle_epi8(lo_t, _mm256_and_si256(v, low4)),
      _mm256_shuffle_epi8(hi_t, _mm256_and_si256(_mm256_srli_epi16(v, 4), low4)));
  return {Movemask(_mm256_cmpeq_epi8(cls, _mm256_setzero_si256())), Movemask(cls),
          Movemask(_mm256_slli_epi16(cls, 1)), Movemask(_mm256_slli_epi16(cls, 2)),
          Movemask(v)};
}

// Text followed by enough readable bytes: every chunk is one plain load, and
// the bits past n are whatever the following bytes are. Straight-line code
// for up to four chunks keeps the masks in registers.
__attribute__((target("avx2"))) bool ClassifyAvx2Padded(const char* p, size_t n, Grammar g,
                                                        ByteMasks* m) {
  const NibbleTables& t = TablesFor(g);
  const __m256i lo_t =
      _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(t.lo)));
  const __m256i hi_t =
      _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(t.hi)));
  auto join = [](uint32_t lo, uint32_t hi) {
    return static_cast<uint64_t>(lo) | (static_cast<uint64_t>(hi) << 32);
  };
  // Only the text's own bytes count as non-ASCII. The first two chunks are
  // classified whatever n is (the padding covers them): a branch on n would
  // mispredict on a mix of short and long keys.
  const Chunk32 a = ClassifyChunk(p, lo_t, hi_t);
  const Chunk32 b = ClassifyChunk(p + 32, lo_t, hi_t);
  m->bad[0] = join(a.bad, b.bad);
  m->sep[0] = join(a.sep, b.sep);
  m->at[0] = join(a.at, b.at);
  m->pct[0] = join(a.pct, b.pct);
  uint64_t high = join(a.high, b.high) & LowBits(n);
  if (n > 64) {
    const Chunk32 c = ClassifyChunk(p + 64, lo_t, hi_t);
    const Chunk32 d = ClassifyChunk(p + 96, lo_t, hi_t);
    m->bad[1] = join(c.bad, d.bad);
    m->sep[1] = join(c.sep, d.sep);
    m->at[1] = join(c.at, d.at);
    m->pct[1] = join(c.pct, d.pct);
    high |= join(c.high, d.high) & LowBits(n - 64);
  }
  return high == 0;
}

using ClassifyFn = bool (*)(const char*, size_t, Grammar, ByteMasks*);

ClassifyFn Best() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) return ClassifyAvx2;
  if (__builtin_cpu_supports("ssse3")) return ClassifySsse3;
  return ClassifyScalar;
}

const ClassifyFn kBest = Best();

ClassifyFn BestPadded() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") ? ClassifyAvx2Padded : Best();
}

const ClassifyFn kBestPadded = BestPadded();

}  // namespace

bool ClassifyBytes(const char* p, size_t n, Grammar grammar, ByteMasks* m) {
  return kBest(p, n, grammar, m);
}

bool ClassifyPaddedBytes(const char* p, size_t n, Grammar grammar, ByteMasks* m) {
  return kBestPadded(p, n, grammar, m);
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
