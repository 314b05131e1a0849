// Hostile inputs against `blockrt lib` authoring (issue 10, defects 5, 6, 8,
// 9, 10, 11, 17, 18 and 25), driven through the real binary: an actor with no
// role, a parent from another library, parallel writers in separate
// processes, shared children, mirroring imports, invalid UTF-8 ids, include
// cycles and broken OLX. Each case states the exit code and the error code.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct CliRun {
  int code = -1;
  std::string out;
};

class HostileAuthoring : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("blockrt_hostile_auth_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Bin() const { return std::string(BLOCKRT_BINARY_DIR) + "/blockrt"; }

  // Runs a shell command line (stdout captured, stderr dropped).
  static CliRun Shell(const std::string& cmd) {
    CliRun r;
    FILE* p = ::popen((cmd + " 2>/dev/null").c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
  }
  // `blockrt ARGS --db DB` (ARGS is shell text: quote what needs it).
  CliRun Blockrt(const std::string& args) { return Shell(Bin() + " " + args + " --db " + db_); }
  json Json(const std::string& args) {
    CliRun r = Blockrt(args + " --json");
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << args << " printed no JSON: " << r.out;
    return j;
  }
  // The error code of a JSON error line, in either shape the CLI has used.
  static std::string ErrorCode(const json& j) {
    if (!j.is_object()) return "";
    if (j.contains("error") && j["error"].is_object()) return j["error"].value("code", "");
    return j.value("code", "");
  }
  static std::string ErrorMessage(const json& j) {
    if (!j.is_object() || !j.contains("error")) return "";
    if (j["error"].is_object()) return j["error"].value("message", "");
    return j["error"].is_string() ? j["error"].get<std::string>() : "";
  }
  void Write(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
  }
  // lib:T:l with admin alice, author carol, learner bob; unit/u includes html/h.
  void MakeLibrary() {
    ASSERT_EQ(Blockrt("lib create lib:T:l --admin alice").code, 0);
    ASSERT_EQ(Blockrt("lib role lib:T:l carol author").code, 0);
    ASSERT_EQ(Blockrt("lib role lib:T:l bob learner").code, 0);
    ASSERT_EQ(Blockrt("lib add-block lib:T:l unit u").code, 0);
    ASSERT_EQ(Blockrt("lib add-block lib:T:l html h --parent lb:T:l:unit:u").code, 0);
  }
  std::string OlxFile(const std::string& name, const std::string& olx) {
    fs::path p = dir_ / name;
    Write(p, olx);
    return p.string();
  }

  fs::path dir_;
  std::string db_;
};

// Defect 5: --user is the actor; roles decide (author for drafts, admin for roles).
TEST_F(HostileAuthoring, ActorRolesAreChecked) {
  MakeLibrary();
  const std::string olx = OlxFile("h.xml", "<html><p>x</p></html>");
  fs::path bundle = dir_ / "bundle";
  Write(bundle / "html/h/definition.xml", "<html/>");
  struct Case {
    std::string args;
    std::string user;  // "" = no actor
    std::string code;  // expected JSON error code, "" = ok
  } cases[] = {
      {"lib get-olx lb:T:l:html:h", "eve", "permission_denied"},
      {"lib get-olx lb:T:l:html:h", "bob", "permission_denied"},
      {"lib set-olx lb:T:l:html:h " + olx, "eve", "permission_denied"},
      {"lib set-olx lb:T:l:html:h " + olx, "bob", "permission_denied"},
      {"lib add-block lib:T:l html x", "eve", "permission_denied"},
      {"lib add-block lib:T:l html x --parent lb:T:l:unit:u", "eve", "permission_denied"},
      {"lib delete-block lb:T:l:unit:u", "eve", "permission_denied"},
      {"lib add-asset lb:T:l:html:h a.txt " + olx, "eve", "permission_denied"},
      {"lib import lib:T:l " + bundle.string() + " --merge", "eve", "permission_denied"},
      {"lib publish lib:T:l", "eve", "permission_denied"},
      {"lib discard lib:T:l", "bob", "permission_denied"},
      {"lib status lib:T:l", "eve", "permission_denied"},
      {"lib blocks lib:T:l --studio", "eve", "permission_denied"},
      {"lib blocks lib:T:l --lms", "eve", "permission_denied"},
      {"lib role lib:T:l eve admin", "eve", "permission_denied"},
      {"lib role lib:T:l eve admin", "carol", "permission_denied"},
      {"lib role lib:T:l carol none", "bob", "permission_denied"},
      {"lib get-olx lb:T:l:html:h", "carol", ""},
      {"lib set-olx lb:T:l:html:h " + olx, "carol", ""},
      {"lib blocks lib:T:l --lms", "bob", ""},
      {"lib status lib:T:l", "carol", ""},
      {"lib publish lib:T:l", "carol", ""},
      {"lib role lib:T:l dave learner", "alice", ""},
      {"lib role lib:T:l dave none", "", ""},
  };
  for (const Case& c : cases) {
    std::string args = c.args + (c.user.empty() ? "" : " --user " + c.user);
    CliRun r = Blockrt(args + " --json");
    json j = json::parse(r.out, nullptr, false);
    if (c.code.empty()) {
      EXPECT_EQ(r.code, 0) << args << ": " << r.out;
    } else {
      EXPECT_EQ(r.code, 1) << args;
      EXPECT_EQ(ErrorCode(j), c.code) << args << ": " << r.out;
    }
  }
  // The denied writes changed nothing: eve holds no role, the draft was only
  // carol's edit, and `lib list` as eve shows nothing.
  json list = Json("lib list --user eve");
  EXPECT_TRUE(list["libraries"].empty()) << list.dump();
  EXPECT_EQ(Json("lib list --user bob")["libraries"].size(), 1u);
  EXPECT_EQ(Blockrt("lib get-olx lb:T:l:html:x").code, 1);  // never created
  // A library created by a named actor is administered by it.
  ASSERT_EQ(Blockrt("lib create lib:T:mine --user zoe").code, 0);
  EXPECT_EQ(Blockrt("lib role lib:T:mine yan author --user zoe").code, 0);
}

// Defect 6: add-block LIB ... --parent USAGE must respect LIB.
TEST_F(HostileAuthoring, AddBlockParentMustBeInLib) {
  MakeLibrary();
  ASSERT_EQ(Blockrt("lib create lib:T:other").code, 0);
  struct Case {
    std::string args;
    std::string code;
  } cases[] = {
      {"lib add-block lib:T:missing html z --parent lb:T:l:unit:u", "not_found"},
      {"lib add-block lib:T:other html z --parent lb:T:l:unit:u", "invalid_argument"},
      {"lib add-block lib:T:l html z --parent lb:T:other:unit:u", "invalid_argument"},
      {"lib add-block lib:T:l html z --parent lb:T:l:unit:nope", "not_found"},
  };
  for (const Case& c : cases) {
    json j = Json(c.args);
    EXPECT_EQ(ErrorCode(j), c.code) << c.args << ": " << j.dump();
  }
  // Nothing was created anywhere, and u still includes only h.
  EXPECT_EQ(Json("lib blocks lib:T:l --all")["blocks"].size(), 2u);
  EXPECT_TRUE(Json("lib blocks lib:T:other --all")["blocks"].empty());
  EXPECT_EQ(Blockrt("lib get-olx lb:T:l:unit:u").out.find("html/z"), std::string::npos);
}

// Defect 8: parallel role changes from many processes: every grant survives,
// a concurrent revocation is never undone.
TEST_F(HostileAuthoring, ParallelRoleChangesAreNotLost) {
  ASSERT_EQ(Blockrt("lib create lib:T:r --admin alice").code, 0);
  constexpr int kTrials = 3, kGrants = 24;
  for (int trial = 0; trial < kTrials; ++trial) {
    ASSERT_EQ(Blockrt("lib role lib:T:r mallory author").code, 0);
    std::string cmd = "(";
    for (int i = 0; i < kGrants; ++i) {
      cmd += Bin() + " lib role lib:T:r u" + std::to_string(trial) + "_" + std::to_string(i) +
             " learner --user alice --db " + db_ + " & ";
      if (i == kGrants / 2) cmd += Bin() + " lib role lib:T:r mallory none --db " + db_ + " & ";
    }
    cmd += "wait)";
    Shell(cmd);
    // Every user granted so far holds a role; mallory holds none.
    for (int i = 0; i < kGrants; ++i) {
      std::string user = "u" + std::to_string(trial) + "_" + std::to_string(i);
      EXPECT_EQ(Blockrt("lib blocks lib:T:r --lms --user " + user).code, 0) << user;
    }
    EXPECT_EQ(Blockrt("lib status lib:T:r --user mallory").code, 1) << "trial " << trial;
  }
}

// Defect 9: parallel add-block --parent: no include lost, no orphan.
TEST_F(HostileAuthoring, ParallelChildBlocksKeepTheirIncludes) {
  ASSERT_EQ(Blockrt("lib create lib:T:p").code, 0);
  constexpr int kRounds = 3, kChildren = 32;
  for (int round = 0; round < kRounds; ++round) {
    const std::string unit = "u" + std::to_string(round);
    ASSERT_EQ(Blockrt("lib add-block lib:T:p unit " + unit).code, 0);
    std::string cmd = "(";
    for (int i = 0; i < kChildren; ++i) {
      cmd += Bin() + " lib add-block lib:T:p html " + unit + "h" + std::to_string(i) +
             " --parent lb:T:p:unit:" + unit + " --db " + db_ + " & ";
    }
    Shell(cmd + "wait)");
    std::string olx = Blockrt("lib get-olx lb:T:p:unit:" + unit).out;
    int missing = 0;
    for (int i = 0; i < kChildren; ++i) {
      missing += olx.find("definition=\"html/" + unit + "h" + std::to_string(i) + "\"") ==
                 std::string::npos;
    }
    EXPECT_EQ(missing, 0) << "round " << round << ":\n" << olx;
  }
  json top = Json("lib blocks lib:T:p");
  EXPECT_EQ(top["blocks"], json::array({"lb:T:p:unit:u0", "lb:T:p:unit:u1", "lb:T:p:unit:u2"}))
      << top.dump();  // no orphans
}

// Defect 10: delete-block keeps children another block still includes.
TEST_F(HostileAuthoring, DeleteKeepsSharedChildren) {
  ASSERT_EQ(Blockrt("lib create lib:T:d").code, 0);
  ASSERT_EQ(Blockrt("lib add-block lib:T:d unit a").code, 0);
  ASSERT_EQ(Blockrt("lib add-block lib:T:d unit b").code, 0);
  ASSERT_EQ(Blockrt("lib add-block lib:T:d html own --parent lb:T:d:unit:a").code, 0);
  ASSERT_EQ(Blockrt("lib add-block lib:T:d unit mid --parent lb:T:d:unit:a").code, 0);
  ASSERT_EQ(Blockrt("lib add-block lib:T:d html shared --parent lb:T:d:unit:mid").code, 0);
  // b includes `shared` (two levels below a) directly.
  std::string b = OlxFile("b.xml", "<unit><xblock-include definition=\"html/shared\"/></unit>");
  ASSERT_EQ(Blockrt("lib set-olx lb:T:d:unit:b " + b).code, 0);
  ASSERT_EQ(Blockrt("lib delete-block lb:T:d:unit:a").code, 0);
  json all = Json("lib blocks lib:T:d --all");
  EXPECT_EQ(all["blocks"], json::array({"lb:T:d:html:shared", "lb:T:d:unit:b"})) << all.dump();
  EXPECT_EQ(Blockrt("lib publish lib:T:d").code, 0);  // nothing dangles
  EXPECT_EQ(Blockrt("render lb:T:d:unit:b --studio").code, 0);
}

// Defect 11: a mirroring import reports what it deletes; --merge never deletes.
TEST_F(HostileAuthoring, ImportReportsDeletionsAndMergeKeeps) {
  ASSERT_EQ(Blockrt("lib create lib:T:i").code, 0);
  ASSERT_EQ(Blockrt("lib add-block lib:T:i html keep").code, 0);
  ASSERT_EQ(Blockrt("lib add-asset lb:T:i:html:keep pic.png " + OlxFile("pic", "PNG")).code, 0);
  fs::path bundle = dir_ / "bundle";
  Write(bundle / "html/fresh/definition.xml", "<html><p>new</p></html>");
  json merged = Json("lib import lib:T:i " + bundle.string() + " --merge");
  EXPECT_EQ(merged["mode"], "merge");
  EXPECT_TRUE(merged["deleted"].empty()) << merged.dump();
  EXPECT_EQ(Json("lib blocks lib:T:i --all")["blocks"].size(), 2u);
  CliRun text = Blockrt("lib import lib:T:i " + bundle.string());
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("deleted html/keep/definition.xml"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("deleted html/keep/static/pic.png"), std::string::npos) << text.out;
  ASSERT_EQ(Blockrt("lib add-block lib:T:i html again").code, 0);
  json mirrored = Json("lib import lib:T:i " + bundle.string());
  EXPECT_EQ(mirrored["deleted"], json::array({"html/again/definition.xml"})) << mirrored.dump();
}

// Defect 17: invalid UTF-8 (and other bad bytes) in ids is a clear error,
// never an abort, and --json output always parses.
TEST_F(HostileAuthoring, InvalidUtf8IdsAreRefusedCleanly) {
  MakeLibrary();
  const std::string bad = "'eve\xff'";
  struct Case {
    std::string args;
    std::string code;
  } cases[] = {
      {"lib role lib:T:l " + bad + " learner", "invalid_argument"},
      {"lib role lib:T:l 'eve\xc0\xaf' learner", "invalid_argument"},
      {"lib role lib:T:l 'eve bob' learner", "invalid_argument"},
      {"lib role lib:T:l 'eve\x01' learner", "invalid_argument"},
      {"lib list --user " + bad, "invalid_argument"},
      {"lib create lib:T:x --admin " + bad, "invalid_argument"},
      {"lib create lib:T:x --title " + bad, "invalid_argument"},
      {"lib create 'lib:T:\xff'", "invalid_argument"},
      {"lib add-block lib:T:l html 'h\xff'", "invalid_argument"},
      {"render lb:T:l:html:h --user 'bob\xff'", "invalid_argument"},
      {"load lb:T:l:html:h --user 'bob\xff'", "invalid_argument"},
      {"render 'lb:T:l:html:\xff'", ""},  // some error, any code
  };
  for (const Case& c : cases) {
    CliRun r = Blockrt(c.args + " --json");
    EXPECT_EQ(r.code, 1) << c.args << ": " << r.out;
    json j = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << c.args << ": " << r.out;
    if (!c.code.empty()) {
      EXPECT_EQ(ErrorCode(j), c.code) << c.args << ": " << r.out;
    }
    // Text mode: an error message, no abort (exit 1, not a signal).
    EXPECT_EQ(Blockrt(c.args).code, 1) << c.args;
  }
  EXPECT_NE(ErrorMessage(Json("lib role lib:T:l " + bad + " learner")).find("eve\\xff"),
            std::string::npos);
}

// Defect 18 (write side): include cycles are refused at set-olx, add-block,
// import and publish.
TEST_F(HostileAuthoring, IncludeCyclesAreRefused) {
  MakeLibrary();
  std::string twice = OlxFile("self.xml",
                              "<unit><xblock-include definition=\"unit/u\"/>"
                              "<xblock-include definition=\"unit/u\"/></unit>");
  json self = Json("lib set-olx lb:T:l:unit:u " + twice);
  EXPECT_EQ(ErrorCode(self), "invalid_argument");
  EXPECT_NE(ErrorMessage(self).find("include cycle"), std::string::npos) << self.dump();
  ASSERT_EQ(Blockrt("lib add-block lib:T:l unit v --parent lb:T:l:unit:u").code, 0);
  std::string back = OlxFile("back.xml", "<unit><xblock-include definition=\"unit/u\"/></unit>");
  EXPECT_EQ(ErrorCode(Json("lib set-olx lb:T:l:unit:v " + back)), "invalid_argument");
  fs::path bundle = dir_ / "cyc";
  Write(bundle / "unit/a/definition.xml", "<unit><xblock-include definition=\"unit/b\"/></unit>");
  Write(bundle / "unit/b/definition.xml", "<unit><xblock-include definition=\"unit/a\"/></unit>");
  json imported = Json("lib import lib:T:l " + bundle.string() + " --merge");
  EXPECT_EQ(ErrorCode(imported), "invalid_argument");
  EXPECT_NE(ErrorMessage(imported).find("include cycle"), std::string::npos) << imported.dump();
  EXPECT_EQ(Blockrt("lib get-olx lb:T:l:unit:a").code, 1);  // the import left nothing
  EXPECT_EQ(Blockrt("lib publish lib:T:l").code, 0);
}

// Defect 25: broken OLX is refused when written, with path:line:col; an
// unknown link is an error; learners never see bundle uuids or paths.
TEST_F(HostileAuthoring, BrokenOlxIsRefusedPrecisely) {
  MakeLibrary();
  struct Case {
    const char* usage;
    const char* olx;
    const char* code;
    const char* message;  // a substring of the error
  } cases[] = {
      {"lb:T:l:html:h", "<html><p>", "parse_error", "html/h/definition.xml:1:"},
      {"lb:T:l:html:h", "not xml at all", "parse_error", "html/h/definition.xml:1:"},
      {"lb:T:l:html:h", "<problem/>", "invalid_argument",
       "html/h/definition.xml:1:1: error: Invalid root tag in OLX, expected html"},
      {"lb:T:l:unit:u", "<unit>\n  <xblock-include definition=\"html/ghost\"/>\n</unit>",
       "invalid_argument", "unit/u/definition.xml:2:3: error: include of html/ghost"},
      {"lb:T:l:unit:u", "<unit><xblock-include source=\"nolink\" definition=\"html/h\"/></unit>",
       "invalid_argument", "Link not found: nolink"},
  };
  for (const Case& c : cases) {
    json j = Json(std::string("lib set-olx ") + c.usage + " " + OlxFile("c.xml", c.olx));
    EXPECT_EQ(ErrorCode(j), c.code) << c.olx << ": " << j.dump();
    EXPECT_NE(ErrorMessage(j).find(c.message), std::string::npos) << c.olx << ": " << j.dump();
  }
  // add-block of an unknown type into the wrong folder and an import of
  // broken OLX are refused the same way, and nothing lands.
  fs::path bundle = dir_ / "broken";
  Write(bundle / "html/bad/definition.xml", "<problem/>");
  json imp = Json("lib import lib:T:l " + bundle.string() + " --merge");
  EXPECT_EQ(ErrorCode(imp), "invalid_argument") << imp.dump();
  EXPECT_EQ(Blockrt("lib get-olx lb:T:l:html:bad").code, 1);
  // What a learner sees of a child that cannot load reveals no bundle uuid.
  ASSERT_EQ(Blockrt("lib publish lib:T:l").code, 0);
  json lib = Json("lib list");
  std::string uuid = lib["libraries"][0]["bundle"];
  std::string html = Json("render lb:T:l:unit:u --user bob")["content"];
  EXPECT_EQ(html.find(uuid), std::string::npos);
}

}  // namespace
