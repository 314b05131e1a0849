// Hostile inputs, storecli group (issue 10, defects 12, 15, 20, 21, 22, 23,
// 26): the real binary driven the way an attacker or a careless user would.
// Each TEST names its defect; all failed before the fixes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

class HostileStoreCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("blockrt_hostile_storecli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "s.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `blockrt ARGS` in dir_ (with a 20 s timeout, so a runaway output
  // fails instead of filling the disk); stdout and stderr captured.
  CliRun Blockrt(const std::string& args) {
    std::string err_file = (dir_ / "stderr.txt").string();
    std::string cmd = "cd '" + dir_.string() + "' && umask 022 && timeout 20 " +
                      std::string(BLOCKRT_BINARY_DIR) + "/blockrt " + args + " 2>'" + err_file +
                      "'";
    FILE* p = ::popen(cmd.c_str(), "r");
    CliRun r{-1, {}, {}};
    if (p == nullptr) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0 && r.out.size() < (64 << 20)) {
      r.out.append(buf.data(), n);
    }
    int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream e(err_file);
    std::stringstream ss;
    ss << e.rdbuf();
    r.err = ss.str();
    return r;
  }
  // `blockrt store --db s.db ARGS`
  CliRun StoreCli(const std::string& args) { return Blockrt("store --db '" + db_ + "' " + args); }

  void Tamper(const std::string& sql) {
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &h), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(h);
  }
  void WriteFile(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
  }
  // A store with bundle "b": v1 holds a.txt ("one") and b.txt ("two").
  void TwoFileBundle() {
    ASSERT_EQ(StoreCli("init").code, 0);
    ASSERT_EQ(StoreCli("bundle create b").code, 0);
    WriteFile(dir_ / "one", "one");
    WriteFile(dir_ / "two", "two");
    ASSERT_EQ(StoreCli("draft write b a.txt one").code, 0);
    ASSERT_EQ(StoreCli("draft write b b.txt two").code, 0);
    ASSERT_EQ(StoreCli("commit b").code, 0);
  }
  // The JSON error line: exactly {"error":{"code":C,"message":...}}.
  static void ExpectErrorLine(const CliRun& r, const std::string& code) {
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r.out;
    ASSERT_TRUE(j.is_object()) << r.out;
    EXPECT_EQ(j.size(), 1u) << r.out;
    ASSERT_TRUE(j.contains("error")) << r.out;
    EXPECT_EQ(j["error"]["code"], code) << r.out;
    EXPECT_TRUE(j["error"]["message"].is_string()) << r.out;
    EXPECT_EQ(j["error"].size(), 2u) << r.out;
  }

  fs::path dir_;
  std::string db_;
};

// 12: demo --workdir DIR silently replaced DIR/library.db and keys.txt.
TEST_F(HostileStoreCli, Defect12DemoRefusesToReplaceEarlierOutput) {
  const std::string fixtures = std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/library";
  const std::string demo = "demo --workdir w --fixtures " + fixtures;
  ASSERT_EQ(Blockrt(demo).code, 0);
  auto db_size = fs::file_size(dir_ / "w/library.db");
  CliRun again = Blockrt(demo);
  EXPECT_EQ(again.code, 2);
  EXPECT_THAT(again.err, HasSubstr("library.db exists"));
  EXPECT_THAT(again.err, HasSubstr("--force"));
  EXPECT_EQ(fs::file_size(dir_ / "w/library.db"), db_size);
  // A repeated run with --force (what .ci/demo does) works.
  EXPECT_EQ(Blockrt(demo + " --force").code, 0);

  // Only keys.txt present, and it is a symlink to a file of the user's.
  fs::create_directories(dir_ / "w2");
  WriteFile(dir_ / "precious", "keep me");
  fs::create_symlink(dir_ / "precious", dir_ / "w2/keys.txt");
  EXPECT_EQ(Blockrt("demo --workdir w2 --fixtures " + fixtures).code, 2);
  EXPECT_FALSE(fs::exists(dir_ / "w2/library.db"));
  EXPECT_EQ(Blockrt("demo --workdir w2 --force --fixtures " + fixtures).code, 0);
  std::ifstream precious(dir_ / "precious");
  std::string kept((std::istreambuf_iterator<char>(precious)), {});
  EXPECT_EQ(kept, "keep me");  // --force removed the link, never wrote through it
  // A fresh workdir needs no flag.
  EXPECT_EQ(Blockrt("demo --workdir fresh --fixtures " + fixtures).code, 0);
}

// 15: a missing blob row made a file vanish; a repointed blob_id served another
// file's bytes and verify found nothing.
TEST_F(HostileStoreCli, Defect15RepointedBlobIsCorruption) {
  TwoFileBundle();
  Tamper(
      "PRAGMA foreign_keys = OFF; UPDATE file_version SET blob_id = "
      "(SELECT fv.blob_id FROM file_version fv JOIN path p ON p.id = fv.path_id "
      " WHERE p.path = 'b.txt') "
      "WHERE path_id = (SELECT id FROM path WHERE path = 'a.txt')");
  CliRun cat = StoreCli("--json cat b a.txt");
  EXPECT_EQ(cat.code, 1);
  ExpectErrorLine(cat, "corruption");
  EXPECT_THAT(cat.out, Not(HasSubstr("two")));
  EXPECT_EQ(StoreCli("ls b").code, 1);
  EXPECT_EQ(StoreCli("export b out").code, 1);
  EXPECT_FALSE(fs::exists(dir_ / "out"));
  CliRun verify = StoreCli("verify");
  EXPECT_EQ(verify.code, 1);
  EXPECT_THAT(verify.out, HasSubstr("b v1:a.txt"));
}

TEST_F(HostileStoreCli, Defect15RepointedDraftFileIsCorruption) {
  TwoFileBundle();
  WriteFile(dir_ / "three", "three");
  ASSERT_EQ(StoreCli("draft write b c.txt three").code, 0);
  Tamper(
      "PRAGMA foreign_keys = OFF; UPDATE draft_file SET blob_id = "
      "(SELECT fv.blob_id FROM file_version fv JOIN path p ON p.id = fv.path_id "
      " WHERE p.path = 'b.txt') WHERE path = 'c.txt'");
  EXPECT_EQ(StoreCli("cat b c.txt --draft studio_draft").code, 1);
  EXPECT_EQ(StoreCli("commit b").code, 1);  // a damaged draft row cannot publish
  CliRun verify = StoreCli("verify");
  EXPECT_EQ(verify.code, 1);
  EXPECT_THAT(verify.out, HasSubstr("c.txt"));
}

TEST_F(HostileStoreCli, Defect15MissingBlobIsCorruptionNotAVanishedFile) {
  TwoFileBundle();
  Tamper(
      "PRAGMA foreign_keys = OFF; DELETE FROM blob WHERE id = "
      "(SELECT fv.blob_id FROM file_version fv JOIN path p ON p.id = fv.path_id "
      " WHERE p.path = 'b.txt')");
  CliRun ls = StoreCli("--json ls b");
  EXPECT_EQ(ls.code, 1);
  ExpectErrorLine(ls, "corruption");
  EXPECT_THAT(ls.out, HasSubstr("b.txt"));
  EXPECT_EQ(StoreCli("cat b b.txt").code, 1);
  CliRun verify = StoreCli("verify");
  EXPECT_EQ(verify.code, 1);
  EXPECT_THAT(verify.out, HasSubstr("b v1:b.txt"));
}

// 20: numbers from the command line saturated ("keys gen 99999999999999999999"
// streamed forever); one range-checked parser reads all of them.
TEST_F(HostileStoreCli, Defect20NumbersAreRangeChecked) {
  ASSERT_EQ(StoreCli("init").code, 0);
  ASSERT_EQ(StoreCli("bundle create b").code, 0);
  ASSERT_EQ(Blockrt("lib create lib:O:l --db s.db").code, 0);
  WriteFile(dir_ / "keys.txt", "lb:O:l:html:a\n");
  const std::vector<std::string> kRefused = {
      "keys gen 99999999999999999999",
      "keys gen 18446744073709551616",
      "keys gen 1000000001",
      "keys gen 1-",
      "keys gen +5",
      "keys gen ' 5'",
      "keys gen 0x10",
      "keys gen 5x",
      "keys gen ''",
      "keys gen --seed 18446744073709551616 1",
      "keys gen --seed -1 1",
      "keys check --max-findings 99999999999999999999 keys.txt",
      "keys check --max-findings 1e3 keys.txt",
      "store --db s.db ls b --version 99999999999999999999",
      "store --db s.db ls b --version 0",
      "store --db s.db ls b --version -1",
      "store --db s.db commit b --expect-rev -1",
      "store --db s.db commit b --expect-rev 9223372036854775808",
      "load lb:O:l:html:a --db s.db --depth 65",
      "load lb:O:l:html:a --db s.db --depth 99999999999999999999",
      "load lb:O:l:html:a --db s.db --depth -1",
      "olx graph --max-depth 0 .",
      "olx graph --max-depth 4294967297 .",
  };
  for (const std::string& args : kRefused) {
    CliRun r = Blockrt(args);
    EXPECT_EQ(r.code, 2) << args << ": " << r.err;
    EXPECT_LT(r.out.size(), 100u) << args;
    EXPECT_THAT(r.err, HasSubstr("must be an integer in")) << args;
  }
  // link VERSION goes through the same parser (a refusal: exit 1).
  CliRun link = StoreCli("link set b x b 99999999999999999999");
  EXPECT_EQ(link.code, 1);
  EXPECT_THAT(link.err, HasSubstr("must be an integer in"));
  CliRun gen = Blockrt("keys gen --seed 18446744073709551615 3");
  EXPECT_EQ(gen.code, 0);
  EXPECT_EQ(std::count(gen.out.begin(), gen.out.end(), '\n'), 3);
}

// 21: read commands created an empty store and answered "not found".
TEST_F(HostileStoreCli, Defect21ReadsNeverCreateAStore) {
  const std::vector<std::string> kReads = {
      "lib list --db typo.db",
      "lib blocks lib:O:l --db typo.db",
      "lib status lib:O:l --db typo.db",
      "lib role lib:O:l bob learner --db typo.db",
      "load lb:O:l:html:a --db typo.db",
      "load lb:O:l:html:a --db typo.db --json",
      "render lb:O:l:html:a --db typo.db",
      "store --db typo.db bundle list",
      "store --db typo.db ls b",
  };
  for (const std::string& args : kReads) {
    CliRun r = Blockrt(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_THAT(r.out + r.err, HasSubstr("typo.db")) << args;
    EXPECT_FALSE(fs::exists(dir_ / "typo.db")) << args;
  }
  CliRun json = Blockrt("load lb:O:l:html:a --db typo.db --json");
  ExpectErrorLine(json, "io_error");
  // BLOCKRT_STORE names the file too.
  CliRun env = Blockrt("lib list");  // ./blockrt.db by default
  EXPECT_EQ(env.code, 2);
  EXPECT_FALSE(fs::exists(dir_ / "blockrt.db"));
  // Creating commands do create.
  EXPECT_EQ(Blockrt("lib create lib:O:l --db new.db").code, 0);
  EXPECT_TRUE(fs::exists(dir_ / "new.db"));
  EXPECT_EQ(Blockrt("store --db new2.db init").code, 0);
  EXPECT_TRUE(fs::exists(dir_ / "new2.db"));
}

// 22: deleting a library's bundle left a zombie library nothing repaired.
TEST_F(HostileStoreCli, Defect22OwnedBundleCannotBeDeleted) {
  ASSERT_EQ(Blockrt("lib create lib:O:l --db s.db").code, 0);
  CliRun del = StoreCli("--json bundle delete lib-O-l");
  EXPECT_EQ(del.code, 1);
  ExpectErrorLine(del, "failed_precondition");
  EXPECT_THAT(del.out, HasSubstr("lib:O:l"));
  EXPECT_EQ(Blockrt("lib status lib:O:l --db s.db").code, 0);  // still whole
  EXPECT_EQ(Blockrt("lib delete lib:O:l --db s.db").code, 0);
  EXPECT_THAT(Blockrt("lib list --db s.db").out, Not(HasSubstr("lib:O:l")));
  EXPECT_THAT(StoreCli("bundle list").out, Not(HasSubstr("lib-O-l")));
  EXPECT_EQ(Blockrt("lib delete lib:O:l --db s.db").code, 1);  // gone

  // Any record naming a bundle's uuid owns it.
  ASSERT_EQ(StoreCli("bundle create plain").code, 0);
  std::string uuid = StoreCli("bundle list").out.substr(0, 36);
  {
    auto store = blockrt::store::Store::Open(db_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->PutRecord("other.owner", "k", "{\"uses\":\"" + uuid + "\"}").ok());
    // A zombie as an older build left it: a library whose bundle is gone.
    ASSERT_TRUE((*store)
                    ->PutRecord("libraries", "lib:O:zombie",
                                "{\"bundle\":\"00000000-0000-4000-8000-000000000000\","
                                "\"title\":\"z\",\"allow_public_learning\":false,\"roles\":{}}")
                    .ok());
  }
  EXPECT_EQ(StoreCli("bundle delete plain").code, 1);
  EXPECT_EQ(Blockrt("lib delete lib:O:zombie --db s.db").code, 0);  // repaired
  EXPECT_THAT(Blockrt("lib list --db s.db").out, Not(HasSubstr("zombie")));
}

// 23: store accepted what it cannot export; --version 0 meant latest; export
// wrote into '.', through symlinks and with a 0700 root.
TEST_F(HostileStoreCli, Defect23StoreAcceptsOnlyExportableAndExportsSafely) {
  TwoFileBundle();
  const std::string seg255(255, 's'), seg256(256, 's');
  CliRun longseg = StoreCli("draft write b 'd/" + seg256 + "' one");
  EXPECT_EQ(longseg.code, 1);
  EXPECT_THAT(longseg.err, HasSubstr("255-byte limit"));
  EXPECT_EQ(StoreCli("draft write b 'd/" + std::string(500 - 2, 'x') + "' one").code, 1);
  ASSERT_EQ(StoreCli("draft write b 'd/" + seg255 + "' one").code, 0);
  ASSERT_EQ(StoreCli("commit b").code, 0);
  EXPECT_EQ(StoreCli("export b full").code, 0);  // what was accepted exports
  EXPECT_TRUE(fs::exists(dir_ / "full/d" / seg255));

  EXPECT_EQ(StoreCli("cat b a.txt --version 0").code, 2);

  fs::create_directories(dir_ / "sub");
  WriteFile(dir_ / "sub/mine", "x");
  for (const char* target : {".", "./", "..", "sub", "sub/.", "/"}) {
    EXPECT_EQ(StoreCli(std::string("export b ") + target).code, 1) << target;
  }
  fs::create_directories(dir_ / "elsewhere");
  fs::create_symlink(dir_ / "elsewhere", dir_ / "link");
  CliRun link = StoreCli("export b link");
  EXPECT_EQ(link.code, 1);
  EXPECT_THAT(link.err, HasSubstr("symbolic link"));
  EXPECT_TRUE(fs::is_empty(dir_ / "elsewhere"));
  EXPECT_TRUE(fs::is_symlink(dir_ / "link"));

  ASSERT_EQ(StoreCli("export b out").code, 0);
  auto mode = [](const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 07777;
  };
  EXPECT_EQ(mode(dir_ / "out"), 0755u);  // umask 022
  EXPECT_EQ(mode(dir_ / "out/d"), 0755u);
  EXPECT_EQ(mode(dir_ / "out/a.txt"), 0644u);
  for (const auto& e : fs::directory_iterator(dir_)) {
    EXPECT_THAT(e.path().filename().string(), Not(HasSubstr(".blockrt-export")));
  }
}

// 26: one exit-code map and one JSON error shape; odd user_version; extra args.
TEST_F(HostileStoreCli, Defect26OneErrorShapeAndExitMap) {
  ASSERT_EQ(StoreCli("init").code, 0);
  ASSERT_EQ(StoreCli("bundle create b").code, 0);
  ASSERT_EQ(Blockrt("lib create lib:O:l --db s.db").code, 0);
  // Not found, in every command family: exit 1, one shape.
  const std::vector<std::string> kNotFound = {
      "store --db s.db --json cat b nope",
      "lib --db s.db --json status lib:O:missing",
      "load lb:O:l:html:missing --db s.db --json",
      "render lb:O:l:html:missing --db s.db --json",
  };
  for (const std::string& args : kNotFound) {
    CliRun r = Blockrt(args);
    EXPECT_EQ(r.code, 1) << args;
    ExpectErrorLine(r, "not_found");
  }
  // NotSupported (a symlink in an imported folder) is a refusal everywhere.
  fs::create_directories(dir_ / "imp/html/a");
  WriteFile(dir_ / "imp/html/a/definition.xml", "<html/>");
  fs::create_symlink(dir_ / "imp/html/a/definition.xml", dir_ / "imp/html/a/link.xml");
  CliRun store_ns = StoreCli("--json import b imp");
  EXPECT_EQ(store_ns.code, 1);
  ExpectErrorLine(store_ns, "not_supported");
  CliRun lib_ns = Blockrt("lib import lib:O:l imp --db s.db --json");
  EXPECT_EQ(lib_ns.code, 1);
  EXPECT_THAT(lib_ns.out, Not(HasSubstr("\"ok\"")));
  // A missing course folder is an I/O error like a missing store.
  CliRun course = Blockrt("course load --json no/such/dir");
  EXPECT_EQ(course.code, 2);
  ExpectErrorLine(course, "io_error");

  // Unexpected extra positionals are usage errors.
  for (const char* args :
       {"store --db s.db init extra", "store --db s.db gc extra", "store --db s.db verify x",
        "lib list extra --db s.db", "keys gen 3 4", "course load a b"}) {
    EXPECT_EQ(Blockrt(args).code, 2) << args;
  }

  // A file with an odd user_version: a clear error, not SQLite's.
  for (const char* version : {"-1", "-2147483648"}) {
    Tamper(std::string("PRAGMA user_version = ") + version);
    for (const std::string& args :
         {std::string("store --db s.db bundle list"), std::string("lib list --db s.db")}) {
      CliRun r = Blockrt(args);
      EXPECT_EQ(r.code, 1) << args;
      EXPECT_THAT(r.err, HasSubstr("not a blockrt store")) << args;
      EXPECT_THAT(r.err, HasSubstr(std::string("schema version ") + version)) << args;
      EXPECT_THAT(r.err, Not(HasSubstr("sqlite"))) << args;
    }
    CliRun json = StoreCli("--json bundle list");
    ExpectErrorLine(json, "corruption");
  }
}

}  // namespace
