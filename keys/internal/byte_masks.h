// Classifies up to 128 bytes of a key into bit masks (bit i = byte i) with one
// table lookup per byte nibble, the way simdjson classifies JSON structure:
// class = LO[byte & 15] & HI[byte >> 4]. AVX2 when the CPU has it (checked
// once at run time), SSSE3 otherwise, plain SSE2 as the last resort.
#ifndef BLOCKRT_KEYS_INTERNAL_BYTE_MASKS_H_
#define BLOCKRT_KEYS_INTERNAL_BYTE_MASKS_H_

#include <cstddef>
#include <cstdint>

namespace blockrt::keys::internal {

// The two grammars the fast path decides.
enum class Grammar : uint8_t {
  kLocator,       // v1 locators: ID class [A-Za-z0-9_~.:-], separators '+', '@', '%'
  kLearningCore,  // lib/lb/lct/lib-collection: ASCII_FIELD [A-Za-z0-9_.-], separator ':'
};

// Two 64-bit words per mask cover 128 bytes.
struct ByteMasks {
  uint64_t bad[2];  // bytes outside the grammar's class and its separators
  uint64_t sep[2];  // '+' (locator) or ':' (Learning Core)
  uint64_t at[2];   // '@' (locator only)
  uint64_t pct[2];  // '%' (locator only)
};

constexpr size_t kMaxClassifiedBytes = 128;

// The n low bits of a mask word set, for n in [0, 64] (a shift by 64 is
// undefined), with no branch.
inline uint64_t LowBits(size_t n) {
  return ((uint64_t{1} << (n & 63)) - 1) | (uint64_t{0} - static_cast<uint64_t>(n >= 64));
}

// Fills *m for p[0, n), n <= kMaxClassifiedBytes; bits at and past n are
// unspecified. Reads only inside [p, p+n). Returns false when any byte is
// non-ASCII (the masks are then unspecified).
bool ClassifyBytes(const char* p, size_t n, Grammar grammar, ByteMasks* m);

// The same for text inside a larger buffer: p[n, n + kClassifyPadding) must
// be readable too (its content does not matter). Plain loads, no tail work.
constexpr size_t kClassifyPadding = 64;
bool ClassifyPaddedBytes(const char* p, size_t n, Grammar grammar, ByteMasks* m);

// Each implementation by name, so tests can hold them against each other.
enum class SimdLevel : uint8_t { kScalar, kSsse3, kAvx2, kAvx2Padded };
bool SimdLevelSupported(SimdLevel level);
bool ClassifyBytesWith(SimdLevel level, const char* p, size_t n, Grammar grammar, ByteMasks* m);

}  // namespace blockrt::keys::internal

#endif  // BLOCKRT_KEYS_INTERNAL_BYTE_MASKS_H_
