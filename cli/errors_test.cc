#include "cli/errors.h"

#include <gtest/gtest.h>

#include <sstream>

namespace blockrt::cli {
namespace {

// The one exit-code map (README, CLI section).
TEST(ErrorsTest, ExitCodeMap) {
  using C = Status::Code;
  const std::pair<C, int> kMap[] = {
      {C::kOk, 0},
      {C::kNotFound, 1},
      {C::kInvalidArgument, 1},
      {C::kParseError, 1},
      {C::kCorruption, 1},
      {C::kConflict, 1},
      {C::kAlreadyExists, 1},
      {C::kPermissionDenied, 1},
      {C::kNotSupported, 1},  // was 2 in `store`, 1 elsewhere
      {C::kFailedPrecondition, 1},
      {C::kIOError, 2},
      {C::kInternal, 2},
  };
  EXPECT_EQ(ExitCodeFor(Status::OK()), 0);
  EXPECT_EQ(ExitCodeFor(Status::NotFound("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status::NotSupported("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status::IOError("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::Internal("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::PermissionDenied("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status::Corruption("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status::FailedPrecondition("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status::Conflict("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status::AlreadyExists("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status::ParseError("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status::InvalidArgument("x")), 1);
  EXPECT_EQ(sizeof(kMap) / sizeof(kMap[0]), static_cast<size_t>(C::kInternal) + 1);
}

TEST(ErrorsTest, OneShapeJsonOrText) {
  std::istringstream in;
  std::ostringstream out, err;
  Invocation inv{{}, &in, &out, &err};
  EXPECT_EQ(PrintError(inv, "lib", Status::NotFound("no \"x\""), true), 1);
  EXPECT_EQ(out.str(), "{\"error\":{\"code\":\"not_found\",\"message\":\"no \\\"x\\\"\"}}\n");
  EXPECT_EQ(err.str(), "");
  out.str("");
  EXPECT_EQ(PrintError(inv, "store", Status::IOError("disk"), false), 2);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(), "blockrt store: io_error: disk\n");
  // Invalid UTF-8 in a message still gives one valid JSON line.
  out.str("");
  PrintError(inv, "x", Status::InvalidArgument("bad \xff"), true);
  EXPECT_EQ(out.str().back(), '\n');
  EXPECT_FALSE(nlohmann::json::parse(out.str(), nullptr, false).is_discarded());
}

}  // namespace
}  // namespace blockrt::cli
