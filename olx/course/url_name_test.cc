#include "olx/course/internal/url_name.h"

#include <gtest/gtest.h>

#include <string>

namespace blockrt::olx::internal {
namespace {

bool PlainByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '~' || c == '.' || c == ':';
}

// Every byte value at every position of ids from 1 to 40 bytes: the sixteen-
// byte path and the tail must agree with the byte rule.
TEST(UrlNameTest, PlainKeyIdMatchesTheByteRuleEverywhere) {
  EXPECT_FALSE(IsPlainKeyId(""));
  for (size_t len = 1; len <= 40; ++len) {
    for (size_t pos = 0; pos < len; ++pos) {
      for (int c = 0; c < 256; ++c) {
        std::string id(len, 'a');
        id[pos] = static_cast<char>(c);
        ASSERT_EQ(IsPlainKeyId(id), PlainByte(static_cast<unsigned char>(c)))
            << "len " << len << " pos " << pos << " byte " << c;
      }
    }
  }
  EXPECT_TRUE(IsPlainKeyId("0123456789abcdefABCDEF_-~.:zZ0123456789"));
}

TEST(UrlNameTest, CleanAndPath) {
  EXPECT_EQ(CleanUrlName("Week 1: Intro!"), "Week_1_Intro_");
  EXPECT_EQ(UrlNameToPath("a:b:c"), "a/b/c");
}

}  // namespace
}  // namespace blockrt::olx::internal
