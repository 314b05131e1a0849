// The v1 library rewrite: library.xml names the target, byte for byte
// elsewhere, and the rewritten export loads under the target's keys.
#include "olx/course/library_rewrite.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "olx/course/course.h"
#include "olx/overlay_source.h"

namespace blockrt::olx {
namespace {

using Files = std::map<std::string, std::string>;

std::unique_ptr<MemoryFileSource> SourceOf(const Files& files) {
  auto src = std::make_unique<MemoryFileSource>("/exports/lib/");
  for (const auto& [path, bytes] : files) EXPECT_TRUE(src->Put(path, bytes).ok()) << path;
  return src;
}

const Files kLibrary = {
    {"library.xml",
     "<library xblock-family=\"xblock.v1\" display_name=\"Bank\" org=\"O\" library=\"L\">\n"
     "  <problem url_name=\"p1\"/>\n</library>\n"},
    {"problem/p1.xml", "<problem display_name=\"P1\"><p>library-v1:O+L</p></problem>\n"},
};

TEST(LibraryRewrite, Cases) {
  struct Case {
    const char* name;
    std::string library_xml;
    CourseIdentity to;
    std::string want;  // "" = no write
  };
  const Case cases[] = {
      {"same key", kLibrary.at("library.xml"), {"O", "L", ""}, ""},
      {"other org and library",
       "<library org=\"O\" library=\"L\"  display_name='x'/>",
       {"O2", "L2", ""},
       "<library org=\"O2\" library=\"L2\"  display_name='x'/>"},
      {"single quotes kept",
       "<library org='O' library='L'><html url_name='h'/></library>",
       {"O", "L3", ""},
       "<library org='O' library='L3'><html url_name='h'/></library>"},
      {"missing attributes appended",
       "<library display_name=\"x\">\n</library>",
       {"O", "L", ""},
       "<library display_name=\"x\" org=\"O\" library=\"L\">\n</library>"},
      {"escaped value",
       "<library org=\"O\" library=\"L\"/>",
       {"O&", "L", ""},
       "<library org=\"O&amp;\" library=\"L\"/>"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto src = SourceOf({{"library.xml", c.library_xml}});
    Result<RunRewrite> plan = PlanLibraryRewrite(*src, c.to);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_TRUE(plan->removes.empty());
    EXPECT_EQ(plan->to, c.to);
    if (c.want.empty()) {
      EXPECT_TRUE(plan->writes.empty());
    } else {
      ASSERT_EQ(plan->writes.size(), 1u);
      EXPECT_EQ(plan->writes.at("library.xml"), c.want);
    }
  }
}

TEST(LibraryRewrite, TheRewrittenExportLoadsAsTheTarget) {
  auto src = SourceOf(kLibrary);
  Result<RunRewrite> plan = PlanLibraryRewrite(*src, {"O2", "L2", ""});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->from, (CourseIdentity{"O", "L", ""}));
  OverlayFileSource overlay(src.get());
  for (const auto& [path, bytes] : plan->writes) ASSERT_TRUE(overlay.Put(path, bytes).ok());
  Result<Course> after = LoadCourse(overlay);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->kind, Course::Kind::kLibrary);
  EXPECT_EQ(after->context_key, "library-v1:O2+L2");
  ASSERT_EQ(after->blocks.size(), 2u);
  EXPECT_EQ(after->blocks[1].usage_key, "lib-block-v1:O2+L2+type@problem+block@p1");
  // Block files are not touched, even where they spell the old key.
  EXPECT_EQ(plan->writes.count("problem/p1.xml"), 0u);
}

TEST(LibraryRewrite, RefusesWhatIsNotALibraryExport) {
  struct Case {
    const char* name;
    Files files;
    Status::Code code;
    const char* says;
  };
  const Case cases[] = {
      {"course export",
       {{"course.xml", "<course/>"}},
       Status::Code::kInvalidArgument,
       "is a course export"},
      {"nothing", {{"x.txt", "x"}}, Status::Code::kNotFound, "library.xml: no such file"},
      {"wrong root",
       {{"library.xml", "<course/>"}},
       Status::Code::kInvalidArgument,
       "root element is <course>"},
      {"bad xml",
       {{"library.xml", "<library>\n  <p>\n</library>"}},
       Status::Code::kParseError,
       "library.xml:"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto src = SourceOf(c.files);
    Result<RunRewrite> plan = PlanLibraryRewrite(*src, {"O", "L", ""});
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.status().code(), c.code) << plan.status().ToString();
    EXPECT_NE(plan.status().message().find(c.says), std::string::npos) << plan.status().message();
  }
}

}  // namespace
}  // namespace blockrt::olx
