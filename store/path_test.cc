#include "store/path.h"

#include <gtest/gtest.h>

#include <string>

namespace blockrt::store {
namespace {

TEST(ValidatePathTest, AcceptsRelativeUtf8Paths) {
  const std::string kGood[] = {
      "a",
      "problem/p1/definition.xml",
      ".hidden",
      "a/.b/..c/c..",
      "static/ünï cödé/notes.txt",
      "emoji/\xf0\x9f\x98\x80.png",
      std::string(255, 'x'),
      std::string(255, 'x') + "/" + std::string(244, 'y'),  // 500 bytes, segments at NAME_MAX
      "a b/c-d_e~f!@#$%^&()",
  };
  for (const std::string& p : kGood) EXPECT_TRUE(ValidatePath(p).ok()) << p;
}

struct Bad {
  std::string path;
  std::string reason;  // substring the message must contain
};

TEST(ValidatePathTest, RejectsWithReason) {
  const Bad kBad[] = {
      {"", "empty"},
      {std::string(256, 'x'), "255-byte limit"},
      {"a/" + std::string(300, 'x') + "/b", "segment of 300 bytes"},
      {std::string(500, 'x'), "255-byte limit"},
      {"/etc/passwd", "absolute"},
      {"a//b", "'//'"},
      {"a/", "trailing"},
      {"../x", "'..'"},
      {"a/../b", "'..'"},
      {"a/..", "'..'"},
      {"./a", "'.'"},
      {"a/./b", "'.'"},
      {"a/.", "'.'"},
      {"a\\b", "backslash"},
      {std::string("a\0b", 3), "NUL"},
      {"a\nb", "control"},
      {"a\tb", "control"},
      {"a\x7f", "control"},
      {"a\xc2\x85", "C1"},
      {"bad\xff", "UTF-8"},
      {"over\xc0\xaflong", "UTF-8"},
      {"surrogate\xed\xa0\x80", "UTF-8"},
      {"cut\xe2\x82", "UTF-8"},
      {std::string(501, 'x'), "500"},
  };
  for (const Bad& b : kBad) {
    Status st = ValidatePath(b.path);
    ASSERT_FALSE(st.ok()) << b.path;
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(st.message().find(b.reason), std::string::npos) << st.message();
  }
}

TEST(ValidatePathTest, ReportsBytePosition) {
  Status st = ValidatePath("ok/fine\\bad");
  EXPECT_NE(st.message().find("at byte 7"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace blockrt::store
