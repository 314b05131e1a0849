// `blockrt library-content` through the real binary, on seed 003's scenario:
// library lib:O:L built with `blockrt lib` up to versions 5 and 6, course
// course-v1:O+C+R imported with `blockrt course import`; sync, dry runs,
// upgrade, usage errors and the error shape.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int code;
  std::string out;
};

constexpr char kLcb[] = "block-v1:O+C+R+type@library_content+block@myLCB";

const std::map<std::string, std::string> kCourse = {
    {"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n"},
    {"course/R.xml", "<course>\n  <chapter url_name=\"ch\"/>\n</course>\n"},
    {"chapter/ch.xml", "<chapter>\n  <sequential url_name=\"seq\"/>\n</chapter>\n"},
    {"sequential/seq.xml", "<sequential>\n  <vertical url_name=\"unit\"/>\n</sequential>\n"},
    {"vertical/unit.xml", "<vertical>\n  <library_content url_name=\"myLCB\"/>\n</vertical>\n"},
    {"library_content/myLCB.xml",
     "<library_content source_library_id=\"lib:O:L\" source_library_version=\"5\" "
     "max_count=\"-1\"/>\n"},
    {"policies/R/policy.json", "{}\n"},
};

class LibraryContentCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("blockrt_lcb_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const auto& [path, bytes] : kCourse) Write("course/" + path, bytes);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& rel, const std::string& bytes) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << bytes;
  }

  // Runs `blockrt ARGS --db DIR/t.db` in DIR (stdout captured, stderr dropped).
  CliRun Blockrt(const std::string& args) {
    std::string cmd = "cd " + dir_.string() + " && " + std::string(BLOCKRT_BINARY_DIR) +
                      "/blockrt " + args + " --db " + (dir_ / "t.db").string() + " 2>/dev/null";
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
  void Ok(const std::string& args) {
    CliRun r = Blockrt(args);
    ASSERT_EQ(r.code, 0) << args << "\n" << r.out;
  }
  nlohmann::json Json(const std::string& args, int code = 0) {
    CliRun r = Blockrt(args + " --json");
    EXPECT_EQ(r.code, code) << args << "\n" << r.out;
    return nlohmann::json::parse(r.out, nullptr, false);
  }

  void SetOlx(const std::string& usage, const std::string& olx) {
    Write("olx.xml", olx);
    Ok("lib set-olx " + usage + " olx.xml");
  }
  // lib:O:L at version 5 (W X Y Z) and the course imported.
  void MakeScenario() {
    Ok("lib create lib:O:L --title L");
    for (const char* id : {"W", "X", "Y", "Z"}) {
      Ok(std::string("lib add-block lib:O:L problem libBlock") + id);
    }
    for (int v = 1; v <= 4; ++v) {
      SetOlx("lb:O:L:problem:libBlockW",
             "<problem display_name=\"d" + std::to_string(v) + "\">w</problem>");
      Ok("lib publish lib:O:L");
    }
    for (const char* id : {"W", "X", "Y", "Z"}) {
      std::string l(3, static_cast<char>(id[0] - 'A' + 'a'));
      SetOlx(std::string("lb:O:L:problem:libBlock") + id,
             std::string("<problem display_name=\"title ") + id + "\">" + l + "</problem>");
    }
    Ok("lib publish lib:O:L");
    Ok("course import course course-v1:O+C+R");
  }
  std::vector<std::string> Children() {
    nlohmann::json j = Json("library-content sync " + std::string(kLcb) + " --dry-run");
    std::vector<std::string> out;
    for (const auto& c : j["children"]) {
      if (c["action"] != "added") out.push_back(c["usage_key"]);
    }
    return out;
  }

  fs::path dir_;
};

std::string Id(const std::string& usage) { return usage.substr(usage.rfind('@') + 1); }

TEST_F(LibraryContentCliTest, SyncDryRunAndUpgrade) {
  MakeScenario();
  nlohmann::json plan = Json("library-content sync " + std::string(kLcb) + " --dry-run");
  ASSERT_TRUE(plan["children"].is_array()) << plan.dump();
  EXPECT_EQ(plan["dry_run"], true);
  EXPECT_EQ(plan["to_version"], 5);
  EXPECT_EQ(plan["files"].size(), 5u);
  // Nothing was written: the same plan again.
  EXPECT_EQ(Json("library-content sync " + std::string(kLcb) + " --dry-run"), plan);

  nlohmann::json r = Json("library-content sync " + std::string(kLcb));
  EXPECT_EQ(r["dry_run"], false);
  std::vector<std::string> ids;
  for (const auto& c : r["children"]) ids.push_back(Id(c["usage_key"]));
  EXPECT_EQ(ids, (std::vector<std::string>{"dd75dd6456dc1dda1959", "9453fbabeea318e2bd2b",
                                           "b3d312f305384ebf7054", "a01ad4ead41dc4782711"}));
  EXPECT_EQ(r["children"][0]["library_key"], "lb:O:L:problem:libBlockW");

  // The course overrides Y's title and edits Z's content; the library moves on.
  Ok("course set block-v1:O+C+R+type@problem+block@b3d312f305384ebf7054 display_name 'mine'");
  Ok("course set block-v1:O+C+R+type@problem+block@a01ad4ead41dc4782711 data "
     "'<problem>zzz_edit</problem>'");
  Ok("lib delete-block lb:O:L:problem:libBlockW");
  Ok("lib delete-block lb:O:L:problem:libBlockX");
  SetOlx("lb:O:L:problem:libBlockZ", "<problem display_name=\"title Z\">zzz_updated</problem>");
  Ok("lib add-block lib:O:L problem libBlockQ");
  SetOlx("lb:O:L:problem:libBlockQ", "<problem display_name=\"title Q\">qqq</problem>");
  Ok("lib publish lib:O:L");

  CliRun text = Blockrt("library-content sync " + std::string(kLcb) + " --latest --dry-run");
  ASSERT_EQ(text.code, 0) << text.out;
  EXPECT_NE(text.out.find("plan: " + std::string(kLcb) + " from lib:O:L version 5 -> 6"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("b3d312f305384ebf7054 <- lb:O:L:problem:libBlockY; overrides kept: "
                          "display_name"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("a01ad4ead41dc4782711 <- lb:O:L:problem:libBlockZ; content edits "
                          "discarded"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("removed  block-v1:O+C+R+type@problem+block@dd75dd6456dc1dda1959"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("nothing written"), std::string::npos) << text.out;

  r = Json("library-content sync " + std::string(kLcb) + " --latest");
  EXPECT_EQ(r["to_version"], 6);
  EXPECT_EQ(Children(),
            (std::vector<std::string>{"block-v1:O+C+R+type@problem+block@08f8ef494fd7a878005d",
                                      "block-v1:O+C+R+type@problem+block@b3d312f305384ebf7054",
                                      "block-v1:O+C+R+type@problem+block@a01ad4ead41dc4782711"}));
  CliRun blocks = Blockrt("course blocks course-v1:O+C+R");
  EXPECT_NE(blocks.out.find("b3d312f305384ebf7054 mine"), std::string::npos) << blocks.out;
  EXPECT_EQ(blocks.out.find("dd75dd6456dc1dda1959"), std::string::npos) << blocks.out;
  // --version goes back.
  r = Json("library-content sync " + std::string(kLcb) + " --version 5");
  EXPECT_EQ(r["to_version"], 5);
}

TEST_F(LibraryContentCliTest, UsageAndErrors) {
  EXPECT_EQ(Blockrt("library-content --help").code, 0);
  struct Case {
    std::string args;
    int code;
  } usage[] = {
      {"library-content", 2},
      {"library-content frobnicate", 2},
      {"library-content sync", 2},
      {std::string("library-content sync ") + kLcb + " extra", 2},
      {std::string("library-content sync ") + kLcb + " --version x", 2},
      {std::string("library-content sync ") + kLcb + " --version 0", 2},
      {std::string("library-content sync ") + kLcb + " --version 3 --latest", 2},
      {std::string("library-content sync ") + kLcb + " --bogus", 2},
  };
  for (const Case& c : usage) EXPECT_EQ(Blockrt(c.args).code, c.code) << c.args;
  MakeScenario();
  struct Error {
    std::string args, code;
  } errors[] = {
      {"library-content sync block-v1:O+C+R+type@library_content+block@nope", "not_found"},
      {"library-content sync block-v1:O+C+R+type@vertical+block@unit", "invalid_argument"},
      {"library-content sync not-a-key", "invalid_argument"},
      {std::string("library-content sync ") + kLcb + " --version 42", "not_found"},
      {std::string("library-content sync ") + kLcb + " --user nobody", "permission_denied"},
  };
  for (const Error& e : errors) {
    nlohmann::json j = Json(e.args, 1);
    EXPECT_EQ(j["error"]["code"], e.code) << e.args << " " << j.dump();
  }
}

}  // namespace
