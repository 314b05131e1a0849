// A repeated url_name of a state-keeping type (make_name_unique) is renamed on
// the element as written: a renamed pointer names TYPE/<fallback>.xml, which
// does not exist, so the repeated use is dropped; an inline element keeps its
// content under the new name.
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
  const char* course_body;                   // inside course/R.xml
  std::map<std::string, std::string> files;  // besides course.xml and course/R.xml
  std::map<std::string, size_t> want_counts;
  std::vector<std::string> want;  // Diagnostic::ToString(), in order
};

const char kTwoSequentials[] =
    "<chapter url_name=\"ch\">\n"
    "  <sequential url_name=\"s1\"/>\n"
    "  <sequential url_name=\"s2\"/>\n"
    "</chapter>";

TEST(DuplicatePointerTest, RenamedPointerIsDropped) {
  const Case cases[] = {
      {"a vertical pointed to twice: the second use is dropped",
       kTwoSequentials,
       {{"sequential/s1.xml", "<sequential>\n  <vertical url_name=\"X\"/>\n</sequential>"},
        {"sequential/s2.xml", "<sequential>\n  <vertical url_name=\"X\"/>\n</sequential>"},
        {"vertical/X.xml", "<vertical display_name=\"X\"/>"}},
       {{"chapter", 1}, {"course", 1}, {"sequential", 2}, {"vertical", 1}},
       {"sequential/s2.xml:2:3: error: duplicate url_name 'X' for <vertical>; renamed to "
        "'vertical_X_d0045c003af3', whose file vertical/vertical_X_d0045c003af3.xml does not "
        "exist; child dropped"}},
      {"the renamed file exists: it is what the renamed pointer loads",
       kTwoSequentials,
       {{"sequential/s1.xml", "<sequential>\n  <vertical url_name=\"X\"/>\n</sequential>"},
        {"sequential/s2.xml", "<sequential>\n  <vertical url_name=\"X\"/>\n</sequential>"},
        {"vertical/X.xml", "<vertical/>"},
        {"vertical/vertical_X_d0045c003af3.xml", "<vertical><html url_name=\"h\"/></vertical>"},
        {"html/h.xml", "<html/>"}},
       {{"chapter", 1}, {"course", 1}, {"html", 1}, {"sequential", 2}, {"vertical", 2}},
       {"sequential/s2.xml:2:3: error: duplicate url_name 'X' for <vertical>; renamed to "
        "'vertical_X_d0045c003af3'"}},
      {"near miss: a repeated inline vertical is renamed and kept",
       kTwoSequentials,
       {{"sequential/s1.xml",
         "<sequential>\n  <vertical url_name=\"X\" display_name=\"a\"/>\n</sequential>"},
        {"sequential/s2.xml",
         "<sequential>\n  <vertical url_name=\"X\" display_name=\"b\"/>\n</sequential>"}},
       {{"chapter", 1}, {"course", 1}, {"sequential", 2}, {"vertical", 2}},
       {"sequential/s2.xml:2:3: error: duplicate url_name 'X' for <vertical>; renamed to "
        "'vertical_X_36cb71ad4840'"}},
      {"near miss: html is not renamed; one block, the last definition wins",
       kTwoSequentials,
       {{"sequential/s1.xml", "<sequential>\n  <html url_name=\"h\"/>\n</sequential>"},
        {"sequential/s2.xml", "<sequential>\n  <html url_name=\"h\"/>\n</sequential>"},
        {"html/h.xml", "<html/>"}},
       {{"chapter", 1}, {"course", 1}, {"html", 1}, {"sequential", 2}},
       {"html/h.xml:1:1: warning: duplicate usage html/h; the last definition wins"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    MemoryFileSource m;
    ASSERT_TRUE(m.Put("course.xml", R"(<course url_name="R" org="O" course="C"/>)").ok());
    ASSERT_TRUE(m.Put("course/R.xml", std::string("<course>") + c.course_body + "</course>").ok());
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
