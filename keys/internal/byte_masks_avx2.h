// The AVX2 classifiers, inline so that code compiled for AVX2 (the fast
// path's AVX2 build in fast_path.cc) inlines them; byte_masks.cc calls them
// only after checking the CPU. Every function here carries target("avx2").
#ifndef BLOCKRT_KEYS_INTERNAL_BYTE_MASKS_AVX2_H_
#define BLOCKRT_KEYS_INTERNAL_BYTE_MASKS_AVX2_H_

#include <immintrin.h>

#include <cstring>

#include "keys/internal/byte_masks.h"
#include "keys/internal/nibble_tables.h"

namespace blockrt::keys::internal::avx2 {

__attribute__((target("avx2"))) inline uint32_t Movemask(__m256i x) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(x));
}

__attribute__((target("avx2"), always_inline)) inline __m256i Load256(const char* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}

// A grammar's nibble tables in both 128-bit lanes (vpshufb looks up per lane).
struct Tables256 {
  __m256i lo, hi;
};

__attribute__((target("avx2"), always_inline)) inline Tables256 LoadTables(Grammar g) {
  const NibbleTables& t = TablesFor(g);
  return {_mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(t.lo))),
          _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(t.hi)))};
}

// One 32-byte chunk's four masks and its non-ASCII bytes.
struct Chunk32 {
  uint32_t bad, sep, at, pct, high;
};

__attribute__((target("avx2"), always_inline)) inline Chunk32 ClassifyVector(__m256i v,
                                                                             Tables256 t) {
  const __m256i low4 = _mm256_set1_epi8(0x0F);
  const __m256i cls =
      _mm256_and_si256(_mm256_shuffle_epi8(t.lo, _mm256_and_si256(v, low4)),
                       _mm256_shuffle_epi8(t.hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), low4)));
  return {Movemask(_mm256_cmpeq_epi8(cls, _mm256_setzero_si256())), Movemask(cls),
          Movemask(_mm256_slli_epi16(cls, 1)), Movemask(_mm256_slli_epi16(cls, 2)), Movemask(v)};
}

__attribute__((target("avx2"))) inline bool ClassifyAvx2(const char* p, size_t n, Grammar g,
                                                         ByteMasks* m) {
  const Tables256 t = LoadTables(g);
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
    const Chunk32 k = ClassifyVector(v, t);
    if (bits(k.high)) return false;
    Put(m->bad, 32 * c, bits(k.bad));
    Put(m->sep, 32 * c, bits(k.sep));
    Put(m->at, 32 * c, bits(k.at));
    Put(m->pct, 32 * c, bits(k.pct));
  }
  return true;
}

// Text followed by enough readable bytes: every chunk is one plain load, and
// the bits past n are whatever the following bytes are. Straight-line code
// for up to four chunks keeps the masks in registers.
__attribute__((target("avx2"), always_inline)) inline bool ClassifyAvx2Padded(const char* p,
                                                                              size_t n, Grammar g,
                                                                              ByteMasks* m) {
  const Tables256 t = LoadTables(g);
  auto join = [](uint32_t lo, uint32_t hi) {
    return static_cast<uint64_t>(lo) | (static_cast<uint64_t>(hi) << 32);
  };
  // Only the text's own bytes count as non-ASCII. The first two chunks are
  // classified whatever n is (the padding covers them): a branch on n would
  // mispredict on a mix of short and long keys.
  const Chunk32 a = ClassifyVector(Load256(p), t);
  const Chunk32 b = ClassifyVector(Load256(p + 32), t);
  m->bad[0] = join(a.bad, b.bad);
  m->sep[0] = join(a.sep, b.sep);
  m->at[0] = join(a.at, b.at);
  m->pct[0] = join(a.pct, b.pct);
  uint64_t high = join(a.high, b.high) & LowBits(n);
  if (n > 64) {
    const Chunk32 c = ClassifyVector(Load256(p + 64), t);
    const Chunk32 d = ClassifyVector(Load256(p + 96), t);
    m->bad[1] = join(c.bad, d.bad);
    m->sep[1] = join(c.sep, d.sep);
    m->at[1] = join(c.at, d.at);
    m->pct[1] = join(c.pct, d.pct);
    high |= join(c.high, d.high) & LowBits(n - 64);
  }
  return high == 0;
}

}  // namespace blockrt::keys::internal::avx2

#endif  // BLOCKRT_KEYS_INTERNAL_BYTE_MASKS_AVX2_H_
