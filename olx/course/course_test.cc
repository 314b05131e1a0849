#include "olx/course/course.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace blockrt::olx {
namespace {

const std::string kFixtures = std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/olx/";

const CourseBlock* Find(const Course& c, std::string_view type, std::string_view url_name) {
  for (const CourseBlock& b : c.blocks) {
    if (b.definition.block_type == type && b.url_name == url_name) return &b;
  }
  return nullptr;
}

std::string FieldOf(const CourseBlock& b, std::string_view name) {
  const CourseField* f = b.definition.field(name);
  return f != nullptr ? std::string(f->value) : "<unset>";
}

// "<prefix>_" followed by 12 lowercase hex digits (the sha1 fallback).
bool IsHashName(std::string_view name, std::string_view prefix) {
  if (name.size() != prefix.size() + 13 || name.substr(0, prefix.size()) != prefix ||
      name[prefix.size()] != '_') {
    return false;
  }
  for (size_t i = prefix.size() + 1; i < name.size(); ++i) {
    char c = name[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string FreshDir(const std::string& name) {
  std::string dir = ::testing::TempDir() + "olx_course_test_" + name;
  std::filesystem::remove_all(dir);
  return dir;
}

TEST(CourseTest, LoadsTheFixtureTree) {
  auto course = LoadCourse(kFixtures + "course_basic");
  ASSERT_TRUE(course.ok()) << course.status().ToString();
  EXPECT_EQ(course->context_key, "course-v1:TestX+T101+2024");
  EXPECT_EQ(course->kind, Course::Kind::kCourse);
  const std::map<std::string, size_t> want = {{"chapter", 1},    {"course", 1},   {"discussion", 1},
                                              {"html", 2},       {"poll", 1},     {"problem", 2},
                                              {"sequential", 2}, {"vertical", 2}, {"video", 3}};
  EXPECT_EQ(course->CountByType(false), want);
  const std::map<std::string, size_t> drafts = {{"problem", 1}, {"vertical", 1}};
  EXPECT_EQ(course->CountByType(true), drafts);
  EXPECT_EQ(course->Depth(), 5u);
  EXPECT_EQ(course->policy_path, "policies/2024/policy.json");
  EXPECT_EQ(course->grading_policy_path, "policies/2024/grading_policy.json");
}

TEST(CourseTest, FieldsPolicyAndBodies) {
  auto course = LoadCourse(kFixtures + "course_basic");
  ASSERT_TRUE(course.ok());
  const Course& c = *course;
  // Policy wins over XML attributes; JSON values become attribute strings.
  EXPECT_EQ(FieldOf(c.blocks[0], "display_name"), "Policy Course Name");
  EXPECT_EQ(FieldOf(c.blocks[0], "advanced_modules"), "[\"poll\"]");
  EXPECT_EQ(FieldOf(c.blocks[0], "start"), "\"2030-01-01T00:00:00Z\"");
  EXPECT_EQ(c.blocks[0].definition.body, "<wiki slug=\"TestX.T101.2024\"/>");
  const CourseBlock* p1 = Find(c, "problem", "sub:p1");
  ASSERT_NE(p1, nullptr);
  EXPECT_EQ(p1->usage_key, "block-v1:TestX+T101+2024+type@problem+block@sub:p1");
  EXPECT_EQ(p1->file, "problem/sub/p1.xml");
  EXPECT_EQ(FieldOf(*p1, "display_name"), "P1 from policy");
  EXPECT_EQ(FieldOf(*p1, "max_attempts"), "5");
  // data is the element without its settings attributes (they are fields).
  EXPECT_EQ(p1->definition.data()->rfind("<problem>\n  <multiplechoiceresponse>", 0), 0u);
  EXPECT_EQ(FieldOf(*p1, "weight"), "2");
  const CourseBlock* intro = Find(c, "html", "intro");
  ASSERT_NE(intro, nullptr);
  EXPECT_EQ(*intro->definition.data(), "<p>Welcome &nbsp; <b>bold</b><br></p>\n");
  EXPECT_EQ(intro->html_file, "html/intro.html");
  EXPECT_EQ(intro->definition.attribute("filename"), nullptr);  // import-only attribute
  const CourseBlock* inline_html = Find(c, "html", "Inline_html");
  ASSERT_NE(inline_html, nullptr);
  EXPECT_EQ(FieldOf(*inline_html, "display_name"), "Inline & html");
  EXPECT_EQ(*inline_html->definition.data(), "<p>hi</p>");
  // Pure XBlocks keep every attribute and all their XML.
  const CourseBlock* poll = Find(c, "poll", "poll1");
  ASSERT_NE(poll, nullptr);
  EXPECT_FALSE(poll->definition.known_type);
  EXPECT_EQ(*poll->definition.attribute("question"), "Which?");
  EXPECT_EQ(poll->definition.body, "<answer id=\"a\">A</answer>");
  EXPECT_TRUE(poll->children.empty());
  // Children in document order, pointers and inline mixed.
  const CourseBlock* v1 = Find(c, "vertical", "v1");
  ASSERT_NE(v1, nullptr);
  std::vector<std::string> kids;
  for (uint32_t k : v1->children) kids.push_back(std::string(c.blocks[k].url_name));
  EXPECT_EQ(kids, (std::vector<std::string>{"intro", "sub:p1", "vid", "poll1"}));
}

TEST(CourseTest, UrlNameRules) {
  auto course = LoadCourse(kFixtures + "course_basic");
  ASSERT_TRUE(course.ok());
  EXPECT_NE(Find(*course, "sequential", "Inline_Seq"), nullptr);  // cleaned display_name
  EXPECT_NE(Find(*course, "video", "Clip"), nullptr);
  // make_name_unique's fallback_name, hand-computed: the element as lxml prints
  // it (tail blank removed), then `printf '%s' XML | sha1sum`:
  //   <discussion discussion_category="Week 1"/>  -> 72e2220c81af7e29...
  //   <video display_name="Clip" youtube_id_1_0="xyz"/>  -> ff91f53496474f55...
  // A repeated name keeps the original between the tag and the hash.
  EXPECT_NE(Find(*course, "discussion", "discussion_72e2220c81af"), nullptr);
  EXPECT_NE(Find(*course, "video", "video_Clip_ff91f5349647"), nullptr);
  size_t hashed = 0;
  for (const CourseBlock& b : course->blocks) hashed += IsHashName(b.url_name, "discussion");
  EXPECT_EQ(hashed, 1u);
}

TEST(CourseTest, DiagnosticsAreLocated) {
  auto course = LoadCourse(kFixtures + "course_basic");
  ASSERT_TRUE(course.ok());
  std::vector<std::string> got;
  for (const Diagnostic& d : course->diagnostics) got.push_back(d.ToString());
  ASSERT_EQ(got.size(), 4u);
  // The grading policy is read with the policies, before the tree.
  EXPECT_EQ(got[0],
            "policies/2024/grading_policy.json:1:12: warning: GRADER is empty: nothing is graded");
  got.erase(got.begin());
  EXPECT_EQ(got[0],
            "html/broken.xml:2:8: error: undefined entity '&nbsp;' (only &amp; &lt; &gt; &quot; "
            "&apos; and &#N; are defined)");
  EXPECT_EQ(
      got[1].rfind("vertical/v2.xml:6:3: error: duplicate url_name 'Clip' for <video>; renamed to "
                   "'video_",
                   0),
      0u);
  EXPECT_EQ(got[2],
            "course/2024.xml:5:3: error: <chapter url_name=\"missing_chapter\"/> points to "
            "chapter/missing_chapter.xml, which does not exist");
  EXPECT_EQ(course->error_count(), 3u);
}

TEST(CourseTest, DraftsResolveAgainstDrafts) {
  auto course = LoadCourse(kFixtures + "course_basic");
  ASSERT_TRUE(course.ok());
  ASSERT_EQ(course->draft_roots.size(), 1u);
  const CourseBlock& d1 = course->blocks[course->draft_roots[0]];
  EXPECT_EQ(d1.url_name, "d1");
  EXPECT_TRUE(d1.draft);
  EXPECT_EQ(d1.draft_parent, "block-v1:TestX+T101+2024+type@sequential+block@seq1");
  EXPECT_EQ(d1.draft_index, "1");
  EXPECT_EQ(d1.definition.attribute("parent_url"), nullptr);
  ASSERT_EQ(d1.children.size(), 1u);
  EXPECT_EQ(course->blocks[d1.children[0]].file, "drafts/problem/dp.xml");
}

TEST(CourseTest, LibraryV1) {
  auto lib = LoadCourse(kFixtures + "library_v1");
  ASSERT_TRUE(lib.ok()) << lib.status().ToString();
  EXPECT_EQ(lib->kind, Course::Kind::kLibrary);
  EXPECT_EQ(lib->context_key, "library-v1:TestX+L1");
  ASSERT_EQ(lib->blocks.size(), 3u);
  EXPECT_EQ(lib->blocks[1].usage_key, "lib-block-v1:TestX+L1+type@problem+block@lp1");
  EXPECT_EQ(*lib->blocks[2].definition.data(), "<p>lib html</p>\n");
  EXPECT_TRUE(lib->diagnostics.empty());
}

// Export, re-import, and compare everything but file locations.
void ExpectSameTree(const Course& a, const Course& b) {
  ASSERT_EQ(a.blocks.size(), b.blocks.size());
  EXPECT_EQ(a.context_key, b.context_key);
  for (size_t i = 0; i < a.blocks.size(); ++i) {
    SCOPED_TRACE(a.blocks[i].usage_key);
    EXPECT_EQ(a.blocks[i].url_name, b.blocks[i].url_name);
    EXPECT_EQ(a.blocks[i].usage_key, b.blocks[i].usage_key);
    EXPECT_EQ(a.blocks[i].definition.ToDefinition(), b.blocks[i].definition.ToDefinition());
    EXPECT_EQ(std::vector<uint32_t>(a.blocks[i].children.begin(), a.blocks[i].children.end()),
              std::vector<uint32_t>(b.blocks[i].children.begin(), b.blocks[i].children.end()));
    EXPECT_EQ(a.blocks[i].draft, b.blocks[i].draft);
    EXPECT_EQ(a.blocks[i].draft_parent, b.blocks[i].draft_parent);
  }
}

TEST(CourseTest, ExportReimportsToTheSameTree) {
  for (const char* name : {"course_basic", "library_v1", "course_extras"}) {
    SCOPED_TRACE(name);
    auto course = LoadCourse(kFixtures + name);
    ASSERT_TRUE(course.ok());
    std::string out = FreshDir(name);
    ASSERT_TRUE(ExportCourse(*course, out).ok());
    auto again = LoadCourse(out);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    ExpectSameTree(*course, *again);
    EXPECT_EQ(again->extra_roots, course->extra_roots);
    EXPECT_EQ(again->grading_policy.present, course->grading_policy.present);
    EXPECT_EQ(WriteGradingPolicy(again->grading_policy),
              WriteGradingPolicy(course->grading_policy));
    // Refuses to overwrite.
    Status st = ExportCourse(*course, out);
    EXPECT_EQ(st.code(), Status::Code::kAlreadyExists);
    std::filesystem::remove_all(out);
  }
}

// about/, info/, tabs/ as XMLModuleStore.load_extra_content reads them.
TEST(CourseTest, ExtraContentBlocks) {
  auto course = LoadCourse(kFixtures + "course_extras");
  ASSERT_TRUE(course.ok()) << course.status().ToString();
  const Course& c = *course;
  EXPECT_TRUE(c.diagnostics.empty());
  const std::map<std::string, size_t> want = {
      {"about", 2}, {"chapter", 1}, {"course", 1}, {"course_info", 2}, {"static_tab", 2}};
  EXPECT_EQ(c.CountByType(false), want);
  ASSERT_EQ(c.extra_roots.size(), 6u);
  struct Want {
    const char* type;
    const char* slug;
    const char* file;
    const char* data;
  };
  const Want blocks[] = {
      {"course_info", "handouts", "info/handouts.html", "<a href=\"/static/h.pdf\">Handout</a>\n"},
      {"course_info", "updates", "info/updates.html", "<ol><li>Welcome</li></ol>\n"},
      {"static_tab", "staff", "tabs/staff.html", "<p>staff only</p>\n"},
      {"static_tab", "syllabus", "tabs/syllabus.html", "<h2>Syllabus</h2>\n"},
      {"about", "effort", "about/effort.html", "5 hours"},
      // about/RUN/ overrides about/.
      {"about", "overview", "about/R1/overview.html", "<p>Run overview</p>\n"},
  };
  for (size_t i = 0; i < 6; ++i) {
    const CourseBlock& b = c.blocks[c.extra_roots[i]];
    SCOPED_TRACE(blocks[i].slug);
    EXPECT_EQ(b.definition.block_type, blocks[i].type);
    EXPECT_EQ(b.url_name, blocks[i].slug);
    EXPECT_EQ(b.file, blocks[i].file);
    EXPECT_EQ(b.parent, -1);
    EXPECT_EQ(b.usage_key, std::string("block-v1:ExtX+E1+R1+type@") + blocks[i].type + "+block@" +
                               blocks[i].slug);
    EXPECT_EQ(FieldOf(b, "data"), blocks[i].data);
  }
  // SLUG.FIELD.json sets FIELD; data/metadata and malformed names are ignored.
  EXPECT_EQ(FieldOf(c.blocks[c.extra_roots[1]], "items"),
            "[{\"content\":\"Hi\",\"date\":\"May 1\",\"id\":1,\"status\":\"visible\"}]");
  EXPECT_EQ(FieldOf(c.blocks[c.extra_roots[0]], "extra"), "<unset>");
  // Static tabs take display_name and course_staff_only from the tabs policy.
  EXPECT_EQ(FieldOf(c.blocks[c.extra_roots[2]], "display_name"), "Staff notes");
  EXPECT_EQ(*c.blocks[c.extra_roots[2]].definition.attribute("course_staff_only"), "true");
  EXPECT_EQ(FieldOf(c.blocks[c.extra_roots[3]], "display_name"), "Syllabus");
  // The grading policy is parsed onto the course.
  ASSERT_TRUE(c.grading_policy.present);
  ASSERT_EQ(c.grading_policy.graders.size(), 2u);
  EXPECT_EQ(c.grading_policy.graders[0].type, "Homework");
  EXPECT_EQ(c.grading_policy.graders[0].min_count, 12);
  EXPECT_EQ(c.grading_policy.graders[0].drop_count, 2);
  EXPECT_EQ(c.grading_policy.graders[0].short_label, "HW");
  EXPECT_EQ(c.grading_policy.graders[1].weight, 0.75);
  const std::vector<std::pair<std::string, double>> cutoffs = {{"B", 0.6}, {"A", 0.85}};
  EXPECT_EQ(c.grading_policy.cutoffs, cutoffs);
}

TEST(CourseTest, RootErrors) {
  auto missing = LoadCourse(kFixtures + "no_such_dir");
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);

  std::string dir = FreshDir("broken_root");
  std::filesystem::create_directories(dir);
  {
    std::FILE* f = std::fopen((dir + "/course.xml").c_str(), "w");
    std::fputs("<course url_name=\"r\" org=\"O\" course=\"C\" org=\"X\"/>", f);
    std::fclose(f);
  }
  auto dup = LoadCourse(dir);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), Status::Code::kParseError);
  EXPECT_EQ(dup.status().message().substr(0, 50),
            "course.xml:1:41: error: duplicate attribute 'org'\n");
  {
    std::FILE* f = std::fopen((dir + "/course.xml").c_str(), "w");
    std::fputs("<chapter/>", f);
    std::fclose(f);
  }
  auto wrong = LoadCourse(dir);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("expected a <course> root element, got <chapter>"),
            std::string::npos);
  std::filesystem::remove_all(dir);
}

void WriteText(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::FILE* f = std::fopen(path.c_str(), "w");
  std::fputs(text.c_str(), f);
  std::fclose(f);
}

TEST(CourseTest, PointerCyclesAreReportedNotFollowed) {
  std::string dir = FreshDir("cycle");
  WriteText(dir + "/course.xml", "<course url_name=\"r\" org=\"O\" course=\"C\"/>");
  WriteText(dir + "/course/r.xml", "<course><chapter url_name=\"a\"/></course>");
  WriteText(dir + "/chapter/a.xml", "<chapter><sequential url_name=\"b\"/></chapter>");
  WriteText(dir + "/sequential/b.xml", "<sequential><split_test url_name=\"t\"/></sequential>");
  // split_test keeps no state of its own, so make_name_unique does not rename
  // its repeat, which then points back at its own file.
  WriteText(dir + "/split_test/t.xml",
            "<split_test>\n  <split_test url_name=\"t\"/>\n  <vertical url_name=\"v\"/>\n"
            "  <vertical url_name=\"v\"/>\n</split_test>");
  WriteText(dir + "/vertical/v.xml", "<vertical/>");
  auto course = LoadCourse(dir);
  ASSERT_TRUE(course.ok()) << course.status().ToString();
  // The cycle back to split_test/t.xml is cut; the repeated vertical pointer is
  // renamed, names no file and is dropped.
  EXPECT_EQ(course->blocks.size(), 5u);
  ASSERT_EQ(course->diagnostics.size(), 2u);
  EXPECT_EQ(course->diagnostics[0].ToString(),
            "split_test/t.xml:2:3: error: pointer cycle: split_test/t.xml -> split_test/t.xml; "
            "not followed");
  std::filesystem::remove_all(dir);
}

TEST(CourseTest, BadPoliciesAreReportedAndIgnored) {
  struct Case {
    const char* json;
    const char* message_prefix;
  } cases[] = {
      {"{\"course/r\": {\"display_name\": \"P\"", "invalid JSON policy (ignored): "},
      {"{\"course/r\": {\"weight\": 1e999999}}", "unusable JSON policy (ignored): "},
      {"[1, 2]", "policy is not a JSON object (ignored)"},
      {"{\"course/r\": {\"bad name\": 1, \"display_name\": \"P\"}}",
       "policy field 'bad name' of course/r is not a valid attribute name; ignored"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    std::string dir = FreshDir("policy");
    WriteText(dir + "/course.xml", "<course url_name=\"r\" org=\"O\" course=\"C\"/>");
    WriteText(dir + "/course/r.xml", "<course display_name=\"X\"/>");
    WriteText(dir + "/policies/r/policy.json", c.json);
    auto course = LoadCourse(dir);
    ASSERT_TRUE(course.ok()) << course.status().ToString();
    ASSERT_EQ(course->diagnostics.size(), 1u);
    EXPECT_EQ(course->diagnostics[0].path, "policies/r/policy.json");
    EXPECT_EQ(course->diagnostics[0].message.rfind(c.message_prefix, 0), 0u)
        << course->diagnostics[0].message;
    std::filesystem::remove_all(dir);
  }
}

TEST(CourseTest, LimitsBecomeDiagnostics) {
  CourseLoadOptions tiny;
  tiny.max_depth = 3;
  auto course = LoadCourse(kFixtures + "course_basic", tiny);
  ASSERT_TRUE(course.ok());
  EXPECT_EQ(course->Depth(), 3u);
  bool reported = false;
  for (const Diagnostic& d : course->diagnostics) {
    reported = reported || d.message == "blocks nested deeper than 3";
  }
  EXPECT_TRUE(reported);
}

}  // namespace
}  // namespace blockrt::olx
