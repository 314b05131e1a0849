#include "olx/file_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace blockrt::olx {
namespace {

namespace fs = std::filesystem;

// The same tree, on disk and in memory.
const std::vector<std::pair<std::string, std::string>> kTree = {
    {"course.xml", "<course/>"},
    {"a.xml", "A"},
    {"a/b.xml", "AB"},
    {"a/c/d.xml", "ACD"},
    {"a/c/e.xml", "ACE"},
    {"a0.xml", "A0"},  // sorts after "a/" subtree's skip key: must still be listed
    {"drafts/problem/p.xml", "<problem/>"},
    {"empty.txt", ""},
};

class FileSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("blockrt_file_source_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    for (const auto& [rel, bytes] : kTree) {
      fs::create_directories((dir_ / rel).parent_path());
      std::ofstream(dir_ / rel, std::ios::binary) << bytes;
      ASSERT_TRUE(memory_.Put(rel, bytes).ok()) << rel;
    }
    fs::create_directories(dir_ / "emptydir");  // only the disk has it: memory dirs are implied
    disk_ = OpenDirectorySource(dir_.string());
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  // Named like the directory, so both sources' messages are the same text.
  MemoryFileSource memory_{
      (fs::temp_directory_path() / ("blockrt_file_source_" + std::to_string(::getpid()))).string() +
      "/"};
  std::unique_ptr<FileSource> disk_;
};

TEST_F(FileSourceTest, ReadsAgreeAcrossSources) {
  struct Case {
    std::string rel;
    Status::Code code;
  } cases[] = {
      {"course.xml", Status::Code::kOk},
      {"a/c/d.xml", Status::Code::kOk},
      {"empty.txt", Status::Code::kOk},
      {"none.xml", Status::Code::kNotFound},
      {"a/none.xml", Status::Code::kNotFound},
      {"none/x.xml", Status::Code::kNotFound},
      {"a.xml/x", Status::Code::kNotFound},  // a file used as a directory
      {"a/c", Status::Code::kIOError},       // a directory is not a file
      {"", Status::Code::kInvalidArgument},
      {"../x.xml", Status::Code::kInvalidArgument},
      {"a/../a.xml", Status::Code::kInvalidArgument},
      {"./a.xml", Status::Code::kInvalidArgument},
      {"/etc/passwd", Status::Code::kInvalidArgument},
      {"a//b.xml", Status::Code::kInvalidArgument},
      {"a\\b.xml", Status::Code::kInvalidArgument},
      {"a/", Status::Code::kInvalidArgument},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.rel);
    std::string from_disk = "stale", from_memory = "stale";
    Status d = disk_->Read(c.rel, 1 << 20, &from_disk);
    Status m = memory_.Read(c.rel, 1 << 20, &from_memory);
    EXPECT_EQ(d.code(), c.code) << d.message();
    EXPECT_EQ(m.code(), c.code) << m.message();
    EXPECT_EQ(d.message(), m.message());
    if (c.code == Status::Code::kOk) {
      EXPECT_EQ(from_disk, from_memory);
    } else {
      EXPECT_NE(d.message().find(disk_->Describe(c.rel)), std::string::npos) << d.message();
    }
  }
}

TEST_F(FileSourceTest, OversizeFilesAreRefused) {
  for (const FileSource* src :
       {static_cast<const FileSource*>(disk_.get()), static_cast<const FileSource*>(&memory_)}) {
    std::string out;
    Status st = src->Read("a/c/d.xml", 2, &out);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(st.message().find("3 bytes, over the 2-byte limit"), std::string::npos)
        << st.message();
    EXPECT_TRUE(src->Read("a/c/d.xml", 3, &out).ok());
    EXPECT_EQ(out, "ACD");
  }
}

TEST_F(FileSourceTest, KindsAndListingsAgree) {
  struct Case {
    std::string rel;
    bool file, dir;
    std::vector<std::string> files, dirs;
  } cases[] = {
      {"", false, true, {"a.xml", "a0.xml", "course.xml", "empty.txt"}, {"a", "drafts"}},
      {"a", false, true, {"b.xml"}, {"c"}},
      {"a/c", false, true, {"d.xml", "e.xml"}, {}},
      {"drafts", false, true, {}, {"problem"}},
      {"a.xml", true, false, {}, {}},
      {"none", false, false, {}, {}},
      {"../a", false, false, {}, {}},
      {"a/", false, false, {}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.rel);
    for (const FileSource* src :
         {static_cast<const FileSource*>(disk_.get()), static_cast<const FileSource*>(&memory_)}) {
      EXPECT_EQ(src->IsFile(c.rel), c.file);
      EXPECT_EQ(src->IsDirectory(c.rel), c.dir);
      EXPECT_EQ(src->ListFiles(c.rel), c.files);
      std::vector<std::string> dirs = src->ListDirectories(c.rel);
      dirs.erase(std::remove(dirs.begin(), dirs.end(), "emptydir"), dirs.end());
      EXPECT_EQ(dirs, c.dirs);
    }
  }
  EXPECT_EQ(disk_->ListDirectories(""), (std::vector<std::string>{"a", "drafts", "emptydir"}));
}

TEST_F(FileSourceTest, DescribeNamesTheFullPath) {
  EXPECT_EQ(disk_->Describe(""), dir_.string() + "/");
  EXPECT_EQ(disk_->Describe("a/b.xml"), dir_.string() + "/a/b.xml");
  EXPECT_EQ(OpenDirectorySource(dir_.string() + "/")->Describe("x"), dir_.string() + "/x");
  EXPECT_EQ(MemoryFileSource().Describe("a/b.xml"), "memory:a/b.xml");
}

TEST_F(FileSourceTest, SymlinksOutOfTheRootAreRefused) {
  fs::path outside = dir_.string() + "_outside";
  fs::create_directories(outside);
  std::ofstream(outside / "secret.xml") << "secret";
  fs::create_symlink(outside / "secret.xml", dir_ / "a" / "leak.xml");
  fs::create_symlink("../a.xml", dir_ / "a" / "inside.xml");
  std::string out;
  Status st = disk_->Read("a/leak.xml", 1 << 20, &out);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument) << st.message();
  EXPECT_NE(st.message().find("leads out of"), std::string::npos) << st.message();
  EXPECT_FALSE(disk_->IsFile("a/leak.xml"));
  EXPECT_TRUE(disk_->Read("a/inside.xml", 1 << 20, &out).ok());
  EXPECT_EQ(out, "A");
  fs::remove_all(outside);
}

TEST_F(FileSourceTest, MissingDirectoryIsEmpty) {
  auto missing = OpenDirectorySource(dir_.string() + "/none");
  std::string out;
  EXPECT_EQ(missing->Read("course.xml", 100, &out).code(), Status::Code::kNotFound);
  EXPECT_FALSE(missing->IsFile("course.xml"));
  EXPECT_TRUE(missing->ListFiles("").empty());
  EXPECT_TRUE(missing->ListDirectories("").empty());
}

TEST_F(FileSourceTest, CopyFilesCopiesTheTree) {
  MemoryFileSource copy;
  ASSERT_TRUE(CopyFiles(*disk_, 1 << 20, &copy).ok());
  EXPECT_EQ(copy.files(), memory_.files());
  MemoryFileSource small;
  EXPECT_EQ(CopyFiles(*disk_, 2, &small).code(), Status::Code::kInvalidArgument);
}

TEST(MemoryFileSourceTest, PutRefusesUnsafeAndConflictingPaths) {
  MemoryFileSource m;
  ASSERT_TRUE(m.Put("a/b.xml", "x").ok());
  struct Case {
    std::string rel;
    bool ok;
  } cases[] = {
      {"a/b.xml", true},  // replaces
      {"a/c.xml", true},
      {"", false},
      {"../x", false},
      {"a//b", false},
      {"/abs", false},
      {"a", false},          // implied directory
      {"a/b.xml/c", false},  // below a file
      {std::string("a\0b", 3), false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.rel);
    Status st = m.Put(c.rel, "y");
    EXPECT_EQ(st.ok(), c.ok) << st.message();
    if (!c.ok) {
      EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    }
  }
  std::string out;
  ASSERT_TRUE(m.Read("a/b.xml", 10, &out).ok());
  EXPECT_EQ(out, "y");
  EXPECT_TRUE(m.Remove("a/b.xml"));
  EXPECT_FALSE(m.Remove("a/b.xml"));
  EXPECT_EQ(m.Read("a/b.xml", 10, &out).code(), Status::Code::kNotFound);
  EXPECT_EQ(m.ListFiles("a"), std::vector<std::string>{"c.xml"});
  EXPECT_TRUE(m.Remove("a/c.xml"));
  EXPECT_FALSE(m.IsDirectory("a"));  // no file left below it
}

TEST(ListSortedPathsTest, ListsDirectChildren) {
  // "a/b.c/x" sorts before "a/b/c" ('.' < '/'), yet "b" lists before "b.c".
  std::vector<std::string> paths = {"a.xml", "a/b.c/x", "a/b/c", "a/b/d", "a/b0",
                                    "a0",    "b/x",     "ba/y",  "c"};
  std::sort(paths.begin(), paths.end());
  size_t calls = 0;
  SortedPathLookup lookup = [&](std::string_view key) -> std::optional<std::string_view> {
    ++calls;
    auto it = std::lower_bound(paths.begin(), paths.end(), key,
                               [](const std::string& p, std::string_view k) { return p < k; });
    if (it == paths.end()) return std::nullopt;
    return std::string_view(*it);
  };
  struct Case {
    std::string dir;
    bool dirs;
    std::vector<std::string> want;
  } cases[] = {
      {"", false, {"a.xml", "a0", "c"}},
      {"", true, {"a", "b", "ba"}},
      {"a", false, {"b0"}},
      {"a", true, {"b", "b.c"}},
      {"a/b", false, {"c", "d"}},
      {"a/b", true, {}},
      {"b", false, {"x"}},
      {"c", false, {}},
      {"none", true, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.dir + (c.dirs ? " dirs" : " files"));
    EXPECT_EQ(ListSortedPaths(lookup, c.dir, c.dirs), c.want);
  }
}

// A subtree costs one lookup, whatever its size: a snapshot of ~40,000 paths
// lists its root in a handful of calls.
TEST(ListSortedPathsTest, SkipsSubtreesInOneLookup) {
  std::vector<std::string> paths = {"course.xml"};
  for (int i = 0; i < 10000; ++i) paths.push_back("problem/p" + std::to_string(i) + ".xml");
  for (int i = 0; i < 10000; ++i) paths.push_back("html/h" + std::to_string(i) + ".xml");
  std::sort(paths.begin(), paths.end());
  size_t calls = 0;
  SortedPathLookup lookup = [&](std::string_view key) -> std::optional<std::string_view> {
    ++calls;
    auto it = std::lower_bound(paths.begin(), paths.end(), key,
                               [](const std::string& p, std::string_view k) { return p < k; });
    if (it == paths.end()) return std::nullopt;
    return std::string_view(*it);
  };
  EXPECT_EQ(ListSortedPaths(lookup, "", true), (std::vector<std::string>{"html", "problem"}));
  EXPECT_LE(calls, 4u);
  calls = 0;
  EXPECT_EQ(ListSortedPaths(lookup, "", false), std::vector<std::string>{"course.xml"});
  EXPECT_LE(calls, 4u);
}

}  // namespace
}  // namespace blockrt::olx
