// `blockrt course` on stored courses, through the real binary: usage errors,
// the create/import/edit/publish/export workflow, roles, and the error shape.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code;
  std::string out;
};

const std::map<std::string, std::string> kExport = {
    {"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n"},
    {"course/R.xml", "<course display_name=\"Demo\">\n  <chapter url_name=\"ch1\"/>\n</course>\n"},
    {"chapter/ch1.xml",
     "<chapter display_name=\"One\">\n  <vertical url_name=\"v1\"/>\n</chapter>\n"},
    {"vertical/v1.xml",
     "<vertical display_name=\"V\">\n  <problem url_name=\"p1\"/>\n</vertical>\n"},
    {"problem/p1.xml", "<problem display_name=\"P\"><p>Q?</p></problem>\n"},
    {"policies/R/policy.json", "{\"course/R\": {\"start\": \"2020-01-01T00:00:00Z\"}}"},
    {"static/a.txt", "asset"},
};

class CourseCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("blockrt_course_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const auto& [path, bytes] : kExport) {
      fs::create_directories((dir_ / "export" / path).parent_path());
      std::ofstream(dir_ / "export" / path, std::ios::binary) << bytes;
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `blockrt ARGS --db DIR/t.db` in DIR (stdout captured, stderr dropped).
  CliRun Blockrt(const std::string& args, bool with_db = true) {
    std::string cmd =
        "cd " + dir_.string() + " && " + std::string(BLOCKRT_BINARY_DIR) + "/blockrt " + args;
    if (with_db) cmd += " --db " + (dir_ / "t.db").string();
    cmd += " 2>/dev/null";
    FILE* p = ::popen(cmd.c_str(), "r");
    CliRun r{-1, {}};
    if (p == nullptr) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
  }
  nlohmann::json Json(const std::string& args) {
    CliRun r = Blockrt(args + " --json");
    EXPECT_EQ(r.code, 0) << args << "\n" << r.out;
    return nlohmann::json::parse(r.out, nullptr, false);
  }
  std::string Slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }

  fs::path dir_;
};

TEST_F(CourseCliTest, UsageErrorsExitTwo) {
  struct Case {
    const char* args;
    int code;
  } cases[] = {
      {"course --help", 0},
      {"course create --help", 0},
      {"course import --help", 0},
      {"course set --help", 0},
      {"course", 2},
      {"course frobnicate", 2},
      {"course create", 2},
      {"course create a b", 2},
      {"course import export", 2},
      {"course set block-v1:O+C+R+type@problem+block@p1 display_name", 2},
      {"course create course-v1:O+C+R --bogus", 2},
      {"course create course-v1:O+C+R --title", 2},
      {"course status course-v1:O+C+R --db /nonexistent-dir/x/y.db", 2},
  };
  for (const Case& c : cases) EXPECT_EQ(Blockrt(c.args).code, c.code) << c.args;
  EXPECT_NE(Blockrt("course --help").out.find("course import DIR COURSE"), std::string::npos);
}

TEST_F(CourseCliTest, CreateImportEditPublishExport) {
  nlohmann::json created = Json("course create course-v1:O+C+New --title T --admin alice --public");
  EXPECT_EQ(created["course"], "course-v1:O+C+New");
  EXPECT_EQ(Blockrt("course create course-v1:O+C+New").code, 1);  // exists
  EXPECT_EQ(Blockrt("course create O/C/R").code, 1);              // not course-v1

  nlohmann::json imported = Json("course import export course-v1:O+C+R2 --admin alice");
  EXPECT_EQ(imported["created"], true);
  EXPECT_EQ(imported["from"], "course-v1:O+C+R");
  EXPECT_EQ(imported["blocks"], 4);
  EXPECT_EQ(imported["moved"], nlohmann::json::array({"course/R.xml", "policies/R/policy.json"}));

  CliRun blocks = Blockrt("course blocks course-v1:O+C+R2");
  ASSERT_EQ(blocks.code, 0);
  EXPECT_EQ(blocks.out,
            "course block-v1:O+C+R2+type@course+block@R2 Demo\n"
            "  chapter block-v1:O+C+R2+type@chapter+block@ch1 One\n"
            "    vertical block-v1:O+C+R2+type@vertical+block@v1 V\n"
            "      problem block-v1:O+C+R2+type@problem+block@p1 P\n");
  CliRun lines = Blockrt("course blocks course-v1:O+C+R2 --json");
  ASSERT_EQ(lines.code, 0);
  std::istringstream in(lines.out);
  std::string first;
  std::getline(in, first);
  nlohmann::json root = nlohmann::json::parse(first);
  EXPECT_EQ(root["depth"], 0);
  EXPECT_EQ(root["usage_key"], "block-v1:O+C+R2+type@course+block@R2");
  EXPECT_EQ(root["children"], 1);
  EXPECT_TRUE(Blockrt("course blocks course-v1:O+C+R2 --lms").out.empty());  // never published

  const std::string p1 = "block-v1:O+C+R2+type@problem+block@p1";
  const std::string v1 = "block-v1:O+C+R2+type@vertical+block@v1";
  std::ofstream(dir_ / "new.xml") << "<html display_name=\"Added\"><p>x</p></html>";
  EXPECT_EQ(Blockrt("course set " + p1 + " display_name 'New name'").code, 0);
  EXPECT_EQ(Blockrt("course set " + p1 + " max_attempts 3").code, 0);
  EXPECT_EQ(Blockrt("course unset " + p1 + " max_attempts").code, 0);
  EXPECT_EQ(Json("course add-block " + v1 + " html h2 --olx new.xml")["usage_key"],
            "block-v1:O+C+R2+type@html+block@h2");
  EXPECT_EQ(Blockrt("course add-block " + v1 + " problem p0 --after " + p1).code, 0);
  EXPECT_EQ(Blockrt("course delete-block block-v1:O+C+R2+type@problem+block@p0").code, 0);
  EXPECT_EQ(Blockrt("course set block-v1:O+C+R2+type@problem+block@nope display_name x").code, 1);
  EXPECT_NE(Blockrt("course blocks course-v1:O+C+R2").out.find("problem " + p1 + " New name\n"),
            std::string::npos);

  nlohmann::json status = Json("course status course-v1:O+C+R2");
  EXPECT_EQ(status["has_unpublished_changes"], true);
  EXPECT_EQ(status["roles"]["alice"], "staff");
  EXPECT_EQ(Json("course publish course-v1:O+C+R2")["version"], 1);
  EXPECT_EQ(Blockrt("course publish course-v1:O+C+R2").code, 1);  // nothing changed
  EXPECT_EQ(Json("course status course-v1:O+C+R2")["versions"].size(), 1u);

  EXPECT_EQ(Json("course export course-v1:O+C+R2 out --published")["files"], 9);
  EXPECT_EQ(Slurp(dir_ / "out/static/a.txt"), "asset");
  EXPECT_EQ(Slurp(dir_ / "out/course.xml"), "<course url_name=\"R2\" org=\"O\" course=\"C\"/>\n");
  CliRun load = Blockrt("course load out --json", /*with_db=*/false);
  ASSERT_EQ(load.code, 0);
  nlohmann::json loaded = nlohmann::json::parse(load.out, nullptr, false);
  EXPECT_EQ(loaded["context_key"], "course-v1:O+C+R2");
  // The directory form stays.
  EXPECT_EQ(Blockrt("course export export dirout", false).code, 0);
  EXPECT_TRUE(fs::exists(dir_ / "dirout/course.xml"));

  EXPECT_EQ(Blockrt("course discard course-v1:O+C+R2").code, 0);
  EXPECT_NE(Blockrt("course list").out.find("course-v1:O+C+New\tT"), std::string::npos);
}

TEST_F(CourseCliTest, RolesAndTheErrorShape) {
  ASSERT_EQ(Blockrt("course import export course-v1:O+C+R --admin alice").code, 0);
  ASSERT_EQ(Blockrt("course publish course-v1:O+C+R --user alice").code, 0);
  CliRun denied = Blockrt("course blocks course-v1:O+C+R --user bob --json");
  EXPECT_EQ(denied.code, 1);
  nlohmann::json err = nlohmann::json::parse(denied.out, nullptr, false);
  EXPECT_EQ(err["error"]["code"], "permission_denied");
  EXPECT_EQ(Blockrt("course role course-v1:O+C+R bob learner --user bob").code, 1);
  EXPECT_EQ(Blockrt("course role course-v1:O+C+R bob author --user alice").code, 1);
  EXPECT_EQ(Blockrt("course role course-v1:O+C+R bob learner --user alice").code, 0);
  EXPECT_EQ(Blockrt("course blocks course-v1:O+C+R --lms --user bob").code, 0);
  EXPECT_EQ(Blockrt("course blocks course-v1:O+C+R --user bob").code, 1);  // the draft
  EXPECT_EQ(
      Blockrt("course set block-v1:O+C+R+type@problem+block@p1 display_name x --user bob").code, 1);
  EXPECT_EQ(Blockrt("course import missing-dir course-v1:O+C+R").code, 2);
  EXPECT_EQ(Blockrt("course status course-v1:O+C+Nope").code, 1);
}

}  // namespace

namespace {

// load, render and state on course blocks through the CLI, and where each
// field's value came from (field_sources).
TEST_F(CourseCliTest, LoadRenderAndStateOnCourseBlocks) {
  ASSERT_EQ(Blockrt("course import export course-v1:O+C+R --admin alice").code, 0);
  ASSERT_EQ(Blockrt("course role course-v1:O+C+R bob learner").code, 0);
  ASSERT_EQ(Blockrt("course publish course-v1:O+C+R").code, 0);
  const std::string p1 = "block-v1:O+C+R+type@problem+block@p1";

  nlohmann::json block = Json("load " + p1 + " --lms --user bob --depth 0");
  ASSERT_TRUE(block.is_object()) << block;
  EXPECT_EQ(block["display_name"], "P");
  EXPECT_EQ(block["parent"], "block-v1:O+C+R+type@vertical+block@v1");
  EXPECT_EQ(block["field_sources"]["display_name"], "override");
  EXPECT_EQ(block["field_sources"]["start"], "inherited");
  EXPECT_EQ(block["fields"]["settings"]["start"], "2020-01-01T00:00:00Z");
  EXPECT_EQ(block["field_sources"]["showanswer"], "class_default");

  CliRun html = Blockrt("render block-v1:O+C+R+type@vertical+block@v1 --user bob");
  EXPECT_EQ(html.code, 0);
  EXPECT_NE(html.out.find("Q?"), std::string::npos) << html.out;

  EXPECT_EQ(Blockrt("state get " + p1 + " --user bob").out, "{}\n");
  ASSERT_EQ(Blockrt("state set " + p1 + " --user bob attempts 2").code, 0);
  ASSERT_EQ(Blockrt("state set " + p1 + " --user bob answers '{\"a\":[1,2]}'").code, 0);
  nlohmann::json state = Json("state get " + p1 + " --user bob");
  EXPECT_EQ(state, nlohmann::json::parse(R"({"answers":{"a":[1,2]},"attempts":2})"));
  EXPECT_EQ(Json("state get " + p1 + " --user alice"), nlohmann::json::object());

  // Refusals: no role, bad JSON, Studio, no user, a missing block.
  EXPECT_EQ(Blockrt("state get " + p1 + " --user mallory").code, 1);
  EXPECT_EQ(Blockrt("state set " + p1 + " --user bob attempts '{oops'").code, 1);
  EXPECT_EQ(Blockrt("state get " + p1 + " --user bob --studio").code, 2);
  EXPECT_EQ(Blockrt("state get " + p1).code, 2);
  EXPECT_EQ(Blockrt("state get block-v1:O+C+R+type@problem+block@nope --user bob").code, 1);
  nlohmann::json err = nlohmann::json::parse(
      Blockrt("state get " + p1 + " --user mallory --json").out, nullptr, false);
  EXPECT_EQ(err["error"]["code"], "not_found") << err;
}

}  // namespace
