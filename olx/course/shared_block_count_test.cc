// A block used from two parents (or defined twice) is one block to Open edX:
// CountByType counts each usage id once, while `blocks` keeps one entry per
// use, each with the one parent it was reached from.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "olx/course/course.h"
#include "olx/file_source.h"

namespace blockrt::olx {
namespace {

struct Case {
  const char* name;
  const char* vertical_a;  // children of vertical/a.xml
  const char* vertical_b;  // children of vertical/b.xml
  std::map<std::string, size_t> want;
  size_t want_entries;  // blocks.size()
};

TEST(SharedBlockCountTest, EachUsageIdCountsOnce) {
  const Case cases[] = {
      {"an html pointer in two units",
       "<html url_name=\"h\"/>",
       "<html url_name=\"h\"/>",
       {{"chapter", 1}, {"course", 1}, {"html", 1}, {"sequential", 1}, {"vertical", 2}},
       7},
      {"an inline discussion defined in two units",
       "<discussion url_name=\"d\" discussion_id=\"1\"/>",
       "<discussion url_name=\"d\" discussion_id=\"2\"/>",
       {{"chapter", 1}, {"course", 1}, {"discussion", 1}, {"sequential", 1}, {"vertical", 2}},
       7},
      {"near miss: the same url_name under two types is two blocks",
       "<html url_name=\"x\"/>",
       "<discussion url_name=\"x\" discussion_id=\"3\"/>",
       {{"chapter", 1},
        {"course", 1},
        {"discussion", 1},
        {"html", 1},
        {"sequential", 1},
        {"vertical", 2}},
       7},
      {"near miss: two html blocks",
       "<html url_name=\"h\"/>",
       "<html url_name=\"h2\"/>",
       {{"chapter", 1}, {"course", 1}, {"html", 2}, {"sequential", 1}, {"vertical", 2}},
       7},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    MemoryFileSource m;
    ASSERT_TRUE(m.Put("course.xml", R"(<course url_name="R" org="O" course="C"/>)").ok());
    ASSERT_TRUE(m.Put("course/R.xml",
                      "<course><chapter url_name=\"ch\"><sequential url_name=\"s\">"
                      "<vertical url_name=\"a\"/><vertical url_name=\"b\"/>"
                      "</sequential></chapter></course>")
                    .ok());
    ASSERT_TRUE(
        m.Put("vertical/a.xml", std::string("<vertical>") + c.vertical_a + "</vertical>").ok());
    ASSERT_TRUE(
        m.Put("vertical/b.xml", std::string("<vertical>") + c.vertical_b + "</vertical>").ok());
    ASSERT_TRUE(m.Put("html/h.xml", "<html><p>H</p></html>").ok());
    ASSERT_TRUE(m.Put("html/h2.xml", "<html><p>H2</p></html>").ok());
    ASSERT_TRUE(m.Put("html/x.xml", "<html><p>X</p></html>").ok());
    auto course = LoadCourse(m);
    ASSERT_TRUE(course.ok()) << course.status().ToString();
    EXPECT_EQ(course->CountByType(false), c.want);
    EXPECT_TRUE(course->CountByType(true).empty());
    // Each use stays in the tree under its own parent.
    ASSERT_EQ(course->blocks.size(), c.want_entries);
    const CourseBlock& first = course->blocks[4];
    const CourseBlock& second = course->blocks[6];
    EXPECT_EQ(course->blocks[static_cast<size_t>(first.parent)].url_name, "a");
    EXPECT_EQ(course->blocks[static_cast<size_t>(second.parent)].url_name, "b");
  }
}

// A draft and a published block with one id are counted in each tree.
TEST(SharedBlockCountTest, DraftsCountApart) {
  MemoryFileSource m;
  ASSERT_TRUE(m.Put("course.xml", R"(<course url_name="R" org="O" course="C"/>)").ok());
  ASSERT_TRUE(m.Put("course/R.xml",
                    "<course><chapter url_name=\"ch\"><sequential url_name=\"s\">"
                    "<vertical url_name=\"v\"/></sequential></chapter></course>")
                  .ok());
  ASSERT_TRUE(m.Put("vertical/v.xml", "<vertical/>").ok());
  ASSERT_TRUE(m.Put("drafts/vertical/v.xml",
                    "<vertical parent_url=\"block-v1:O+C+R+type@sequential+block@s\" "
                    "index_in_children_list=\"0\"/>")
                  .ok());
  auto course = LoadCourse(m);
  ASSERT_TRUE(course.ok()) << course.status().ToString();
  EXPECT_EQ(course->CountByType(false).at("vertical"), 1u);
  EXPECT_EQ(course->CountByType(true), (std::map<std::string, size_t>{{"vertical", 1}}));
}

}  // namespace
}  // namespace blockrt::olx
