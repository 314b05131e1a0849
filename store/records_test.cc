// The generic record table and multi-write transactions.
#include <gtest/gtest.h>

#include <thread>

#include "store/store.h"
#include "store/testing/store_fixture.h"

namespace blockrt::store {
namespace {

using testing::StoreTest;

TEST_F(StoreTest, RecordsPutGetListDelete) {
  ASSERT_TRUE(store_->PutRecord("library", "lib:MITx:a", "{\"bundle\":1}").ok());
  ASSERT_TRUE(store_->PutRecord("library", "lib:MITx:b", std::string("bin\0ary", 7)).ok());
  ASSERT_TRUE(store_->PutRecord("library", "lib:Other:c", "x").ok());
  ASSERT_TRUE(store_->PutRecord("state", "lib:MITx:a", "other table").ok());
  EXPECT_EQ(*store_->GetRecord("library", "lib:MITx:b"), std::string("bin\0ary", 7));
  ASSERT_TRUE(store_->PutRecord("library", "lib:MITx:a", "v2").ok());
  EXPECT_EQ(*store_->GetRecord("library", "lib:MITx:a"), "v2");
  auto mitx = store_->ListRecords("library", "lib:MITx:");
  ASSERT_TRUE(mitx.ok());
  ASSERT_EQ(mitx->size(), 2u);
  EXPECT_EQ((*mitx)[0].key, "lib:MITx:a");
  EXPECT_EQ(store_->ListRecords("library")->size(), 3u);
  ASSERT_TRUE(store_->DeleteRecord("library", "lib:MITx:a").ok());
  EXPECT_EQ(store_->GetRecord("library", "lib:MITx:a").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(store_->DeleteRecord("library", "lib:MITx:a").code(), Status::Code::kNotFound);
}

TEST_F(StoreTest, RecordTableNamesAreChecked) {
  for (const char* bad : {"", "Upper", "with space", "semi;colon"}) {
    EXPECT_EQ(store_->PutRecord(bad, "k", "v").code(), Status::Code::kInvalidArgument) << bad;
  }
  EXPECT_EQ(store_->PutRecord("t", "", "v").code(), Status::Code::kInvalidArgument);
}

TEST_F(StoreTest, TransactCommitsAllOrNothing) {
  std::string b = MakeBundle("lib");
  Status failed = store_->Transact([&]() -> Status {
    BLOCKRT_RETURN_IF_ERROR(store_->PutRecord("library", "lib:x:y", b));
    BLOCKRT_RETURN_IF_ERROR(store_->WriteFile(b, "studio_draft", "a", "1"));
    return Status::Conflict("caller changed its mind");
  });
  EXPECT_EQ(failed.code(), Status::Code::kConflict);
  EXPECT_FALSE(store_->GetRecord("library", "lib:x:y").ok());
  EXPECT_FALSE(store_->DraftExists(b, "studio_draft"));
  Status ok = store_->Transact([&]() -> Status {
    BLOCKRT_RETURN_IF_ERROR(store_->PutRecord("library", "lib:x:y", b));
    // A failing inner call rolls back only itself.
    EXPECT_FALSE(store_->WriteFile(b, "studio_draft", "bad//path", "1").ok());
    EXPECT_FALSE(store_->Commit(b, "nope").ok());
    BLOCKRT_RETURN_IF_ERROR(store_->WriteFile(b, "studio_draft", "a", "1"));
    return store_->Commit(b, "studio_draft").status();
  });
  ASSERT_TRUE(ok.ok()) << ok.ToString();
  EXPECT_TRUE(store_->GetRecord("library", "lib:x:y").ok());
  EXPECT_EQ(*store_->ReadFile(b, Ref::Latest(), "a"), "1");
}

TEST_F(StoreTest, WriterBlockedPastBusyTimeoutGetsConflict) {
  std::string b = MakeBundle("lib");
  StoreOptions impatient;
  impatient.busy_timeout_ms = 50;
  auto other = Store::Open(db_path(), impatient);
  ASSERT_TRUE(other.ok());
  Status inner;
  Status outer = store_->Transact([&]() -> Status {
    BLOCKRT_RETURN_IF_ERROR(store_->WriteFile(b, "studio_draft", "mine", "1"));
    // A second connection cannot write while this transaction holds the lock.
    inner = (*other)->WriteFile(b, "studio_draft", "theirs", "2");
    // ...but it can still read the last committed state.
    EXPECT_TRUE((*other)->GetBundle(b).ok());
    return Status::OK();
  });
  ASSERT_TRUE(outer.ok()) << outer.ToString();
  EXPECT_EQ(inner.code(), Status::Code::kConflict) << inner.ToString();
  EXPECT_TRUE((*other)->WriteFile(b, "studio_draft", "theirs", "2").ok());
  EXPECT_EQ(store_->ListFiles(b, Ref::Draft("studio_draft"))->size(), 2u);
}

TEST_F(StoreTest, TwoThreadsShareOneStore) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"a", "alpha"}}), 1);
  auto reader = [&](int n, int* good) {
    for (int i = 0; i < n; ++i) {
      auto r = store_->ReadFile(b, Ref::Latest(), "a");
      if (r.ok() && *r == "alpha") ++*good;
      store_->PutRecord("state", "k" + std::to_string(i % 7), "v").ok();
    }
  };
  int g1 = 0, g2 = 0;
  std::thread t1(reader, 300, &g1), t2(reader, 300, &g2);
  t1.join();
  t2.join();
  EXPECT_EQ(g1 + g2, 600);
}

}  // namespace
}  // namespace blockrt::store
