#include "keys/internal/byte_masks.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>

#include "keys/internal/char_class.h"

namespace blockrt::keys::internal {
namespace {

bool Bit(const uint64_t* words, size_t i) { return (words[i >> 6] >> (i & 63)) & 1; }

// Each byte's class as the grammar defines it, from the scalar character tables.
TEST(ByteMasksTest, NibbleTablesMatchTheGrammarClasses) {
  for (int b = 0; b < 128; ++b) {
    const char c = static_cast<char>(b);
    ByteMasks m;
    ASSERT_TRUE(ClassifyBytesWith(SimdLevel::kScalar, &c, 1, Grammar::kLocator, &m));
    const bool id = kAsciiClass[b] & kId;
    EXPECT_EQ(Bit(m.sep, 0), c == '+') << b;
    EXPECT_EQ(Bit(m.at, 0), c == '@') << b;
    EXPECT_EQ(Bit(m.pct, 0), c == '%') << b;
    EXPECT_EQ(Bit(m.bad, 0), !id && c != '+' && c != '@' && c != '%') << b;

    ASSERT_TRUE(ClassifyBytesWith(SimdLevel::kScalar, &c, 1, Grammar::kLearningCore, &m));
    const bool field = kAsciiClass[b] & kAsciiField;
    EXPECT_EQ(Bit(m.sep, 0), c == ':') << b;
    EXPECT_EQ(Bit(m.bad, 0), !field && c != ':') << b;
  }
  for (int b = 128; b < 256; ++b) {
    const char c = static_cast<char>(b);
    ByteMasks m;
    EXPECT_FALSE(ClassifyBytesWith(SimdLevel::kScalar, &c, 1, Grammar::kLocator, &m)) << b;
  }
}

// Every SIMD implementation agrees with the scalar one on every length and on
// random bytes (ASCII-heavy, some non-ASCII), and never reads past the text
// (ASan builds check the unpadded ones on exact-size heap copies).
TEST(ByteMasksTest, SimdImplementationsAgreeWithScalar) {
  std::mt19937_64 rng(11);
  static const char kAlphabet[] = "aZ09_-.~:+@%/ \n";
  int compared = 0;
  for (SimdLevel level : {SimdLevel::kSsse3, SimdLevel::kAvx2, SimdLevel::kAvx2Padded}) {
    if (!SimdLevelSupported(level)) continue;
    for (int round = 0; round < 400; ++round) {
      for (size_t n = 0; n <= kMaxClassifiedBytes; ++n) {
        std::string text(n, 'a');
        for (char& c : text) {
          uint64_t r = rng();
          c = r % 97 == 0 ? static_cast<char>(0x80 | (r >> 8)) : kAlphabet[(r >> 16) % 15];
        }
        // Exact-size copy for the unpadded ones; trailing noise for the padded one.
        std::unique_ptr<char[]> exact(new char[n == 0 ? 1 : n]);
        std::memcpy(exact.get(), text.data(), n);
        std::string padded = text + std::string(kClassifyPadding, '+');
        padded[n] = '\xC3';
        const char* p = level == SimdLevel::kAvx2Padded ? padded.data() : exact.get();
        for (Grammar g : {Grammar::kLocator, Grammar::kLearningCore}) {
          ByteMasks want, got;
          const bool want_ascii = ClassifyBytesWith(SimdLevel::kScalar, p, n, g, &want);
          ASSERT_EQ(ClassifyBytesWith(level, p, n, g, &got), want_ascii) << text;
          if (!want_ascii) continue;
          for (size_t i = 0; i < n; ++i) {
            ASSERT_EQ(Bit(got.bad, i), Bit(want.bad, i)) << "byte " << i << " of " << text;
            ASSERT_EQ(Bit(got.sep, i), Bit(want.sep, i)) << "byte " << i << " of " << text;
            if (g == Grammar::kLocator) {
              ASSERT_EQ(Bit(got.at, i), Bit(want.at, i)) << "byte " << i << " of " << text;
              ASSERT_EQ(Bit(got.pct, i), Bit(want.pct, i)) << "byte " << i << " of " << text;
            }
          }
          ++compared;
        }
      }
    }
  }
  // At least the SSSE3 level exists on every x86-64 machine this runs on.
  EXPECT_GT(compared, 1000);
}

}  // namespace
}  // namespace blockrt::keys::internal
