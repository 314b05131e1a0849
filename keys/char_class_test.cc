#include "keys/internal/char_class.h"

#include <gtest/gtest.h>

namespace blockrt::keys::internal {
namespace {

TEST(CharClassTest, PythonWordSemantics) {
  struct Case {
    uint32_t cp;
    bool word;
  } cases[] = {
      {'a', true},     {'_', true},      {'-', false},   {0x00E9, true},  // é precomposed
      {0x0301, false},                                                    // combining acute (Mn)
      {0x00B2, true},                                                     // ² (No) is alnum
      {0x203F, false},                                                    // ‿ connector punct.
      {0x4E2D, true},  {0x1F600, false}, {0x0660, true},                  // ٠ Arabic-Indic zero
  };
  for (const auto& c : cases) EXPECT_EQ(IsWordCodePoint(c.cp), c.word) << std::hex << c.cp;
}

TEST(CharClassTest, IsDigit) {
  EXPECT_TRUE(IsDigitCodePoint('7'));
  EXPECT_TRUE(IsDigitCodePoint(0x00B2));   // ² is a digit but not decimal
  EXPECT_TRUE(IsDigitCodePoint(0x0663));   // ٣
  EXPECT_FALSE(IsDigitCodePoint(0x00BD));  // ½ is numeric, not a digit
  EXPECT_FALSE(IsDigitCodePoint('a'));
}

TEST(CharClassTest, Utf8Decoding) {
  uint32_t cp = 0;
  EXPECT_EQ(DecodeUtf8("\xC3\xA9", 0, &cp), 2u);
  EXPECT_EQ(cp, 0xE9u);
  EXPECT_EQ(DecodeUtf8("\xC0\xAF", 0, &cp), 0u);          // overlong '/'
  EXPECT_EQ(DecodeUtf8("\xED\xA0\x80", 0, &cp), 0u);      // surrogate
  EXPECT_EQ(DecodeUtf8("\xE4\xB8", 0, &cp), 0u);          // truncated
  EXPECT_EQ(DecodeUtf8("\xF4\x90\x80\x80", 0, &cp), 0u);  // > U+10FFFF
}

TEST(CharClassTest, MatchDollarAcceptsOneTrailingNewline) {
  size_t bad = 0;
  EXPECT_TRUE(MatchDollar("abc", kUniField, &bad));
  EXPECT_TRUE(MatchDollar("abc\n", kUniField, &bad));
  EXPECT_FALSE(MatchDollar("abc\n\n", kUniField, &bad));
  EXPECT_EQ(bad, 3u);
  EXPECT_FALSE(MatchDollar("\n", kUniField, &bad));
  EXPECT_FALSE(MatchDollar("", kUniField, &bad));
  EXPECT_FALSE(MatchDollar("h\xC3\xA9", kAsciiField, &bad));  // ASCII_FIELD has no \w
  EXPECT_EQ(bad, 1u);
}

}  // namespace
}  // namespace blockrt::keys::internal
