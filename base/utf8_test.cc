#include "base/utf8.h"

#include <gtest/gtest.h>

namespace blockrt {
namespace {

TEST(Utf8Test, ValidityTable) {
  struct Case {
    std::string bytes;
    bool valid;
    size_t bad = 0;
  } cases[] = {
      {"", true},
      {"eve", true},
      {"\xc3\xa9l\xc3\xa8ve", true},   // élève
      {"\xf0\x9f\x98\x80", true},      // U+1F600
      {"eve\xff", false, 3},           // not a lead byte
      {"\xc3", false, 0},              // truncated
      {"\xc0\xaf", false, 0},          // overlong '/'
      {"\xe0\x80\xaf", false, 0},      // overlong, 3 bytes
      {"\xed\xa0\x80", false, 0},      // surrogate U+D800
      {"\xf4\x90\x80\x80", false, 0},  // above U+10FFFF
      {"ok\xe2\x82", false, 2},        // truncated euro sign
  };
  for (const Case& c : cases) {
    size_t bad = 99;
    EXPECT_EQ(IsValidUtf8(c.bytes, &bad), c.valid) << PrintableBytes(c.bytes);
    if (!c.valid) {
      EXPECT_EQ(bad, c.bad) << PrintableBytes(c.bytes);
    }
  }
}

TEST(Utf8Test, PrintableBytesEscapesWhatCannotBePrinted) {
  EXPECT_EQ(PrintableBytes("eve\xff"), "eve\\xff");
  EXPECT_EQ(PrintableBytes("a\nb\\"), "a\\x0ab\\x5c");
  EXPECT_EQ(PrintableBytes("\xc3\xa9"), "\xc3\xa9");
  EXPECT_TRUE(IsValidUtf8(PrintableBytes("\xc0\xaf\xed\xa0\x80")));
}

}  // namespace
}  // namespace blockrt
