#include "store/digest.h"

#include <gtest/gtest.h>

#include <string>

namespace blockrt::store {
namespace {

std::string Bytes256x5() {
  std::string s;
  for (int r = 0; r < 5; ++r) {
    for (int i = 0; i < 256; ++i) s += static_cast<char>(i);
  }
  return s;
}

struct Vector {
  std::string input;
  size_t out_len;
  std::string key;
  std::string hex;
};

// RFC 7693 Appendix A ("abc", BLAKE2b-512) plus BLAKE2b-160 and keyed values
// cross-checked against Python's hashlib.blake2b.
TEST(Blake2bTest, KnownVectors) {
  const Vector kVectors[] = {
      {"abc", 64, "",
       "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de453"
       "3"
       "cc9518d38aa8dbf1925ab92386edd4009923"},
      {"", 20, "", "3345524abf6bbe1809449224b5972c41790b6cf2"},
      {"abc", 20, "", "384264f676f39536840523f284921cdc68b6846b"},
      {"The quick brown fox jumps over the lazy dog", 20, "",
       "3c523ed102ab45a37d54f5610d5a983162fde84f"},
      {std::string(128, '\0'), 20, "", "8d26f158f564e3293b42f5e3d34263cb173aa9c9"},
      {std::string(129, '\0'), 20, "", "40ebe222a27407c3f26d28cceb2c5c5f9542d383"},
      {Bytes256x5(), 20, "", "72956584b960c10c1dfa20fd6ea8c72cddb4cca3"},
      {"abc", 32, "key", "0330531d097355a3f72e80d55c1245ccf79f1704431c6e3887938320442c23c0"},
  };
  for (const Vector& v : kVectors) {
    Blake2b h(v.out_len, v.key);
    h.Update(v.input);
    EXPECT_EQ(ToHex(h.Final()), v.hex) << "input of " << v.input.size() << " bytes";
  }
}

TEST(Blake2bTest, IncrementalMatchesOneShotAtEverySplit) {
  const std::string data = Bytes256x5();
  const std::string expected = ContentDigest(data);
  for (size_t split : {0, 1, 127, 128, 129, 255, 256, 257, 1000, 1279, 1280}) {
    Blake2b h(20);
    h.Update(std::string_view(data).substr(0, split));
    h.Update(std::string_view(data).substr(split));
    EXPECT_EQ(ToHex(h.Final()), expected) << "split at " << split;
  }
  Blake2b bytewise(20);
  for (char c : data) bytewise.Update(std::string_view(&c, 1));
  EXPECT_EQ(ToHex(bytewise.Final()), expected);
}

TEST(Blake2bTest, DigestChangesWithOneBit) {
  std::string a(1000, 'x');
  std::string b = a;
  b[500] ^= 1;
  EXPECT_NE(ContentDigest(a), ContentDigest(b));
  EXPECT_EQ(ContentDigest(a).size(), 40u);
}

}  // namespace
}  // namespace blockrt::store
