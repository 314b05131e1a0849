// Corruption detection on read, verify, and garbage collection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/digest.h"
#include "store/store.h"
#include "store/testing/store_fixture.h"

namespace blockrt::store {
namespace {

using testing::StoreTest;

// Runs one statement directly on the database file, behind the store's back.
void Tamper(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(h);
}

TEST_F(StoreTest, CorruptedInlineBlobIsCorruptionNamingPathAndVersion) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"p/def.xml", "<problem/>"}, {"ok", "fine"}}), 1);
  Tamper(db_path(), "UPDATE blob SET inline_data = CAST('<problex/>' AS BLOB) WHERE digest = '" +
                        ContentDigest("<problem/>") + "'");
  auto r = store_->ReadFile(b, Ref::Version(1), "p/def.xml");
  ASSERT_EQ(r.status().code(), Status::Code::kCorruption);
  EXPECT_NE(r.status().message().find("p/def.xml"), std::string::npos);
  EXPECT_NE(r.status().message().find("v1"), std::string::npos);
  EXPECT_EQ(*store_->ReadFile(b, Ref::Version(1), "ok"), "fine");
  // Reads by digest verify the bytes just the same.
  EXPECT_EQ(store_->ReadBlob(ContentDigest("<problem/>")).status().code(),
            Status::Code::kCorruption);
  EXPECT_EQ(*store_->ReadBlob(ContentDigest("fine")), "fine");
  EXPECT_TRUE(store_->ReadBlob(ContentDigest("never stored")).status().IsNotFound());
  auto report = store_->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->blobs_checked, 2);
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].used_by, (std::vector<std::string>{"lib v1:p/def.xml"}));
}

TEST_F(StoreTest, CorruptedChunkAndMissingChunkAreDetected) {
  std::string big(2 * (1 << 20) + 7, 'q');
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"big", big}}), 1);
  ASSERT_TRUE(store_->Verify()->problems.empty());
  Tamper(db_path(), "UPDATE blob_chunk SET data = zeroblob(length(data)) WHERE seq = 1");
  EXPECT_EQ(store_->ReadFile(b, Ref::Latest(), "big").status().code(), Status::Code::kCorruption);
  EXPECT_EQ(store_->Verify()->problems.size(), 1u);
  Tamper(db_path(), "DELETE FROM blob_chunk WHERE seq = 1");
  auto r = store_->ReadFile(b, Ref::Latest(), "big");
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  auto report = store_->Verify();
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_NE(report->problems[0].message.find("missing"), std::string::npos);
}

TEST_F(StoreTest, BytesAreStoredOncePerStore) {
  std::string a = MakeBundle("a");
  std::string b = MakeBundle("b");
  ASSERT_EQ(CommitFiles(a, {{"x", "same bytes"}, {"y", "same bytes"}}), 1);
  ASSERT_EQ(CommitFiles(b, {{"z", "same bytes"}}), 1);
  EXPECT_EQ(store_->Verify()->blobs_checked, 1);
}

TEST_F(StoreTest, GcRemovesOnlyUnreferencedBlobs) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"kept", "v1"}}), 1);
  ASSERT_TRUE(store_->WriteFile(b, "scratch", "tmp", "draft only").ok());
  ASSERT_TRUE(store_->WriteFile(b, "scratch", "tmp", "replaced").ok());
  auto gc = store_->CollectGarbage();
  ASSERT_TRUE(gc.ok());
  EXPECT_EQ(gc->blobs_removed, 1);  // "draft only"
  EXPECT_EQ(gc->bytes_removed, 10);
  ASSERT_TRUE(store_->DiscardDraft(b, "scratch").ok());
  EXPECT_EQ(store_->CollectGarbage()->blobs_removed, 1);  // "replaced"
  EXPECT_EQ(store_->CollectGarbage()->blobs_removed, 0);
  EXPECT_EQ(*store_->ReadFile(b, Ref::Latest(), "kept"), "v1");
  EXPECT_TRUE(store_->Verify()->problems.empty());
}

TEST_F(StoreTest, DeletedBundleLeavesNoOrphanBlobs) {
  std::string lent = MakeBundle("lent");
  std::string user = MakeBundle("user");
  ASSERT_EQ(CommitFiles(lent, {{"a", "only in lent"}, {"b", "shared"}}), 1);
  ASSERT_TRUE(store_->SetLink(user, "d", "l", LinkTarget{lent, 1}).ok());
  ASSERT_EQ(CommitFiles(user, {{"c", "shared"}}, "d"), 1);
  Status refused = store_->DeleteBundle(lent);
  EXPECT_EQ(refused.code(), Status::Code::kFailedPrecondition) << refused.ToString();
  EXPECT_NE(refused.message().find("user"), std::string::npos);
  ASSERT_TRUE(store_->DeleteBundle(user).ok());
  ASSERT_TRUE(store_->WriteFile(lent, "scratch", "x", "draft bytes").ok());
  ASSERT_TRUE(store_->DeleteBundle(lent).ok());
  EXPECT_EQ(store_->GetBundle(lent).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(store_->DeleteBundle(lent).code(), Status::Code::kNotFound);
  auto gc = store_->CollectGarbage();
  ASSERT_TRUE(gc.ok());
  EXPECT_EQ(gc->blobs_removed, 3);
  EXPECT_EQ(store_->Verify()->blobs_checked, 0);
}

TEST_F(StoreTest, VerifyReportsBrokenStructure) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"a", "1"}}), 1);
  ASSERT_TRUE(store_->Verify()->problems.empty());
  Tamper(db_path(),
         "PRAGMA foreign_keys = OFF; UPDATE bundle SET latest_version = 2;"
         "UPDATE file_version SET blob_id = 999");
  auto report = store_->Verify();
  ASSERT_TRUE(report.ok());
  std::vector<std::string> messages;
  for (const auto& p : report->problems) messages.push_back(p.message);
  EXPECT_THAT(messages, ::testing::Contains(::testing::HasSubstr("1..latest_version")));
  EXPECT_THAT(messages, ::testing::Contains(::testing::HasSubstr("missing blob")));
}

TEST_F(StoreTest, RepointedOrMissingBlobIsCorruptionOnEveryRead) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"a", "one"}, {"b", "two"}}), 1);
  // a's row now names b's (sound) blob: every blob still hashes right.
  Tamper(db_path(),
         "PRAGMA foreign_keys = OFF; UPDATE file_version SET blob_id = (SELECT id FROM blob "
         "WHERE digest = '" +
             ContentDigest("two") +
             "') WHERE path_id = "
             "(SELECT id FROM path WHERE path = 'a')");
  EXPECT_EQ(store_->ReadFile(b, Ref::Latest(), "a").status().code(), Status::Code::kCorruption);
  EXPECT_EQ(store_->ListFiles(b, Ref::Latest()).status().code(), Status::Code::kCorruption);
  auto report = store_->Verify();
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_THAT(report->problems[0].used_by, ::testing::ElementsAre("lib v1:a"));
  // A missing blob row: the file must not vanish from the listing.
  Tamper(db_path(), "PRAGMA foreign_keys = OFF; DELETE FROM blob WHERE digest = '" +
                        ContentDigest("two") + "'");
  EXPECT_EQ(store_->ListFiles(b, Ref::Latest()).status().code(), Status::Code::kCorruption);
  EXPECT_EQ(store_->StatFile(b, Ref::Latest(), "b").status().code(), Status::Code::kCorruption);
}

TEST_F(StoreTest, BundleNamedByARecordIsOwned) {
  std::string b = MakeBundle("lib");
  auto info = store_->GetBundle(b);
  ASSERT_TRUE(info.ok());
  ASSERT_TRUE(
      store_->PutRecord("libraries", "lib:O:l", "{\"bundle\":\"" + info->uuid + "\"}").ok());
  Status st = store_->DeleteBundle(b);
  EXPECT_EQ(st.code(), Status::Code::kFailedPrecondition);
  EXPECT_THAT(st.message(), ::testing::HasSubstr("lib:O:l"));
  ASSERT_TRUE(store_->DeleteRecord("libraries", "lib:O:l").ok());
  EXPECT_TRUE(store_->DeleteBundle(b).ok());
}

TEST_F(StoreTest, NegativeSchemaVersionIsNotAStore) {
  store_.reset();
  Tamper(db_path(), "PRAGMA user_version = -1");
  auto r = Store::Open(db_path());
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption) << r.status().ToString();
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("unsupported schema version -1"));
}

TEST_F(StoreTest, OpenWithoutCreateNamesTheMissingFile) {
  StoreOptions o;
  o.create_if_missing = false;
  auto r = Store::Open(db_path() + ".typo", o);
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr(".typo"));
}

TEST_F(StoreTest, NewerSchemaIsRefused) {
  store_.reset();
  Tamper(db_path(), "PRAGMA user_version = 99");
  auto r = Store::Open(db_path());
  EXPECT_EQ(r.status().code(), Status::Code::kNotSupported) << r.status().ToString();
}

}  // namespace
}  // namespace blockrt::store
