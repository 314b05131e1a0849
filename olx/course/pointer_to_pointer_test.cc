// A pointer's file that holds only another pointer: XmlMixin.parse_xml follows
// one pointer, so the block loads empty; the loader says so instead of
// loading an empty course silently.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "olx/course/course.h"
#include "olx/file_source.h"

namespace blockrt::olx {
namespace {

struct Case {
  const char* name;
  std::map<std::string, std::string> files;  // besides course.xml
  std::map<std::string, size_t> want_counts;
  std::vector<std::string> want;  // Diagnostic::ToString(), in order
};

TEST(PointerToPointerTest, SecondPointerIsReportedNotFollowed) {
  const char kRun[] = "<course><chapter url_name=\"ch\"/></course>";
  const char kChapter[] = "<chapter display_name=\"Ch\"/>";
  const Case cases[] = {
      {"course/course.xml pointing on to course/2014.xml: an empty course",
       {{"course/course.xml", "<course url_name=\"2014\" org=\"O\" course=\"C\"/>"},
        {"course/2014.xml", kRun},
        {"chapter/ch.xml", kChapter}},
       {{"course", 1}},
       {"course/course.xml:1:1: error: holds only a pointer to course/2014.xml, which is not "
        "followed (a pointer's file must hold the definition); <course url_name=\"course\"> "
        "loads empty"}},
      {"a unit's file pointing at another unit's",
       {{"course/course.xml",
         "<course><chapter><sequential><vertical url_name=\"v\"/></sequential></chapter>"
         "</course>"},
        {"vertical/v.xml", "<vertical url_name=\"a:w\"/>"},
        {"vertical/a/w.xml", "<vertical><html><p>lost</p></html></vertical>"}},
       {{"chapter", 1}, {"course", 1}, {"sequential", 1}, {"vertical", 1}},
       {"vertical/v.xml:1:1: error: holds only a pointer to vertical/a/w.xml, which is not "
        "followed (a pointer's file must hold the definition); <vertical url_name=\"v\"> "
        "loads empty"}},
      {"near miss: course/course.xml holding the definition",
       {{"course/course.xml", kRun}, {"chapter/ch.xml", kChapter}},
       {{"chapter", 1}, {"course", 1}},
       {}},
      {"near miss: a file naming itself (an empty block either way)",
       {{"course/course.xml",
         "<course><chapter><sequential><video url_name=\"v\"/></sequential></chapter></course>"},
        {"video/v.xml", "<video url_name=\"v\"/>"}},
       {{"chapter", 1}, {"course", 1}, {"sequential", 1}, {"video", 1}},
       {}},
      {"near miss: a root with more than url_name is a definition",
       {{"course/course.xml",
         "<course><chapter><sequential><vertical url_name=\"v\"/></sequential></chapter>"
         "</course>"},
        {"vertical/v.xml", "<vertical url_name=\"w\" display_name=\"V\"/>"}},
       {{"chapter", 1}, {"course", 1}, {"sequential", 1}, {"vertical", 1}},
       {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    MemoryFileSource m;
    ASSERT_TRUE(m.Put("course.xml", R"(<course url_name="course" org="O" course="C"/>)").ok());
    for (const auto& [rel, bytes] : c.files) ASSERT_TRUE(m.Put(rel, bytes).ok()) << rel;
    auto course = LoadCourse(m);
    ASSERT_TRUE(course.ok()) << course.status().ToString();
    std::vector<std::string> got;
    for (const Diagnostic& d : course->diagnostics) got.push_back(d.ToString());
    EXPECT_EQ(got, c.want);
    EXPECT_EQ(course->CountByType(false), c.want_counts);
  }
}

}  // namespace
}  // namespace blockrt::olx
