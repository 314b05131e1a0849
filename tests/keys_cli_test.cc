// `blockrt keys` driven through the real binary: output formats and exit codes
// (0 all valid, 1 findings, 2 usage or I/O error).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct CliResult {
  int code;
  std::string out;
};

// Runs `blockrt keys ARGS` with `stdin_text` on standard input.
CliResult Keys(const std::string& args, const std::string& stdin_text = "") {
  fs::path in = fs::temp_directory_path() / ("blockrt_keys_in_" + std::to_string(::getpid()));
  std::ofstream(in, std::ios::binary) << stdin_text;
  std::string cmd = std::string(BLOCKRT_BINARY_DIR) + "/blockrt keys " + args + " < " +
                    in.string() + " 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  CliResult r{-1, {}};
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  fs::remove(in);
  return r;
}

std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) rows.push_back(nlohmann::json::parse(line));
  return rows;
}

TEST(KeysCliTest, ParsePrintsConformanceMembers) {
  CliResult r = Keys("parse 'lb:MITx:lib:problem:p1' 'course-v1:edX+DemoX'");
  EXPECT_EQ(r.code, 1);  // one invalid key is a finding
  auto rows = JsonLines(r.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["kind"], "LibraryUsageLocatorV2");
  EXPECT_EQ(rows[0]["canonical"], "lb:MITx:lib:problem:p1");
  EXPECT_EQ(rows[0]["fields"]["lib_key"]["canonical"], "lib:MITx:lib");
  EXPECT_EQ(rows[0]["error"], nullptr);
  EXPECT_EQ(rows[1]["valid"], false);
  EXPECT_EQ(rows[1]["error"], "invalid key at position 19: expected org+course+run or version@");
}

TEST(KeysCliTest, ParseReadsStdinAndJsonInput) {
  CliResult r = Keys("parse --base CourseKey", "slashes:o+c+r\no/c/r\n");
  EXPECT_EQ(r.code, 0);
  auto rows = JsonLines(r.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["canonical"], "course-v1:o+c+r");
  EXPECT_EQ(rows[1]["deprecated"], true);
  // A key that holds a newline can only be given as a JSON string.
  r = Keys("parse --json-input", "\"lib:org:slug\\n\"\n");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(JsonLines(r.out)[0]["canonical"], "lib:org:slug\n");
  EXPECT_EQ(Keys("parse --json-input", "not json\n").code, 2);
}

TEST(KeysCliTest, CheckReportsFileLineAndCounts) {
  CliResult r = Keys("check -", "lib:a:b\ncourse-v1:x+y+z\nbad key\nlb:a:b:html:h\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(
      r.out.find("-:3: \"bad key\": invalid key at position 7: expected NAMESPACE:... (no ':')"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("4 keys: 3 valid, 1 invalid"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("LibraryUsageLocatorV2"), std::string::npos);
  EXPECT_EQ(Keys("check -", "lib:a:b\n").code, 0);
}

TEST(KeysCliTest, CheckJsonListsEveryFindingAndASummary) {
  CliResult r =
      Keys("check --json --base UsageKey -", "lb:a:b:html:h\nlib:a:b\nblock-v1:o+c+r+block@x\n");
  EXPECT_EQ(r.code, 1);
  auto rows = JsonLines(r.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["line"], 2);
  EXPECT_EQ(rows[0]["error"],
            "invalid UsageKey at position 0: expected a namespace this key type accepts");
  EXPECT_EQ(rows[1]["summary"]["keys"], 3);
  EXPECT_EQ(rows[1]["summary"]["invalid"], 1);
  EXPECT_EQ(rows[1]["summary"]["canonical_changed"], 1);  // type@None is added
}

TEST(KeysCliTest, UsageAndIoErrorsExitTwo) {
  EXPECT_EQ(Keys("check").code, 2);
  EXPECT_EQ(Keys("check /nonexistent/keys.txt").code, 2);
  EXPECT_EQ(Keys("check --max-findings x -").code, 2);
  EXPECT_EQ(Keys("parse --base NoSuchBase x").code, 2);
  EXPECT_EQ(Keys("frobnicate").code, 2);
  EXPECT_EQ(Keys("check --help").code, 0);
}

TEST(KeysCliTest, GenIsDeterministic) {
  CliResult a = Keys("gen --seed 5 1000");
  CliResult b = Keys("gen --seed 5 1000");
  EXPECT_EQ(a.code, 0);
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(std::count(a.out.begin(), a.out.end(), '\n'), 1000);
}

}  // namespace
