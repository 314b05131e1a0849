#include "base/status.h"

#include <gtest/gtest.h>

#include "base/result.h"

namespace blockrt {
namespace {

TEST(StatusTest, OkHasNoMessage) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ErrorsCarryCodeAndMessage) {
  struct Case {
    Status status;
    const char* text;
  } cases[] = {
      {Status::NotFound("x"), "not_found: x"},
      {Status::InvalidArgument("bad key"), "invalid_argument: bad key"},
      {Status::Corruption("blob"), "corruption: blob"},
      {Status::Conflict("draft"), "conflict: draft"},
      {Status::ParseError("a.xml:1:2: y"), "parse_error: a.xml:1:2: y"},
  };
  for (const auto& c : cases) {
    EXPECT_FALSE(c.status.ok());
    EXPECT_EQ(c.status.ToString(), c.text);
  }
}

TEST(StatusTest, WithContextPrefixes) {
  EXPECT_EQ(Status::IOError("disk").WithContext("open a.db").ToString(),
            "io_error: open a.db: disk");
  EXPECT_TRUE(Status::OK().WithContext("ignored").ok());
}

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  BLOCKRT_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(Quarter(3).status().message(), "odd");
}

}  // namespace
}  // namespace blockrt
