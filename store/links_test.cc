// Links between bundles: pinning, closure, and the errors Blockstore missed.
#include <gtest/gtest.h>

#include "store/store.h"
#include "store/testing/store_fixture.h"

namespace blockrt::store {
namespace {

using testing::StoreTest;

TEST_F(StoreTest, LinksArePinnedAndFrozenWithTransitiveClosure) {
  std::string c = MakeBundle("c");
  std::string b = MakeBundle("b");
  std::string a = MakeBundle("a");
  ASSERT_EQ(CommitFiles(c, {{"f", "c"}}), 1);
  ASSERT_TRUE(store_->SetLink(b, "d", "to_c", LinkTarget{c, 1}).ok());
  ASSERT_EQ(CommitFiles(b, {{"f", "b"}}, "d"), 1);
  ASSERT_TRUE(store_->SetLink(a, "d", "to_b", LinkTarget{b, 1}).ok());
  ASSERT_EQ(CommitFiles(a, {{"f", "a"}}, "d"), 1);
  auto links = store_->ListLinks(a, Ref::Latest());
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].name, "to_b");
  EXPECT_EQ((*links)[0].direct, (LinkTarget{b, 1}));
  EXPECT_EQ((*links)[0].indirect, (std::vector<LinkTarget>{{c, 1}}));
  // A later file-only version keeps the frozen link set.
  ASSERT_EQ(CommitFiles(a, {{"g", "a2"}}, "d"), 2);
  EXPECT_EQ(store_->ListLinks(a, Ref::Version(2))->size(), 1u);
  // Removing it is a new version; the old one still has it.
  ASSERT_TRUE(store_->RemoveLink(a, "d", "to_b").ok());
  EXPECT_TRUE(store_->ListLinks(a, Ref::Draft("d"))->empty());
  ASSERT_EQ(*store_->Commit(a, "d"), 3);
  EXPECT_TRUE(store_->ListLinks(a, Ref::Latest())->empty());
  EXPECT_EQ(store_->ListLinks(a, Ref::Version(1))->size(), 1u);
}

TEST_F(StoreTest, BadLinksAreRejectedWithReasons) {
  std::string a = MakeBundle("a");
  std::string b = MakeBundle("b");
  std::string unpublished = MakeBundle("u");
  ASSERT_EQ(CommitFiles(a, {{"f", "a"}}), 1);
  ASSERT_TRUE(store_->SetLink(b, "d", "to_a", LinkTarget{a, 1}).ok());
  ASSERT_EQ(CommitFiles(b, {{"f", "b"}}, "d"), 1);
  struct Case {
    std::string name;
    LinkTarget target;
    Status::Code code;
    std::string says;
  };
  const Case kCases[] = {
      {"self", {a, 1}, Status::Code::kInvalidArgument, "itself"},
      {"cycle", {b, 1}, Status::Code::kFailedPrecondition, "cycle"},
      {"gone", {"00000000-0000-4000-8000-000000000000", 1}, Status::Code::kNotFound, "no bundle"},
      {"nover", {b, 7}, Status::Code::kNotFound, "no version 7"},
      {"unpub", {unpublished, 1}, Status::Code::kNotFound, "no version 1"},
      {"", {b, 1}, Status::Code::kInvalidArgument, "empty"},
  };
  for (const Case& c : kCases) {
    Status st = store_->SetLink(a, "studio_draft", c.name, c.target);
    EXPECT_EQ(st.code(), c.code) << c.name << ": " << st.ToString();
    EXPECT_NE(st.message().find(c.says), std::string::npos) << st.message();
  }
}

TEST_F(StoreTest, DuplicateLinkNameNeedsReplace) {
  std::string a = MakeBundle("a");
  std::string t = MakeBundle("t");
  ASSERT_EQ(CommitFiles(t, {{"f", "1"}}), 1);
  ASSERT_EQ(CommitFiles(t, {{"f", "2"}}), 2);
  ASSERT_TRUE(store_->SetLink(a, "d", "lib", LinkTarget{t, 1}).ok());
  EXPECT_TRUE(store_->SetLink(a, "d", "lib", LinkTarget{t, 1}).ok());  // same target: no-op
  Status dup = store_->SetLink(a, "d", "lib", LinkTarget{t, 2});
  EXPECT_EQ(dup.code(), Status::Code::kAlreadyExists) << dup.ToString();
  ASSERT_TRUE(store_->SetLink(a, "d", "lib", LinkTarget{t, 2}, /*replace=*/true).ok());
  EXPECT_EQ((*store_->ListLinks(a, Ref::Draft("d")))[0].direct.version, 2);
  EXPECT_EQ(store_->RemoveLink(a, "d", "nope").code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace blockrt::store
