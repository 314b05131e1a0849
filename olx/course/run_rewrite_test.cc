// The run rewrite, case by case: what moves, what is rewritten byte for
// byte, and what is left alone.
#include "olx/course/run_rewrite.h"

#include <gtest/gtest.h>

#include "olx/course/course.h"
#include "olx/overlay_source.h"

namespace blockrt::olx {
namespace {

using Files = std::map<std::string, std::string>;

// A Studio-like export of course-v1:O+C+R.
Files StudioExport() {
  return {
      {"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n"},
      {"course/R.xml",
       "<course display_name=\"T\">\n  <chapter url_name=\"ch\"/>\n  <wiki slug=\"O.C.R\"/>\n"
       "</course>\n"},
      {"chapter/ch.xml", "<chapter display_name=\"Ch\"/>\n"},
      {"policies/R/policy.json",
       "{\n    \"course/R\": {\n        \"wiki_slug\": \"O.C.R\",\n"
       "        \"entrance_exam_id\": \"block-v1:O+C+R+type@chapter+block@ch\",\n"
       "        \"xml_attributes\": {\"filename\": [\"course/R.xml\", \"course/R.xml\"]}\n"
       "    },\n    \"chapter/ch\": {\"note\": \"course-v1:O+C+R2 stays\"}\n}\n"},
      {"policies/R/grading_policy.json", "{\"GRADER\": []}"},
      {"policies/assets.json",
       "{\"a.png\": {\"content_son\": {\"course\": \"C\", \"org\": \"O\", \"run\": \"R\"},"
       " \"filename\": \"asset-v1:O+C+R+type@asset+block@a.png\","
       " \"thumbnail_location\": [\"c4x\", \"O\", \"C\", \"thumbnail\", \"a.jpg\", null]}}"},
      {"about/R/overview.html", "<p>run override</p>"},
      {"about/overview.html", "<p>about</p>"},
      {"drafts/vertical/d.xml",
       "<vertical parent_url=\"block-v1:O+C+R+type@sequential+block@s\" "
       "index_in_children_list=\"0\"/>\n"},
      {"drafts/vertical/other.xml",
       "<vertical parent_url=\"block-v1:X+Y+R+type@sequential+block@s\" "
       "index_in_children_list=\"1\"/>\n"},
      {"static/R.txt", "course-v1:O+C+R"},
  };
}

struct Case {
  const char* name;
  Files files;
  CourseIdentity to;
  std::vector<std::string> removes;
  Files writes;
};

std::vector<Case> Cases() {
  std::vector<Case> cases;
  cases.push_back({"same key: nothing to do", StudioExport(), {"O", "C", "R"}, {}, {}});
  cases.push_back(
      {"same key, course number only implied by the directory",
       {{"course.xml", "<course url_name='R' org='O'>\n  <chapter/>\n</course>"}},
       {"O", "dir", "R"},
       {},
       {{"course.xml", "<course url_name='R' org='O' course=\"dir\">\n  <chapter/>\n</course>"}}});
  cases.push_back(
      {"another run",
       StudioExport(),
       {"O", "C", "R2"},
       {"about/R/overview.html", "course/R.xml", "policies/R/grading_policy.json",
        "policies/R/policy.json"},
       {
           {"course.xml", "<course url_name=\"R2\" org=\"O\" course=\"C\"/>\n"},
           {"course/R2.xml",
            "<course display_name=\"T\">\n  <chapter url_name=\"ch\"/>\n  <wiki slug=\"O.C.R2\"/>\n"
            "</course>\n"},
           {"policies/R2/policy.json",
            "{\n    \"course/R2\": {\n        \"wiki_slug\": \"O.C.R2\",\n"
            "        \"entrance_exam_id\": \"block-v1:O+C+R2+type@chapter+block@ch\",\n"
            "        \"xml_attributes\": {\"filename\": [\"course/R2.xml\", \"course/R2.xml\"]}\n"
            "    },\n    \"chapter/ch\": {\"note\": \"course-v1:O+C+R2 stays\"}\n}\n"},
           {"policies/R2/grading_policy.json", "{\"GRADER\": []}"},
           {"policies/assets.json",
            "{\"a.png\": {\"content_son\": {\"course\": \"C\", \"org\": \"O\", \"run\": \"R2\"},"
            " \"filename\": \"asset-v1:O+C+R2+type@asset+block@a.png\","
            " \"thumbnail_location\": [\"c4x\", \"O\", \"C\", \"thumbnail\", \"a.jpg\", null]}}"},
           {"about/R2/overview.html", "<p>run override</p>"},
           {"drafts/vertical/d.xml",
            "<vertical parent_url=\"block-v1:O+C+R2+type@sequential+block@s\" "
            "index_in_children_list=\"0\"/>\n"},
       }});
  cases.push_back(
      {"another org and course, same run",
       StudioExport(),
       {"O2", "C2", "R"},
       {},
       {
           {"course.xml", "<course url_name=\"R\" org=\"O2\" course=\"C2\"/>\n"},
           {"course/R.xml",
            "<course display_name=\"T\">\n  <chapter url_name=\"ch\"/>\n  <wiki "
            "slug=\"O2.C2.R\"/>\n"
            "</course>\n"},
           {"policies/R/policy.json",
            "{\n    \"course/R\": {\n        \"wiki_slug\": \"O2.C2.R\",\n"
            "        \"entrance_exam_id\": \"block-v1:O2+C2+R+type@chapter+block@ch\",\n"
            "        \"xml_attributes\": {\"filename\": [\"course/R.xml\", \"course/R.xml\"]}\n"
            "    },\n    \"chapter/ch\": {\"note\": \"course-v1:O+C+R2 stays\"}\n}\n"},
           {"policies/assets.json",
            "{\"a.png\": {\"content_son\": {\"course\": \"C2\", \"org\": \"O2\", \"run\": \"R\"},"
            " \"filename\": \"asset-v1:O2+C2+R+type@asset+block@a.png\","
            " \"thumbnail_location\": [\"c4x\", \"O2\", \"C2\", \"thumbnail\", \"a.jpg\", null]}}"},
           {"drafts/vertical/d.xml",
            "<vertical parent_url=\"block-v1:O2+C2+R+type@sequential+block@s\" "
            "index_in_children_list=\"0\"/>\n"},
       }});
  cases.push_back(
      {"legacy inline root, flat policy, no org",
       {{"course.xml",
         "<?xml version=\"1.0\"?>\n<!-- c -->\n<course slug=\"R\" course=\"C\" display_name=\"x\">"
         "<wiki slug=\"C\"/><chapter url_name=\"a\"/></course>"},
        {"policies/R.json", "{\"course/R\": {\"start\": \"2020\"}}"}},
       {"edx", "C", "R3"},
       {"policies/R.json"},
       {{"course.xml",
         "<?xml version=\"1.0\"?>\n<!-- c -->\n<course slug=\"R\" course=\"C\" display_name=\"x\" "
         "url_name=\"R3\"><wiki slug=\"edx.C.R3\"/><chapter url_name=\"a\"/></course>"},
        {"policies/R3.json", "{\"course/R3\": {\"start\": \"2020\"}}"}}});
  return cases;
}

std::unique_ptr<MemoryFileSource> SourceOf(const Files& files) {
  auto src = std::make_unique<MemoryFileSource>("/exports/dir/");
  for (const auto& [path, bytes] : files) EXPECT_TRUE(src->Put(path, bytes).ok()) << path;
  return src;
}

TEST(RunRewrite, Cases) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    auto src = SourceOf(c.files);
    Result<RunRewrite> plan = PlanRunRewrite(*src, c.to);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_EQ(plan->removes, c.removes);
    EXPECT_EQ(Files(plan->writes.begin(), plan->writes.end()), c.writes);
    EXPECT_EQ(plan->to, c.to);
  }
}

TEST(RunRewrite, ReadsTheExportsIdentityAsTheLoaderDoes) {
  auto src = SourceOf({{"course.xml", "<course name=\"My Run!\" org=\"\"><chapter/></course>"}});
  Result<RunRewrite> plan = PlanRunRewrite(*src, {"edx", "dir", "My_Run_"});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->from, (CourseIdentity{"edx", "dir", "My_Run_"}));
  EXPECT_EQ(plan->from.Key(), "course-v1:edx+dir+My_Run_");
}

// What the rewrite yields loads as the target course, with every block id kept.
TEST(RunRewrite, TheRewrittenExportLoadsAsTheTarget) {
  auto src = SourceOf(StudioExport());
  Result<RunRewrite> plan = PlanRunRewrite(*src, {"O", "C", "R2"});
  ASSERT_TRUE(plan.ok());
  OverlayFileSource overlay(src.get());
  for (const std::string& path : plan->removes) overlay.Remove(path);
  for (const auto& [path, bytes] : plan->writes) ASSERT_TRUE(overlay.Put(path, bytes).ok());
  Result<Course> before = LoadCourse(*src);
  Result<Course> after = LoadCourse(overlay);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(before->context_key, "course-v1:O+C+R");
  EXPECT_EQ(after->context_key, "course-v1:O+C+R2");
  EXPECT_EQ(after->policy_path, "policies/R2/policy.json");
  EXPECT_EQ(after->grading_policy_path, "policies/R2/grading_policy.json");
  ASSERT_EQ(before->blocks.size(), after->blocks.size());
  ASSERT_GT(after->blocks.size(), 1u);
  // Every block but the course itself (whose id is the run) keeps its id.
  for (size_t i = 1; i < before->blocks.size(); ++i) {
    EXPECT_EQ(before->blocks[i].url_name, after->blocks[i].url_name);
    EXPECT_EQ(before->blocks[i].definition.block_type, after->blocks[i].definition.block_type);
  }
  EXPECT_EQ(after->blocks[0].url_name, "R2");
  EXPECT_EQ(after->blocks[0].usage_key, "block-v1:O+C+R2+type@course+block@R2");
  EXPECT_EQ(after->error_count(), before->error_count());
}

TEST(RunRewrite, RefusesWhatIsNotACourseExport) {
  struct Bad {
    Files files;
    Status::Code code;
    const char* says;
  } cases[] = {
      {{{"chapter/a.xml", "<chapter/>"}}, Status::Code::kNotFound, "/exports/dir/course.xml"},
      {{{"library.xml", "<library/>"}}, Status::Code::kInvalidArgument, "library export"},
      {{{"course.xml", "<library/>"}}, Status::Code::kInvalidArgument, "not <course>"},
      {{{"course.xml", "<course url_name=\"R\"\n  org=>"}},
       Status::Code::kParseError,
       "/exports/dir/course.xml:2:"},
      {{{"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>"},
        {"course/R.xml", "<course><wiki></course>"}},
       Status::Code::kParseError,
       "/exports/dir/course/R.xml:1:"},
  };
  for (const Bad& b : cases) {
    auto src = SourceOf(b.files);
    Result<RunRewrite> plan = PlanRunRewrite(*src, {"O", "C", "R2"});
    ASSERT_FALSE(plan.ok()) << b.says;
    EXPECT_EQ(plan.status().code(), b.code) << plan.status().ToString();
    EXPECT_NE(plan.status().message().find(b.says), std::string::npos) << plan.status().ToString();
  }
}

}  // namespace
}  // namespace blockrt::olx
