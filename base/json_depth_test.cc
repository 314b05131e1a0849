#include "base/json_depth.h"

#include <gtest/gtest.h>

#include <string>

namespace blockrt {
namespace {

TEST(JsonDepth, FindsTheFirstTooDeepOpening) {
  struct Case {
    std::string text;
    size_t max_depth;
    size_t want;
  };
  const size_t npos = std::string_view::npos;
  const Case cases[] = {
      {"[]", 1, npos},
      {"[[]]", 1, 1},
      {"{\"a\":[1]}", 2, npos},
      {"{\"a\":[{}]}", 2, 6},
      {"\"[[[[\"", 1, npos},       // brackets inside strings do not count
      {"[\"\\\"[[[\"]", 1, npos},  // nor after an escaped quote
      {"[][][][]", 1, npos},       // siblings do not add up
      {"]]]][[", 1, 5},            // stray closers do not go below zero
      {std::string(300000, '['), 128, 128},
  };
  for (const Case& c : cases) EXPECT_EQ(FindJsonTooDeep(c.text, c.max_depth), c.want) << c.text;
}

TEST(JsonDepth, CheckNamesWhatAndWhere) {
  Status st = CheckJsonDepth(std::string(200, '['), "html5_sources", 10);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(st.message().find("html5_sources"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("offset 10"), std::string::npos) << st.message();
  EXPECT_TRUE(CheckJsonDepth("[[1]]", "x").ok());
}

}  // namespace
}  // namespace blockrt
