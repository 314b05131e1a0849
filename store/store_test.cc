// Bundles, drafts, commits and reads through the public Store API.
#include "store/store.h"

#include <gtest/gtest.h>

#include "store/digest.h"
#include "store/testing/store_fixture.h"

namespace blockrt::store {
namespace {

using testing::StoreTest;

TEST_F(StoreTest, CreateAndFindBundleByUuidOrSlug) {
  NewBundle nb;
  nb.slug = "physics";
  nb.title = "Physics";
  nb.description = "Waves";
  auto b = store_->CreateBundle(nb);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->latest_version, 0);
  EXPECT_EQ(b->uuid.size(), 36u);
  EXPECT_EQ(b->uuid[14], '4');
  for (const std::string& id : {b->uuid, std::string("physics")}) {
    auto got = store_->GetBundle(id);
    ASSERT_TRUE(got.ok()) << id;
    EXPECT_EQ(got->uuid, b->uuid);
    EXPECT_EQ(got->title, "Physics");
    EXPECT_EQ(got->description, "Waves");
  }
  auto all = store_->ListBundles();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

TEST_F(StoreTest, CreateBundleRejectsBadInput) {
  MakeBundle("taken");
  struct Case {
    NewBundle spec;
    Status::Code code;
  };
  NewBundle dup_uuid;
  dup_uuid.slug = "other";
  dup_uuid.uuid = store_->GetBundle("taken")->uuid;
  const Case kCases[] = {
      {{"", "", "t", ""}, Status::Code::kInvalidArgument},
      {{"", "taken", "t", ""}, Status::Code::kAlreadyExists},
      {dup_uuid, Status::Code::kAlreadyExists},
      {{"", "has space", "t", ""}, Status::Code::kInvalidArgument},
      {{"NOT-A-UUID", "x", "t", ""}, Status::Code::kInvalidArgument},
      {{"", "12345678-1234-4234-8234-123456789abc", "t", ""}, Status::Code::kInvalidArgument},
      {{"", "x", std::string(501, 't'), ""}, Status::Code::kInvalidArgument},
      {{"", "x", "bad \xff utf8", ""}, Status::Code::kInvalidArgument},
  };
  for (const Case& c : kCases) {
    auto r = store_->CreateBundle(c.spec);
    ASSERT_FALSE(r.ok()) << c.spec.slug;
    EXPECT_EQ(r.status().code(), c.code) << r.status().ToString();
  }
  EXPECT_EQ(store_->GetBundle("nope").status().code(), Status::Code::kNotFound);
}

TEST_F(StoreTest, DraftReadsFallThroughToBaseVersion) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"a.xml", "A1"}, {"b.xml", "B1"}}), 1);
  ASSERT_TRUE(store_->WriteFile(b, "studio_draft", "a.xml", "A2").ok());
  EXPECT_EQ(*store_->ReadFile(b, Ref::Draft("studio_draft"), "a.xml"), "A2");
  EXPECT_EQ(*store_->ReadFile(b, Ref::Draft("studio_draft"), "b.xml"), "B1");
  EXPECT_EQ(*store_->ReadFile(b, Ref::Latest(), "a.xml"), "A1");
  EXPECT_EQ(*store_->ReadFile(b, Ref::Version(1), "a.xml"), "A1");
  auto st = store_->StatFile(b, Ref::Draft("studio_draft"), "a.xml");
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->digest, ContentDigest("A2"));
  EXPECT_EQ(st->size, 2);
}

TEST_F(StoreTest, VersionsAreImmutableSnapshots) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"a", "1"}, {"b", "1"}}), 1);
  ASSERT_EQ(CommitFiles(b, {{"a", "2"}}), 2);
  ASSERT_TRUE(store_->DeleteFile(b, "studio_draft", "b").ok());
  ASSERT_EQ(CommitFiles(b, {{"c", "3"}}), 3);
  struct Expect {
    int64_t version;
    std::vector<std::string> paths;
    std::string a;
  };
  const Expect kExpect[] = {
      {1, {"a", "b"}, "1"},
      {2, {"a", "b"}, "2"},
      {3, {"a", "c"}, "2"},
  };
  for (const Expect& e : kExpect) {
    auto files = store_->ListFiles(b, Ref::Version(e.version));
    ASSERT_TRUE(files.ok());
    std::vector<std::string> paths;
    for (const FileInfo& f : *files) paths.push_back(f.path);
    EXPECT_EQ(paths, e.paths) << "v" << e.version;
    EXPECT_EQ(*store_->ReadFile(b, Ref::Version(e.version), "a"), e.a);
  }
  EXPECT_EQ(store_->ReadFile(b, Ref::Version(3), "b").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(store_->ReadFile(b, Ref::Version(4), "a").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(store_->GetBundle(b)->latest_version, 3);
  auto versions = store_->ListVersions(b);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 3u);
  EXPECT_EQ((*versions)[2].files_changed, 2);  // deleted b, added c
}

TEST_F(StoreTest, UnchangedCommitIsAnErrorNotADuplicate) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"a", "1"}}), 1);
  auto again = store_->Commit(b, "studio_draft");
  EXPECT_EQ(again.status().code(), Status::Code::kFailedPrecondition);
  // Writing the published bytes back is not a change either.
  ASSERT_TRUE(store_->WriteFile(b, "studio_draft", "a", "1").ok());
  EXPECT_FALSE(*store_->HasChanges(b, "studio_draft"));
  ASSERT_TRUE(store_->WriteFile(b, "studio_draft", "a", "2").ok());
  ASSERT_TRUE(store_->WriteFile(b, "studio_draft", "a", "1").ok());
  EXPECT_FALSE(*store_->HasChanges(b, "studio_draft"));
  EXPECT_EQ(store_->Commit(b, "studio_draft").status().code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ(store_->ListVersions(b)->size(), 1u);
}

TEST_F(StoreTest, PartialCommitKeepsTheRest) {
  std::string b = MakeBundle("lib");
  ASSERT_TRUE(store_->WriteFile(b, "d", "x", "X").ok());
  ASSERT_TRUE(store_->WriteFile(b, "d", "y", "Y").ok());
  CommitOptions only_x;
  only_x.paths = {"x"};
  only_x.change_description = "just x";
  only_x.author = "ada";
  auto v = store_->Commit(b, "d", only_x);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(store_->FileExists(b, Ref::Latest(), "x"));
  EXPECT_FALSE(store_->FileExists(b, Ref::Latest(), "y"));
  EXPECT_TRUE(store_->FileExists(b, Ref::Draft("d"), "y"));
  auto diff = store_->Diff(b, "d");
  ASSERT_EQ(diff->size(), 1u);
  EXPECT_EQ((*diff)[0].name, "y");
  auto info = store_->GetVersion(b, 1);
  EXPECT_EQ(info->change_description, "just x");
  EXPECT_EQ(info->author, "ada");
  CommitOptions missing;
  missing.paths = {"x"};
  EXPECT_EQ(store_->Commit(b, "d", missing).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(StoreTest, DiffClassifiesChanges) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"keep", "k"}, {"mod", "m"}, {"del", "d"}}), 1);
  ASSERT_TRUE(store_->WriteFile(b, "studio_draft", "mod", "m2").ok());
  ASSERT_TRUE(store_->WriteFile(b, "studio_draft", "new", "n").ok());
  ASSERT_TRUE(store_->DeleteFile(b, "studio_draft", "del").ok());
  auto diff = store_->Diff(b, "studio_draft");
  ASSERT_TRUE(diff.ok());
  ASSERT_EQ(diff->size(), 3u);
  EXPECT_EQ((*diff)[0].name, "del");
  EXPECT_EQ((*diff)[0].kind, DraftChange::Kind::kDeleted);
  EXPECT_EQ((*diff)[1].kind, DraftChange::Kind::kModified);
  EXPECT_EQ((*diff)[2].kind, DraftChange::Kind::kAdded);
  EXPECT_EQ(store_->DeleteFile(b, "studio_draft", "del").code(), Status::Code::kNotFound);
}

TEST_F(StoreTest, DiscardDropsDraft) {
  std::string b = MakeBundle("lib");
  ASSERT_TRUE(store_->WriteFile(b, "tmp", "a", "1").ok());
  EXPECT_TRUE(store_->DraftExists(b, "tmp"));
  ASSERT_TRUE(store_->DiscardDraft(b, "tmp").ok());
  EXPECT_FALSE(store_->DraftExists(b, "tmp"));
  EXPECT_EQ(store_->DiscardDraft(b, "tmp").code(), Status::Code::kNotFound);
  EXPECT_EQ(store_->ReadFile(b, Ref::Draft("tmp"), "a").status().code(), Status::Code::kNotFound);
}

TEST_F(StoreTest, HistoryListsVersionsThatTouchedAPath) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"a", "1"}, {"b", "1"}}), 1);
  ASSERT_EQ(CommitFiles(b, {{"b", "2"}}), 2);
  ASSERT_EQ(CommitFiles(b, {{"a", "3"}}), 3);
  ASSERT_TRUE(store_->DeleteFile(b, "studio_draft", "a").ok());
  ASSERT_EQ(*store_->Commit(b, "studio_draft"), 4);
  auto h = store_->History(b, "a");
  ASSERT_TRUE(h.ok());
  std::vector<int64_t> versions;
  for (const auto& [v, f] : *h) versions.push_back(v.version);
  EXPECT_EQ(versions, (std::vector<int64_t>{1, 3, 4}));
  EXPECT_EQ(h->back().second.size, -1);
  EXPECT_EQ(store_->History(b, "zzz").status().code(), Status::Code::kNotFound);
}

TEST_F(StoreTest, ExpectedRevisionDetectsLostUpdate) {
  std::string b = MakeBundle("lib");
  auto d = store_->CreateDraft(b, "studio_draft");
  ASSERT_TRUE(d.ok());
  int64_t seen = d->revision;
  WriteOptions wo;
  wo.expected_revision = seen;
  ASSERT_TRUE(store_->WriteFile(b, "studio_draft", "a", "mine", wo).ok());
  Status st = store_->WriteFile(b, "studio_draft", "b", "stale", wo);
  EXPECT_EQ(st.code(), Status::Code::kConflict) << st.ToString();
  CommitOptions co;
  co.expected_revision = seen;
  EXPECT_EQ(store_->Commit(b, "studio_draft", co).status().code(), Status::Code::kConflict);
  EXPECT_EQ(store_->CreateDraft(b, "studio_draft").status().code(), Status::Code::kAlreadyExists);
}

TEST_F(StoreTest, CommitOnStaleBaseMergesOrConflicts) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"shared", "0"}, {"other", "0"}}), 1);
  ASSERT_TRUE(store_->WriteFile(b, "alice", "shared", "alice").ok());
  ASSERT_TRUE(store_->WriteFile(b, "bob", "shared", "bob").ok());
  ASSERT_TRUE(store_->WriteFile(b, "carol", "other", "carol").ok());
  ASSERT_EQ(*store_->Commit(b, "alice"), 2);
  auto lost = store_->Commit(b, "bob");
  EXPECT_EQ(lost.status().code(), Status::Code::kConflict) << lost.status().ToString();
  auto merged = store_->Commit(b, "carol");
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(*store_->ReadFile(b, Ref::Version(3), "shared"), "alice");
  EXPECT_EQ(*store_->ReadFile(b, Ref::Version(3), "other"), "carol");
}

TEST_F(StoreTest, FileAndDirectoryCannotShareAName) {
  std::string b = MakeBundle("lib");
  ASSERT_TRUE(store_->WriteFile(b, "d", "a/b", "1").ok());
  EXPECT_EQ(store_->WriteFile(b, "d", "a", "x").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(store_->WriteFile(b, "d", "a/b/c", "x").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(store_->WriteFile(b, "d", "../a", "x").code(), Status::Code::kInvalidArgument);
}

TEST_F(StoreTest, ListFilesFiltersByPrefix) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"html/a", "1"}, {"html/b", "2"}, {"htmlx", "3"}, {"p/a", "4"}}), 1);
  ASSERT_TRUE(store_->WriteFile(b, "studio_draft", "html/c", "5").ok());
  auto files = store_->ListFiles(b, Ref::Draft("studio_draft"), "html/");
  ASSERT_TRUE(files.ok());
  std::vector<std::string> paths;
  for (const auto& f : *files) paths.push_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"html/a", "html/b", "html/c"}));
}

TEST_F(StoreTest, LargeFileRoundTripsInChunks) {
  std::string big(3 * (1 << 20) + 12345, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 131) ^ (i >> 9));
  testing::WriteWholeFile(tmp_.path() / "big.bin", big);
  std::string b = MakeBundle("lib");
  ASSERT_TRUE(store_->WriteFileFromDisk(b, "d", "big.bin", tmp_.File("big.bin")).ok());
  ASSERT_TRUE(store_->WriteFile(b, "d", "big2.bin", big).ok());
  auto s1 = store_->StatFile(b, Ref::Draft("d"), "big.bin");
  auto s2 = store_->StatFile(b, Ref::Draft("d"), "big2.bin");
  EXPECT_EQ(s1->digest, ContentDigest(big));
  EXPECT_EQ(s1->digest, s2->digest);
  size_t chunks = 0;
  std::string streamed;
  ASSERT_TRUE(store_
                  ->ReadFileTo(b, Ref::Draft("d"), "big.bin",
                               [&](std::string_view c) {
                                 ++chunks;
                                 streamed.append(c);
                                 return Status::OK();
                               })
                  .ok());
  EXPECT_EQ(chunks, 4u);
  EXPECT_EQ(streamed, big);
  EXPECT_EQ(store_->WriteFileFromDisk(b, "d", "x", tmp_.File("absent")).code(),
            Status::Code::kIOError);
}

TEST_F(StoreTest, ReopenedStoreSeesCommittedState) {
  std::string b = MakeBundle("lib");
  ASSERT_EQ(CommitFiles(b, {{"a", "1"}}), 1);
  store_.reset();
  auto again = Store::Open(db_path());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*(*again)->ReadFile("lib", Ref::Latest(), "a"), "1");
}

TEST_F(StoreTest, OpenRejectsForeignAndMissingFiles) {
  testing::WriteWholeFile(tmp_.path() / "junk.db", std::string(4096, 'j'));
  EXPECT_FALSE(Store::Open(tmp_.File("junk.db")).ok());
  StoreOptions no_create;
  no_create.create_if_missing = false;
  EXPECT_EQ(Store::Open(tmp_.File("absent.db"), no_create).status().code(), Status::Code::kIOError);
  StoreOptions ro;
  ro.read_only = true;
  auto r = Store::Open(db_path(), ro);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->CreateBundle(NewBundle{"", "x", "t", ""}).status().code(),
            Status::Code::kPermissionDenied);
}

}  // namespace
}  // namespace blockrt::store
