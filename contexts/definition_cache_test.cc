#include "contexts/definition_cache.h"

#include <gtest/gtest.h>

#include "contexts/bundle_snapshots.h"
#include "store/store.h"
#include "store/testing/store_fixture.h"

namespace blockrt::contexts {
namespace {

// A store in a fresh temporary directory (the store tests' fixture).
class DefinitionCacheTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    uuid_ = MakeBundle("b");
  }
  std::string uuid_;
};

// A draft written after its snapshot was listed: the load through the old
// snapshot sees the new bytes (drafts are read by path), but they must not be
// cached under the old digest, nor kept as the old snapshot's definition.
TEST_F(DefinitionCacheTest, AWriteAfterTheListingIsCachedUnderItsOwnDigest) {
  const char* path = "html/h1/definition.xml";
  ASSERT_TRUE(store_->WriteFile(uuid_, "studio_draft", path, "<html>old</html>").ok());
  BundleSnapshots snapshots(store_.get());
  auto old_snap = snapshots.Draft(uuid_, "studio_draft");
  ASSERT_TRUE(old_snap.ok());
  ASSERT_EQ((*old_snap)->files.size(), 1u);
  const std::string old_digest = (*old_snap)->files[0].digest;

  ASSERT_TRUE(store_->WriteFile(uuid_, "studio_draft", path, "<html>new</html>").ok());
  DefinitionCache cache;
  auto def = cache.Load(*store_, **old_snap, path);
  ASSERT_TRUE(def.ok());
  EXPECT_EQ(*(*def)->data(), "new");
  EXPECT_EQ(cache.Find(old_digest), nullptr);
  EXPECT_EQ(cache.Held(**old_snap, 0), nullptr);

  snapshots.Invalidate(uuid_);
  auto new_snap = snapshots.Draft(uuid_, "studio_draft");
  ASSERT_TRUE(new_snap.ok());
  auto again = cache.Find((*new_snap)->files[0].digest);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(*again->data(), "new");
  // Unchanged files are still kept in their snapshot's slot.
  ASSERT_TRUE(cache.Load(*store_, **new_snap, path).ok());
  EXPECT_NE(cache.Held(**new_snap, 0), nullptr);
}

}  // namespace
}  // namespace blockrt::contexts
