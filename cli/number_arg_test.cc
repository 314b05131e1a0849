#include "cli/number_arg.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace blockrt::cli {
namespace {

TEST(NumberArgTest, UnsignedTable) {
  struct Case {
    std::string text;
    uint64_t min, max;
    bool ok;
    uint64_t value;
  };
  const uint64_t kMax = std::numeric_limits<uint64_t>::max();
  const Case kCases[] = {
      {"0", 0, kMax, true, 0},
      {"42", 0, kMax, true, 42},
      {"007", 0, kMax, true, 7},
      {"18446744073709551615", 0, kMax, true, kMax},
      {"18446744073709551616", 0, kMax, false, 0},  // saturated before
      {"99999999999999999999", 0, kMax, false, 0},
      {"1000000001", 0, 1000000000, false, 0},
      {"0", 1, kMax, false, 0},
      {"", 0, kMax, false, 0},
      {"-1", 0, kMax, false, 0},
      {"+1", 0, kMax, false, 0},
      {" 1", 0, kMax, false, 0},
      {"1 ", 0, kMax, false, 0},
      {"0x10", 0, kMax, false, 0},
      {"1e3", 0, kMax, false, 0},
      {std::string("1\0", 2), 0, kMax, false, 0},
  };
  for (const Case& c : kCases) {
    Result<uint64_t> r = ParseUnsignedArg("N", c.text, c.min, c.max);
    EXPECT_EQ(r.ok(), c.ok) << "'" << c.text << "'";
    if (r.ok()) {
      EXPECT_EQ(*r, c.value) << c.text;
    } else {
      EXPECT_NE(r.status().message().find("N must be an integer in"), std::string::npos);
    }
  }
}

TEST(NumberArgTest, SignedTable) {
  struct Case {
    std::string text;
    int64_t min, max;
    bool ok;
    int64_t value;
  };
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  const int64_t kMax = std::numeric_limits<int64_t>::max();
  const Case kCases[] = {
      {"5", 1, kMax, true, 5},
      {"0", 1, kMax, false, 0},  // --version 0 is not "latest"
      {"-1", 0, kMax, false, 0},
      {"-1", kMin, kMax, true, -1},
      {"9223372036854775807", kMin, kMax, true, kMax},
      {"9223372036854775808", kMin, kMax, false, 0},
      {"-9223372036854775808", kMin, kMax, true, kMin},
      {"-9223372036854775809", kMin, kMax, false, 0},
      {"-", kMin, kMax, false, 0},
      {"--1", kMin, kMax, false, 0},
      {"65", 0, 64, false, 0},
      {"64", 0, 64, true, 64},
  };
  for (const Case& c : kCases) {
    Result<int64_t> r = ParseIntArg("--x", c.text, c.min, c.max);
    EXPECT_EQ(r.ok(), c.ok) << "'" << c.text << "'";
    if (r.ok()) {
      EXPECT_EQ(*r, c.value) << c.text;
    }
  }
}

}  // namespace
}  // namespace blockrt::cli
