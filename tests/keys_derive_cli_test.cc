// `blockrt keys derive` through the real binary: one pair, stdin batches (an
// empty line and stdin:LINE on stderr per failure), --json, exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

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
  std::string out, err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `blockrt keys derive ARGS` with `stdin_text` on standard input.
CliResult Derive(const std::string& args, const std::string& stdin_text = "") {
  const std::string tag = std::to_string(::getpid());
  fs::path in = fs::temp_directory_path() / ("blockrt_derive_in_" + tag);
  fs::path err = fs::temp_directory_path() / ("blockrt_derive_err_" + tag);
  std::ofstream(in, std::ios::binary) << stdin_text;
  std::string cmd = std::string(BLOCKRT_BINARY_DIR) + "/blockrt keys derive " + args + " < " +
                    in.string() + " 2>" + err.string();
  FILE* p = ::popen(cmd.c_str(), "r");
  CliResult r{-1, {}, {}};
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = Slurp(err);
  fs::remove(in);
  fs::remove(err);
  return r;
}

const char kLcb[] = "block-v1:O+C+R+type@library_content+block@myLCB";
const char kW[] = "block-v1:O+C+R+type@problem+block@dd75dd6456dc1dda1959";

TEST(KeysDeriveCliTest, OnePairPrintsTheDerivedKey) {
  CliResult r = Derive(std::string("lb:O:L:problem:libBlockW ") + kLcb);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, std::string(kW) + "\n");
  // The v1 spelling with a version derives the same key.
  r = Derive(
      "lib-block-v1:O+L+branch@library+version@519665f6223ebd6980884f2b+type@problem+block@"
      "libBlockW " +
      std::string(kLcb));
  EXPECT_EQ(r.out, std::string(kW) + "\n");
}

TEST(KeysDeriveCliTest, BadPairExitsOneWithTheReason) {
  CliResult r = Derive(std::string("course-v1:O+C+R ") + kLcb);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "blockrt keys derive: source 'course-v1:O+C+R' is a CourseLocator, not a usage key\n");
}

TEST(KeysDeriveCliTest, StdinKeepsLinesAlignedAndNamesFailingLines) {
  std::string in = std::string("lb:O:L:problem:libBlockW\t") + kLcb + "\n" +  // 1 ok
                   "lb:O:L:problem:libBlockW " + kLcb + "\n" +                // 2 no tab
                   "bad key\t" + kLcb + "\n" +                                // 3 invalid source
                   "lb:O:L:problem:libBlockX\tlib:O:L\n" +                    // 4 parent not usage
                   "lb:O:L:problem:libBlockX\t" + kLcb + "\n";                // 5 ok
  CliResult r = Derive("", in);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, std::string(kW) + "\n\n\n\n" +
                       "block-v1:O+C+R+type@problem+block@9453fbabeea318e2bd2b\n");
  EXPECT_EQ(r.err,
            "blockrt keys derive: stdin:2: expected SOURCE<TAB>PARENT, found no tab\n"
            "blockrt keys derive: stdin:3: source: invalid key 'bad key' at position 7: expected "
            "NAMESPACE:... (no ':')\n"
            "blockrt keys derive: stdin:4: parent 'lib:O:L' is a LibraryLocatorV2, not a usage "
            "key\n");
  // All good: exit 0; the grandchild derives under its derived parent's key.
  r = Derive("", std::string("lb:O:L:vertical:libVert\t") + kLcb + "\n" +
                     "lb:O:L:problem:libBlockW\tblock-v1:O+C+R+type@vertical+block@"
                     "1be6069658836a8fc920\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "block-v1:O+C+R+type@vertical+block@1be6069658836a8fc920\n"
            "block-v1:O+C+R+type@problem+block@ae61d237162a04ac6d6f\n");
  EXPECT_EQ(Derive("", "").out, "");
}

TEST(KeysDeriveCliTest, JsonRecordsCarryTheKeyOrTheError) {
  CliResult r = Derive(std::string("--json lb:O:L:problem:libBlockW ") + kLcb);
  EXPECT_EQ(r.code, 0);
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["derived"], kW);
  EXPECT_EQ(j["block_id"], "dd75dd6456dc1dda1959");
  EXPECT_EQ(j["error"], nullptr);
  EXPECT_FALSE(j.contains("line"));
  r = Derive("--json", std::string("x\t") + kLcb + "\n");
  EXPECT_EQ(r.code, 1);
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["line"], 1);
  EXPECT_EQ(j["source"], "x");
  EXPECT_EQ(j["derived"], nullptr);
  EXPECT_EQ(j["error"]["code"], "invalid_argument");
  EXPECT_EQ(j["error"]["message"],
            "source: invalid key 'x' at position 1: expected NAMESPACE:... (no ':')");
  EXPECT_EQ(r.err, "");
}

TEST(KeysDeriveCliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Derive("lb:O:L:problem:x").code, 2);  // one key: SOURCE without PARENT
  EXPECT_EQ(Derive("a b c").code, 2);
  EXPECT_EQ(Derive("--frobnicate").code, 2);
  CliResult help = Derive("--help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("usage: blockrt keys derive"), std::string::npos);
}

}  // namespace
