// The lib, load, render and demo commands driven through the real binary:
// exit codes, JSON output and the end-to-end job.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code;
  std::string out;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("blockrt_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `blockrt ARGS --db DIR/t.db` (stdout captured, stderr dropped).
  CliRun Blockrt(const std::string& args, bool with_db = true) {
    std::string cmd = std::string(BLOCKRT_BINARY_DIR) + "/blockrt " + args;
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
  void BuildLibrary() {
    ASSERT_EQ(Blockrt("lib create lib:T:fr --title Fr --admin alice").code, 0);
    ASSERT_EQ(Blockrt("lib role lib:T:fr bob learner").code, 0);
    ASSERT_EQ(
        Blockrt("lib import lib:T:fr " + std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/library")
            .code,
        0);
  }

  fs::path dir_;
};

TEST_F(CliTest, UsageErrorsExitTwo) {
  struct Case {
    const char* args;
    int code;
  } cases[] = {
      {"lib --help", 0},
      {"load --help", 0},
      {"render --help", 0},
      {"demo --help", 0},
      {"lib", 2},
      {"lib frobnicate", 2},
      {"lib create", 2},
      {"load", 2},
      {"load a b", 2},
      {"load lb:T:fr:html:h --depth x", 2},
      {"render lb:T:fr:html:h --bogus", 2},
      {"demo --workdir", 2},
  };
  for (const Case& c : cases) EXPECT_EQ(Blockrt(c.args).code, c.code) << c.args;
  EXPECT_EQ(Blockrt("lib list --db /nonexistent-dir/x/y.db", false).code, 2);
}

TEST_F(CliTest, AuthorPublishLoadRender) {
  BuildLibrary();
  EXPECT_EQ(Blockrt("lib create lib:T:fr").code, 1);                 // already exists
  EXPECT_EQ(Blockrt("load lb:T:fr:html:intro --user bob").code, 1);  // not published yet
  CliRun pub = Blockrt("lib publish lib:T:fr --json");
  ASSERT_EQ(pub.code, 0);
  EXPECT_EQ(nlohmann::json::parse(pub.out)["version"], 1);

  CliRun load = Blockrt("load lb:T:fr:unit:unit1 --user bob --json");
  ASSERT_EQ(load.code, 0);
  std::istringstream lines(load.out);
  std::string first;
  std::getline(lines, first);
  auto unit = nlohmann::json::parse(first);
  EXPECT_EQ(unit["block_type"], "unit");
  EXPECT_EQ(unit["parent"], "lb:T:fr:sequential:week1");
  EXPECT_EQ(unit["children"].size(), 4u);
  int more = 0;
  for (std::string l; std::getline(lines, l);) ++more;
  EXPECT_EQ(more, 4);

  CliRun render = Blockrt("render lb:T:fr:problem:quiz1 --user bob");
  EXPECT_EQ(render.code, 0);
  EXPECT_NE(render.out.find("Which fraction is larger?"), std::string::npos);
  EXPECT_EQ(render.out.find("correct="), std::string::npos);
  EXPECT_EQ(Blockrt("render lb:T:fr:problem:quiz1 --user bob --view studio_view").code, 1);
  EXPECT_EQ(Blockrt("load lb:T:fr:html:intro --user mallory").code, 1);
}

TEST_F(CliTest, UnpublishedChangeVisibleInStudioOnly) {
  BuildLibrary();
  ASSERT_EQ(Blockrt("lib publish lib:T:fr").code, 0);
  fs::path olx = dir_ / "g.xml";
  FILE* f = std::fopen(olx.c_str(), "w");
  std::fputs("<html display_name=\"Glossary 2\">x</html>", f);
  std::fclose(f);
  EXPECT_EQ(Blockrt("lib set-olx lb:T:fr:problem:quiz1 " + olx.string()).code, 1);  // root tag
  ASSERT_EQ(Blockrt("lib set-olx lb:T:fr:html:glossary " + olx.string()).code, 0);
  auto name = [&](const char* mode, const char* user) {
    CliRun r =
        Blockrt(std::string("load lb:T:fr:html:glossary --json ") + mode + " --user " + user);
    return r.code == 0 ? nlohmann::json::parse(r.out)["display_name"].get<std::string>() : "";
  };
  EXPECT_EQ(name("--studio", "alice"), "Glossary 2");
  EXPECT_EQ(name("--lms", "bob"), "Glossary");
  EXPECT_EQ(
      nlohmann::json::parse(Blockrt("lib status lib:T:fr --json").out)["has_unpublished_changes"],
      true);
  ASSERT_EQ(Blockrt("lib discard lib:T:fr").code, 0);
  EXPECT_EQ(name("--studio", "alice"), "Glossary");
}

TEST_F(CliTest, DemoRunsEndToEnd) {
  CliRun demo = Blockrt("demo --workdir " + (dir_ / "demo").string() + " --fixtures " +
                            std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/library",
                        false);
  EXPECT_EQ(demo.code, 0) << demo.out;
  EXPECT_NE(demo.out.find("library job: all steps passed"), std::string::npos) << demo.out;
  EXPECT_NE(demo.out.find("course job: all steps passed"), std::string::npos) << demo.out;
  EXPECT_EQ(demo.out.find("FAIL"), std::string::npos);
  EXPECT_EQ(
      Blockrt("demo --workdir " + (dir_ / "demo2").string() + " --fixtures /nonexistent", false)
          .code,
      2);
}

}  // namespace
