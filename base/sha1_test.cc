#include "base/sha1.h"

#include <gtest/gtest.h>

#include <string>

namespace blockrt {
namespace {

struct Sha1Case {
  std::string input;
  std::string hex;  // `printf '%s' INPUT | sha1sum`, or the FIPS 180 examples
};

TEST(Sha1Test, MatchesKnownDigests) {
  const Sha1Case cases[] = {
      {"", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
      {"abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
      // The DERIVE_ID seed input (edx-runtime-semantics.md section 5.4).
      {"b'library-v1:O+L+branch@library':libBlockW:myLCB",
       "dd75dd6456dc1dda1959cf40cf78dc74c5d53384"},
      {std::string(1000000, 'a'), "34aa973cd4c4daa4f61eeb2bdbad27316534016f"},
  };
  for (const Sha1Case& c : cases) {
    EXPECT_EQ(Sha1Hex(c.input), c.hex) << c.input.substr(0, 60);
  }
}

TEST(Sha1Test, AppendsAPrefixOfTheHexDigest) {
  std::string out = "x_";
  AppendSha1Hex(&out, "abc", 12);
  EXPECT_EQ(out, "x_a9993e364706");
  out.clear();
  AppendSha1Hex(&out, "abc", 7);  // odd lengths end on a high nibble
  EXPECT_EQ(out, "a9993e3");
  out.clear();
  AppendSha1Hex(&out, "abc", 99);  // clamped to the whole digest
  EXPECT_EQ(out, "a9993e364706816aba3e25717850c26c9cd0d89d");
  unsigned char raw[kSha1Size];
  Sha1("abc", raw);
  EXPECT_EQ(raw[0], 0xa9);
  EXPECT_EQ(raw[19], 0x9d);
}

}  // namespace
}  // namespace blockrt
