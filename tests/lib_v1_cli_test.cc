// blockrt lib with v1 library keys, through the real binary: import of a
// library.xml export, the draft workflow, listing in library order, load and
// render through the library-v1 context, roles, export, exit codes. The v2
// forms keep working beside them.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "store/testing/temp_dir.h"

namespace {

namespace fs = std::filesystem;

const std::string kFixture = std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/library-v1";
constexpr char kLib[] = "library-v1:BlockrtX+Bank";
constexpr char kLungs1[] = "lib-block-v1:BlockrtX+Bank+type@problem+block@lungs1";

struct CliRun {
  int code;
  std::string out;
  nlohmann::json json() const {
    return nlohmann::json::parse(out.substr(0, out.find('\n')), nullptr, false);
  }
};

std::map<std::string, std::string> ReadTree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) {
      out[e.path().lexically_relative(dir).generic_string()] =
          blockrt::store::testing::ReadWholeFile(e.path());
    }
  }
  return out;
}

class LibV1CliTest : public ::testing::Test {
 protected:
  // Runs `blockrt ARGS --db TMP/t.db` (stdout captured, stderr dropped).
  CliRun Blockrt(const std::string& args) {
    std::string cmd = std::string(BLOCKRT_BINARY_DIR) + "/blockrt " + args + " --db " +
                      tmp_.File("t.db") + " 2>/dev/null";
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
  void Import() {
    CliRun r =
        Blockrt(std::string("lib import ") + kLib + " " + kFixture + " --admin alice --json");
    ASSERT_EQ(r.code, 0) << r.out;
    nlohmann::json j = r.json();
    EXPECT_EQ(j["created"], true);
    EXPECT_EQ(j["blocks"], 6);
    EXPECT_EQ(j["errors"], 0);
    EXPECT_EQ(j["files"], 8);
  }

  blockrt::store::testing::TempDir tmp_;
};

TEST_F(LibV1CliTest, ImportPublishListLoadRender) {
  Import();
  CliRun blocks = Blockrt(std::string("lib blocks ") + kLib + " --json");
  ASSERT_EQ(blocks.code, 0);
  EXPECT_EQ(blocks.json()["blocks"], nlohmann::json::array({
                                         "lib-block-v1:BlockrtX+Bank+type@problem+block@lungs2",
                                         "lib-block-v1:BlockrtX+Bank+type@html+block@intro",
                                         "lib-block-v1:BlockrtX+Bank+type@vertical+block@pair",
                                         kLungs1,
                                     }));
  EXPECT_EQ(Blockrt(std::string("lib blocks ") + kLib + " --all --json").json()["blocks"].size(),
            6u);
  EXPECT_TRUE(
      Blockrt(std::string("lib blocks ") + kLib + " --lms --json").json()["blocks"].empty());
  EXPECT_EQ(Blockrt(std::string("load ") + kLungs1 + " --lms").code, 1);  // not published yet
  EXPECT_EQ(Blockrt(std::string("load ") + kLungs1 + " --studio").code, 0);

  CliRun status = Blockrt(std::string("lib status ") + kLib + " --json");
  ASSERT_EQ(status.code, 0);
  EXPECT_EQ(status.json()["has_unpublished_changes"], true);
  EXPECT_EQ(status.json()["latest_version"], 0);
  CliRun pub = Blockrt(std::string("lib publish ") + kLib + " --json");
  ASSERT_EQ(pub.code, 0) << pub.out;
  EXPECT_EQ(pub.json()["version"], 1);
  EXPECT_EQ(Blockrt(std::string("lib publish ") + kLib).code, 1);  // nothing changed
  status = Blockrt(std::string("lib status ") + kLib + " --json");
  EXPECT_EQ(status.json()["has_unpublished_changes"], false);
  EXPECT_EQ(status.json()["latest_version"], 1);

  CliRun load = Blockrt(std::string("load ") + kLungs1 + " --lms --user alice --json");
  ASSERT_EQ(load.code, 0) << load.out;
  EXPECT_EQ(load.json()["display_name"], "How many lungs?");
  EXPECT_EQ(load.json()["parent"], "lib-block-v1:BlockrtX+Bank+type@library+block@library");
  CliRun render = Blockrt(std::string("render ") + kLungs1 + " --lms --user alice");
  ASSERT_EQ(render.code, 0);
  EXPECT_NE(render.out.find("How many lungs does a person have?"), std::string::npos) << render.out;

  CliRun list = Blockrt("lib list --json");
  ASSERT_EQ(list.code, 0);
  ASSERT_EQ(list.json()["libraries"].size(), 1u);
  EXPECT_EQ(list.json()["libraries"][0]["library"], kLib);
  EXPECT_EQ(list.json()["libraries"][0]["title"], "Breathing Bank");

  // The published version exports byte for byte as imported.
  const std::string out = tmp_.File("out");
  ASSERT_EQ(Blockrt(std::string("lib export ") + kLib + " " + out + " --published").code, 0);
  EXPECT_EQ(ReadTree(out), ReadTree(kFixture));
}

TEST_F(LibV1CliTest, RolesDecideWhoLoadsAndPublishes) {
  Import();
  ASSERT_EQ(Blockrt(std::string("lib publish ") + kLib).code, 0);
  EXPECT_EQ(Blockrt(std::string("load ") + kLungs1 + " --lms --user bob").code, 1);
  CliRun role = Blockrt(std::string("lib role ") + kLib + " bob learner --user alice --json");
  ASSERT_EQ(role.code, 0) << role.out;
  EXPECT_EQ(role.json()["role"], "learner");
  EXPECT_EQ(Blockrt(std::string("load ") + kLungs1 + " --lms --user bob").code, 0);
  EXPECT_EQ(Blockrt(std::string("load ") + kLungs1 + " --studio --user bob").code, 1);
  EXPECT_EQ(Blockrt(std::string("lib status ") + kLib + " --user bob").code, 1);
  // author (a v2 name) means staff for a v1 library.
  role = Blockrt(std::string("lib role ") + kLib + " bob author --user alice --json");
  ASSERT_EQ(role.code, 0) << role.out;
  EXPECT_EQ(role.json()["role"], "staff");
  EXPECT_EQ(Blockrt(std::string("load ") + kLungs1 + " --studio --user bob").code, 0);
  EXPECT_EQ(Blockrt(std::string("lib role ") + kLib + " bob wizard").code, 1);
}

TEST_F(LibV1CliTest, RefusalsAndTheOneErrorShape) {
  const std::string course = std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/course";
  ASSERT_EQ(Blockrt(std::string("lib create ") + kLib + " --title T").code, 0);
  struct Case {
    std::string args;
    int code;
    const char* error_code;  // nullptr: not checked
  } cases[] = {
      {std::string("lib import ") + kLib + " " + course, 1, "invalid_argument"},
      {std::string("lib import library-v1:BlockrtX+Bank+branch@x ") + kFixture, 1,
       "invalid_argument"},
      {"lib status library-v1:BlockrtX+Other", 1, "not_found"},
      {std::string("lib import ") + kLib + " " + tmp_.File("nope"), 2, "io_error"},
  };
  for (const Case& c : cases) {
    CliRun r = Blockrt(c.args + " --json");
    EXPECT_EQ(r.code, c.code) << c.args << ": " << r.out;
    if (c.error_code != nullptr) {
      EXPECT_EQ(r.json()["error"]["code"], c.error_code) << c.args;
    }
  }
  EXPECT_EQ(Blockrt(std::string("lib import ") + kLib + " " + kFixture + " --merge").code, 1);
  EXPECT_EQ(Blockrt(std::string("lib add-block ") + kLib + " problem p9").code, 1);
  EXPECT_EQ(Blockrt(std::string("lib create ") + kLib).code, 1);  // exists
  EXPECT_EQ(Blockrt("lib export").code, 2);                       // usage
}

TEST_F(LibV1CliTest, V2LibrariesKeepTheirFormsAndGainExport) {
  ASSERT_EQ(Blockrt("lib create lib:T:fr --title Fr --admin alice").code, 0);
  ASSERT_EQ(Blockrt("lib add-block lib:T:fr html h1").code, 0);
  EXPECT_EQ(Blockrt("lib export lib:T:fr " + tmp_.File("never") + " --published").code, 1);
  ASSERT_EQ(Blockrt("lib publish lib:T:fr").code, 0);
  ASSERT_EQ(Blockrt("lib export lib:T:fr " + tmp_.File("v2")).code, 0);
  EXPECT_EQ(ReadTree(tmp_.File("v2")),
            (std::map<std::string, std::string>{{"html/h1/definition.xml", "<html/>\n"}}));
  Import();
  CliRun list = Blockrt("lib list --json");
  ASSERT_EQ(list.json()["libraries"].size(), 2u);
  EXPECT_EQ(Blockrt("lib blocks lib:T:fr --json").json()["blocks"],
            nlohmann::json::array({"lb:T:fr:html:h1"}));
}

}  // namespace
