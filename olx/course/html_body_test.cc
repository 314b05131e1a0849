// Where an html block's `filename` body is read from: the directory of
// html/<url_name as a path> (HtmlBlock.load_definition), wherever the
// <html filename=...> element itself is written.
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
  std::map<std::string, std::string> files;  // besides course.xml and course/R.xml
  const char* course_body;                   // inside course/R.xml
  std::string want_data;                     // the html block's data
  std::string want_html_file;
  std::vector<std::string> want;  // Diagnostic::ToString(), in order
};

TEST(HtmlBodyTest, FilenameIsRelativeToHtmlDirectory) {
  const Case cases[] = {
      {"inline in a chapter file: html/, not chapter/ (MIT 2013 courses)",
       {{"chapter/ch.xml",
         "<chapter>\n  <html filename=\"Unit1/Newtons_Laws.html\" display_name=\"N\"/>\n"
         "</chapter>"},
        {"html/Unit1/Newtons_Laws.html", "<p>F = ma</p>"}},
       "<chapter url_name=\"ch\"/>",
       "<p>F = ma</p>",
       "html/Unit1/Newtons_Laws.html",
       {}},
      {"a body only next to the chapter file is not found",
       {{"chapter/ch.xml",
         "<chapter>\n  <html filename=\"Newtons_Laws\" display_name=\"N\"/>\n"
         "</chapter>"},
        {"chapter/Newtons_Laws.html", "<p>F = ma</p>"}},
       "<chapter url_name=\"ch\"/>",
       "",
       "",
       {"chapter/ch.xml:2:3: error: html body html/Newtons_Laws.html does not exist"}},
      {"a url_name with ':' gives a subdirectory of html/",
       {{"vertical/v.xml", "<vertical><html url_name=\"u1:intro\" filename=\"intro\"/></vertical>"},
        {"html/u1/intro.html", "<p>Intro</p>"}},
       "<chapter><sequential><vertical url_name=\"v\"/></sequential></chapter>",
       "<p>Intro</p>",
       "html/u1/intro.html",
       {}},
      {"near miss: html/X.xml pointed to reads html/X.html, as before",
       {{"html/x.xml", "<html filename=\"x\" display_name=\"X\"/>"}, {"html/x.html", "<p>X</p>"}},
       "<chapter><html url_name=\"x\"/></chapter>",
       "<p>X</p>",
       "html/x.html",
       {}},
      {"near miss: html/a/b.xml (url_name a:b) reads html/a/, as before",
       {{"html/a/b.xml", "<html filename=\"b\"/>"}, {"html/a/b.html", "<p>B</p>"}},
       "<chapter><html url_name=\"a:b\"/></chapter>",
       "<p>B</p>",
       "html/a/b.html",
       {}},
      {"near miss: the backcompat suffixes still apply",
       {{"chapter/ch.xml", "<chapter><html filename=\"Unit1/b.html\"/></chapter>"},
        {"b.html", "<p>root</p>"}},
       "<chapter url_name=\"ch\"/>",
       "<p>root</p>",
       "b.html",
       {}},
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
    const CourseBlock* html = nullptr;
    for (const CourseBlock& b : course->blocks) {
      if (b.definition.block_type == "html") html = &b;
    }
    ASSERT_NE(html, nullptr);
    ASSERT_NE(html->definition.data(), nullptr);
    EXPECT_EQ(*html->definition.data(), c.want_data);
    EXPECT_EQ(html->html_file, c.want_html_file);
  }
}

// drafts/ is its own resource root: drafts/html/ first, then the published
// html/ body.
TEST(HtmlBodyTest, DraftBodiesUnderDraftsHtml) {
  for (bool in_drafts : {true, false}) {
    SCOPED_TRACE(in_drafts);
    MemoryFileSource m;
    ASSERT_TRUE(m.Put("course.xml", R"(<course url_name="R" org="O" course="C"/>)").ok());
    ASSERT_TRUE(m.Put("course/R.xml", "<course/>").ok());
    ASSERT_TRUE(m.Put("drafts/vertical/dv.xml",
                      "<vertical parent_url=\"block-v1:O+C+R+type@sequential+block@s\" "
                      "index_in_children_list=\"0\"><html filename=\"d\"/></vertical>")
                    .ok());
    ASSERT_TRUE(m.Put(in_drafts ? "drafts/html/d.html" : "html/d.html", "<p>D</p>").ok());
    ASSERT_TRUE(m.Put("drafts/vertical/d.html", "<p>not this</p>").ok());
    auto course = LoadCourse(m);
    ASSERT_TRUE(course.ok()) << course.status().ToString();
    EXPECT_TRUE(course->diagnostics.empty()) << course->diagnostics[0].ToString();
    const CourseBlock& html = course->blocks[course->blocks.size() - 1];
    ASSERT_EQ(html.definition.block_type, "html");
    EXPECT_EQ(*html.definition.data(), "<p>D</p>");
  }
}

}  // namespace
}  // namespace blockrt::olx
