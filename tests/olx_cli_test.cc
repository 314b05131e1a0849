// `blockrt olx ...` and `blockrt course ...` as a user runs them: output shape
// and exit codes (0 ok, 1 findings, 2 usage or I/O error).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace {

const std::string kFixtures = std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/olx/";

struct CliRun {
  int code;
  std::string out;
};

CliRun Blockrt(const std::string& args) {
  std::string cmd = std::string(BLOCKRT_BINARY) + " " + args + " 2>/dev/null";
  CliRun r{-1, ""};
  std::FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(OlxCliTest, UsageAndHelp) {
  struct Case {
    const char* args;
    int code;
  } cases[] = {{"olx", 2},
               {"olx --help", 0},
               {"olx parse --help", 0},
               {"olx nope", 2},
               {"olx parse", 2},
               {"olx parse --bogus x", 2},
               {"olx graph", 2},
               {"olx graph --max-depth zero x", 2},
               {"course", 2},
               {"course load", 2},
               {"course load /no/such/dir", 2},
               {"course export onlyone", 2}};
  for (const Case& c : cases) EXPECT_EQ(Blockrt(c.args).code, c.code) << c.args;
}

TEST(OlxCliTest, ParseTextAndJson) {
  std::string file = kFixtures + "bundle/unit/u1/definition.xml";
  CliRun text = Blockrt("olx parse " + file);
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("  include unit/u2 usage=alias2 (line 3)"), std::string::npos)
      << text.out;
  CliRun json =
      Blockrt("olx parse --json " + file + " " + kFixtures + "course_basic/html/broken.xml");
  EXPECT_EQ(json.code, 1);  // the second file has an undefined entity
  size_t nl = json.out.find('\n');
  auto first = nlohmann::json::parse(json.out.substr(0, nl));
  auto second = nlohmann::json::parse(json.out.substr(nl + 1));
  EXPECT_EQ(first["block_type"], "unit");
  EXPECT_EQ(first["includes"].size(), 3u);
  EXPECT_EQ(first["includes"][1]["usage"], "alias2");
  EXPECT_EQ(second["ok"], false);
  EXPECT_EQ(second["error"]["code"], "parse_error");
  CliRun missing = Blockrt("olx parse /no/such/file.xml");
  EXPECT_EQ(missing.code, 2);
}

TEST(OlxCliTest, CourseLoadSummaryAndTree) {
  CliRun text = Blockrt("course load " + kFixtures + "course_basic");
  EXPECT_EQ(text.code, 1);  // the fixture carries two broken references on purpose
  EXPECT_NE(text.out.find("course-v1:TestX+T101+2024 (course)"), std::string::npos);
  EXPECT_NE(text.out.find("  video 3\n"), std::string::npos);
  EXPECT_NE(text.out.find("course/2024.xml:5:3: error:"), std::string::npos);
  CliRun json = Blockrt("course load --json " + kFixtures + "library_v1");
  EXPECT_EQ(json.code, 0);
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["kind"], "library");
  EXPECT_EQ(j["tree"]["children"][1]["usage_key"], "lib-block-v1:TestX+L1+type@html+block@lh1");
  EXPECT_EQ(j["tree"]["children"][1]["fields"]["data"]["value"], "<p>lib html</p>\n");
  // about/ info/ tabs/ blocks and the grading policy.
  CliRun extras = Blockrt("course load " + kFixtures + "course_extras");
  EXPECT_EQ(extras.code, 0);
  EXPECT_NE(
      extras.out.find("  about 2\n  chapter 1\n  course 1\n  course_info 2\n  static_tab 2\n"),
      std::string::npos)
      << extras.out;
  auto e = nlohmann::json::parse(Blockrt("course load --json " + kFixtures + "course_extras").out);
  ASSERT_EQ(e["extras"].size(), 6u);
  EXPECT_EQ(e["extras"][3]["usage_key"], "block-v1:ExtX+E1+R1+type@static_tab+block@syllabus");
  EXPECT_EQ(e["extras"][3]["fields"]["display_name"]["value"], "Syllabus");
  EXPECT_EQ(e["grading_policy"]["path"], "policies/R1/grading_policy.json");
  EXPECT_EQ(e["grading_policy"]["graders"][0]["type"], "Homework");
  EXPECT_EQ(e["grading_policy"]["graders"][0]["weight"], 0.25);
  EXPECT_EQ(e["grading_policy"]["cutoffs"][0][0], "B");
}

TEST(OlxCliTest, CourseExportRoundTrip) {
  std::string out = ::testing::TempDir() + "olx_cli_export";
  std::filesystem::remove_all(out);
  EXPECT_EQ(Blockrt("course export " + kFixtures + "library_v1 " + out).code, 0);
  CliRun again = Blockrt("course load --json " + out);
  CliRun orig = Blockrt("course load --json " + kFixtures + "library_v1");
  auto a = nlohmann::json::parse(orig.out), b = nlohmann::json::parse(again.out);
  EXPECT_EQ(a["counts"], b["counts"]);
  EXPECT_EQ(a["tree"]["children"][0]["fields"], b["tree"]["children"][0]["fields"]);
  // Refused (exit 1, the one exit-code map): OUT is not empty.
  EXPECT_EQ(Blockrt("course export " + kFixtures + "library_v1 " + out).code, 1);
  std::filesystem::remove_all(out);
}

TEST(OlxCliTest, GraphDotAndJson) {
  std::string args = "--link bundle:lnk=" + kFixtures + "linked " + kFixtures + "bundle";
  CliRun dot = Blockrt("olx graph " + args);
  EXPECT_EQ(dot.code, 1);  // the fixture bundle has a cycle, a missing target, a bad link
  EXPECT_EQ(dot.out.rfind("digraph includes {", 0), 0u);
  CliRun json = Blockrt("olx graph --json " + args);
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["issues"].size(), 3u);
  EXPECT_TRUE(j["load_order"].is_null());  // cyclic
  bool linked = false;
  for (const auto& v : j["vertices"]) linked = linked || v["path"] == "html/lh2/definition.xml";
  EXPECT_TRUE(linked);
}

}  // namespace
