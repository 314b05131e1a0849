// Import of a directory tree into a draft and byte-identical export.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "store/store.h"
#include "store/testing/store_fixture.h"

namespace blockrt::store {
namespace {

namespace fs = std::filesystem;
using testing::StoreTest;

const fs::path kSample = fs::path(BLOCKRT_SOURCE_DIR) / "fixtures/store/sample_bundle";

// relative path -> bytes of every regular file under `root`.
std::map<std::string, std::string> Tree(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) {
      out[e.path().lexically_relative(root).generic_string()] = testing::ReadWholeFile(e.path());
    }
  }
  return out;
}

TEST_F(StoreTest, ImportCommitExportRoundTripsByteForByte) {
  std::string b = MakeBundle("sample");
  auto stats = store_->ImportDirectory(b, "studio_draft", kSample.string());
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  auto want = Tree(kSample);
  ASSERT_GE(want.size(), 6u);
  EXPECT_EQ(stats->files_seen, static_cast<int64_t>(want.size()));
  EXPECT_EQ(stats->files_changed, static_cast<int64_t>(want.size()));
  fs::path draft_out = tmp_.path() / "draft_out";
  ASSERT_TRUE(store_->ExportDirectory(b, Ref::Draft("studio_draft"), draft_out.string()).ok());
  EXPECT_EQ(Tree(draft_out), want);
  ASSERT_EQ(*store_->Commit(b, "studio_draft"), 1);
  fs::path v1_out = tmp_.path() / "v1_out";
  auto n = store_->ExportDirectory(b, Ref::Version(1), v1_out.string());
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, static_cast<int64_t>(want.size()));
  EXPECT_EQ(Tree(v1_out), want);
  // Importing the same tree again changes nothing.
  auto again = store_->ImportDirectory(b, "studio_draft", v1_out.string());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->files_changed, 0);
  EXPECT_FALSE(*store_->HasChanges(b, "studio_draft"));
}

TEST_F(StoreTest, MirrorImportDeletesMissingFiles) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"old/gone.xml", "x"}, {"kept.xml", "k"}}), 1);
  fs::path src = tmp_.path() / "src";
  testing::WriteWholeFile(src / "kept.xml", "k");
  testing::WriteWholeFile(src / "old", "now a file");
  auto stats = store_->ImportDirectory(b, "studio_draft", src.string());
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->files_deleted, 1);
  EXPECT_EQ(stats->files_changed, 1);
  ASSERT_EQ(*store_->Commit(b, "studio_draft"), 2);
  EXPECT_EQ(*store_->ReadFile(b, Ref::Latest(), "old"), "now a file");
  ImportOptions keep;
  keep.mirror = false;
  fs::path extra = tmp_.path() / "extra";
  testing::WriteWholeFile(extra / "new.xml", "n");
  ASSERT_TRUE(store_->ImportDirectory(b, "studio_draft", extra.string(), keep).ok());
  EXPECT_EQ(store_->ListFiles(b, Ref::Draft("studio_draft"))->size(), 3u);
}

TEST_F(StoreTest, ImportFailureLeavesDraftUntouched) {
  std::string b = MakeBundle("lib");
  fs::path src = tmp_.path() / "src";
  testing::WriteWholeFile(src / "a.xml", "a");
  fs::create_symlink(src / "a.xml", src / "link.xml");
  auto r = store_->ImportDirectory(b, "studio_draft", src.string());
  EXPECT_EQ(r.status().code(), Status::Code::kNotSupported) << r.status().ToString();
  EXPECT_NE(r.status().message().find("link.xml"), std::string::npos);
  EXPECT_FALSE(store_->DraftExists(b, "studio_draft"));
  EXPECT_EQ(store_->ImportDirectory(b, "d", (tmp_.path() / "absent").string()).status().code(),
            Status::Code::kIOError);
}

TEST_F(StoreTest, ExportRefusesNonEmptyTargetAndLeavesNoTemp) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"a", "1"}}), 1);
  fs::path busy = tmp_.path() / "busy";
  testing::WriteWholeFile(busy / "mine.txt", "precious");
  auto r = store_->ExportDirectory(b, Ref::Latest(), busy.string());
  EXPECT_EQ(r.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ(testing::ReadWholeFile(busy / "mine.txt"), "precious");
  EXPECT_EQ(
      store_->ExportDirectory(b, Ref::Version(9), (tmp_.path() / "v9").string()).status().code(),
      Status::Code::kNotFound);
  for (const auto& e : fs::directory_iterator(tmp_.path())) {
    EXPECT_EQ(e.path().filename().string().find(".blockrt-export"), std::string::npos);
  }
  fs::create_directory(tmp_.path() / "empty");
  EXPECT_TRUE(store_->ExportDirectory(b, Ref::Latest(), (tmp_.path() / "empty").string()).ok());
  EXPECT_EQ(testing::ReadWholeFile(tmp_.path() / "empty" / "a"), "1");
}

}  // namespace
}  // namespace blockrt::store
