// The byte classes of the two key grammars as nibble lookup tables, shared by
// the scalar, SSSE3 and AVX2 classifiers (byte_masks.cc, byte_masks_avx2.h).
#ifndef BLOCKRT_KEYS_INTERNAL_NIBBLE_TABLES_H_
#define BLOCKRT_KEYS_INTERNAL_NIBBLE_TABLES_H_

#include <cstddef>
#include <cstdint>

#include "keys/internal/byte_masks.h"

namespace blockrt::keys::internal {

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

inline const NibbleTables& TablesFor(Grammar g) { return kTables[static_cast<int>(g)]; }

// Places a chunk's bits (already aligned to the chunk's first byte) at bit
// `first_byte` of the two-word masks.
inline void Put(uint64_t* words, size_t first_byte, uint64_t bits) {
  words[first_byte >> 6] |= bits << (first_byte & 63);
}

}  // namespace blockrt::keys::internal

#endif  // BLOCKRT_KEYS_INTERNAL_NIBBLE_TABLES_H_
