#include "olx/internal/root_dir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "olx/internal/file_io.h"

namespace blockrt::olx::internal {
namespace {

namespace fs = std::filesystem;

class RootDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("blockrt_rootdir_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "problem" / "deep");
    Put("course.xml", "<course/>");
    Put("problem/p1.xml", "<problem/>");
    Put("problem/deep/p2.xml", "<problem>2</problem>");
    root_ = dir_.string() + "/";
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Put(const std::string& rel, const std::string& text) {
    std::ofstream(dir_ / rel, std::ios::binary) << text;
  }
  fs::path dir_;
  std::string root_;
};

// Every way a safe relative path can be resolved gives what a full-path read
// gives: bytes, status code and message.
TEST_F(RootDirTest, ReadsLikeFullPaths) {
  RootDir root(root_);
  for (std::string rel : {"course.xml", "problem/p1.xml", "problem/deep/p2.xml", "problem/none.xml",
                          "none/p1.xml", "problem", "course.xml/x"}) {
    SCOPED_TRACE(rel);
    std::string got = "stale";
    Status st = root.Read(rel, 1 << 20, &got);
    Result<std::string> want = ReadFile(root_ + rel, 1 << 20);
    ASSERT_EQ(st.ok(), want.ok());
    if (st.ok()) {
      EXPECT_EQ(got, *want);
    } else {
      EXPECT_EQ(st.code(), want.status().code());
      EXPECT_EQ(st.message(), want.status().message());
    }
    EXPECT_EQ(root.IsRegularFile(rel), IsRegularFile(root_ + rel));
    EXPECT_EQ(root.IsDirectory(rel), IsDirectory(root_ + rel));
  }
  std::string big;
  EXPECT_EQ(root.Read("problem/p1.xml", 4, &big).code(), Status::Code::kInvalidArgument);
}

// Paths the rule refuses (olx_path.h) are never opened, existing or not.
TEST_F(RootDirTest, UnsafePathsAreRefused) {
  RootDir root(root_);
  for (std::string rel :
       std::vector<std::string>{"problem/", "./course.xml", "../x.xml", "problem/../course.xml", "",
                                "problem//p1.xml", root_ + "course.xml"}) {
    SCOPED_TRACE(rel);
    std::string got;
    Status st = root.Read(rel, 1 << 20, &got);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(st.message().find("unsafe path"), std::string::npos) << st.message();
    EXPECT_FALSE(root.IsRegularFile(rel));
    EXPECT_FALSE(root.IsDirectory(rel));
  }
}

// Symlinks are followed while they stay below the root (also from one
// first-level directory into another), and refused when they leave it.
TEST_F(RootDirTest, SymlinksOutOfTheRootAreRefused) {
  fs::path outside = dir_.string() + "_outside";
  fs::create_directories(outside);
  std::ofstream(outside / "secret.txt") << "secret";
  fs::create_directories(dir_ / "html");
  fs::create_symlink(outside / "secret.txt", dir_ / "problem" / "abs.xml");
  fs::create_symlink("../../" + outside.filename().string() + "/secret.txt",
                     dir_ / "problem" / "rel.xml");
  fs::create_symlink(outside, dir_ / "static");
  fs::create_symlink("../problem/p1.xml", dir_ / "html" / "inside.xml");
  RootDir root(root_);
  std::string got;
  for (std::string rel : {"problem/abs.xml", "problem/rel.xml", "static/secret.txt"}) {
    SCOPED_TRACE(rel);
    Status st = root.Read(rel, 100, &got);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(st.message().find("leads out of"), std::string::npos) << st.message();
    EXPECT_FALSE(root.IsRegularFile(rel));
  }
  ASSERT_TRUE(root.Read("html/inside.xml", 100, &got).ok());
  EXPECT_EQ(got, "<problem/>");
  EXPECT_FALSE(root.CopyTo("static", dir_.string() + "_copy").ok());
  fs::remove_all(outside);
  fs::remove_all(dir_.string() + "_copy");
}

TEST_F(RootDirTest, AMissingRoot) {
  std::string got;
  RootDir missing(root_ + "nope/");
  EXPECT_TRUE(missing.Read("course.xml", 100, &got).IsNotFound());
  EXPECT_FALSE(missing.IsRegularFile("course.xml"));
}

// Descriptors stay bounded however many first-level directories an export has.
TEST_F(RootDirTest, ManySubdirectories) {
  for (int i = 0; i < 100; ++i) {
    fs::create_directories(dir_ / ("d" + std::to_string(i)));
    Put("d" + std::to_string(i) + "/f.xml", std::to_string(i));
  }
  RootDir root(root_);
  for (int i = 0; i < 100; ++i) {
    std::string got;
    ASSERT_TRUE(root.Read("d" + std::to_string(i) + "/f.xml", 100, &got).ok()) << i;
    EXPECT_EQ(got, std::to_string(i));
  }
}

// Listings follow symlinks (as std::filesystem's status did), skip dangling
// ones and come back sorted.
TEST_F(RootDirTest, ListingsFollowSymlinksAndSort) {
  Put("b.xml", "b");
  Put("a.xml", "a");
  fs::create_symlink(dir_ / "a.xml", dir_ / "c_link.xml");
  fs::create_symlink(dir_ / "problem", dir_ / "z_dir_link");
  fs::create_symlink(dir_ / "missing", dir_ / "dangling");
  EXPECT_EQ(ListFiles(root_),
            (std::vector<std::string>{"a.xml", "b.xml", "c_link.xml", "course.xml"}));
  EXPECT_EQ(ListDirectories(root_), (std::vector<std::string>{"problem", "z_dir_link"}));
  EXPECT_TRUE(ListFiles(root_ + "nope").empty());
}

}  // namespace
}  // namespace blockrt::olx::internal
