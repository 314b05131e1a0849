// Seed 003's Curveball 2 at the seed's keys: duplicating myLCB as dupeLCB
// maps Y and Z (still in the latest library) to DERIVE_ID(dupeLCB, ...) and
// W and X to ORIGINAL_ID_unlinked_copy, keeping every edit; an upgrade of the
// copy then keeps Y's override and learner state, takes the new content,
// removes the unlinked children and adds Q (the seed's final table).
#include "contexts/library_content/duplicate.h"

#include <gtest/gtest.h>

#include "contexts/library_content/seed_fixture.h"
#include "contexts/library_content/sync.h"
#include "contexts/user_state.h"

namespace blockrt::contexts::library_content {
namespace {

using testing::kLcb;
using Pair = std::pair<std::string, std::string>;

constexpr char kDupe[] = "block-v1:O+C+R+type@library_content+block@dupeLCB";
constexpr char kDupeW[] = "block-v1:O+C+R+type@problem+block@dd75dd6456dc1dda1959_unlinked_copy";
constexpr char kDupeX[] = "block-v1:O+C+R+type@problem+block@9453fbabeea318e2bd2b_unlinked_copy";
// DERIVE_ID("dupeLCB", lb:O:L:problem:libBlockY / Z / Q) (§5.4).
constexpr char kDupeY[] = "block-v1:O+C+R+type@problem+block@e9482c5e03532f838020";
constexpr char kDupeZ[] = "block-v1:O+C+R+type@problem+block@174809145d611e8c9847";
constexpr char kDupeQ[] = "block-v1:O+C+R+type@problem+block@49cbfcf5a0807f06ba43";

std::string Mapping(const DuplicateReport& r) {
  std::string out;
  for (const ChildMapping& m : r.children) {
    out += m.from.substr(m.from.rfind('@') + 1) + " -> " + m.to.substr(m.to.rfind('@') + 1) +
           (m.library_key.empty() ? "" : " " + m.library_key) + "\n";
  }
  return out;
}

class DuplicateTest : public testing::LibraryContentTest {
 protected:
  // The seed's course after its first table, with library version 6 out.
  void SeedCourse() {
    MakeSeedLibrary(/*with_six=*/true);
    ImportCourse();
    ASSERT_TRUE(SyncLibraryContent(*course_, *source_, K(kLcb).view(), {}).ok());
    ASSERT_TRUE(course_->SetField(K(testing::kX).view(), "display_name", "override title X").ok());
    ASSERT_TRUE(course_->SetField(K(testing::kY).view(), "display_name", "override title Y").ok());
    ASSERT_TRUE(
        course_->SetField(K(testing::kY).view(), "data", "<problem>yyy_edit</problem>").ok());
    ASSERT_TRUE(
        course_->SetField(K(testing::kZ).view(), "data", "<problem>zzz_edit</problem>").ok());
  }
};

TEST_F(DuplicateTest, TheSeedsMappingThenUpgradeOfTheCopy) {
  SeedCourse();
  const std::string expected =
      "dd75dd6456dc1dda1959 -> dd75dd6456dc1dda1959_unlinked_copy\n"
      "9453fbabeea318e2bd2b -> 9453fbabeea318e2bd2b_unlinked_copy\n"
      "b3d312f305384ebf7054 -> e9482c5e03532f838020 lb:O:L:problem:libBlockY\n"
      "a01ad4ead41dc4782711 -> 174809145d611e8c9847 lb:O:L:problem:libBlockZ\n";
  Result<DuplicateReport> map =
      MapLibraryContentChildren(*course_, *source_, K(kLcb).view(), "dupeLCB");
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EXPECT_EQ(Mapping(*map), expected);
  EXPECT_EQ(map->library_version, 6);
  EXPECT_TRUE(map->files.empty());
  EXPECT_EQ(ChildrenOf("block-v1:O+C+R+type@vertical+block@unit"),
            (std::vector<std::string>{kLcb}));  // the mapping wrote nothing

  Result<DuplicateReport> dupe =
      DuplicateLibraryContent(*course_, *source_, K(kLcb).view(), std::string("dupeLCB"));
  ASSERT_TRUE(dupe.ok()) << dupe.status().ToString();
  EXPECT_EQ(Mapping(*dupe), expected);
  EXPECT_EQ(ChildrenOf("block-v1:O+C+R+type@vertical+block@unit"),
            (std::vector<std::string>{kLcb, kDupe}));
  EXPECT_EQ(ChildrenOf(kDupe), (std::vector<std::string>{kDupeW, kDupeX, kDupeY, kDupeZ}));
  // Every edit remains (the seed's "Edit remains!!").
  EXPECT_EQ(Shown(kDupeW), Pair("title W", "<problem>www</problem>"));
  EXPECT_EQ(Shown(kDupeX), Pair("override title X", "<problem>xxx</problem>"));
  EXPECT_EQ(Shown(kDupeY), Pair("override title Y", "<problem>yyy_edit</problem>"));
  EXPECT_EQ(Shown(kDupeZ), Pair("title Z", "<problem>zzz_edit</problem>"));
  auto view = course_->Tree(testing::kCourse);
  ASSERT_TRUE(view.ok());
  const olx::CourseBlock* d = (*view)->Find(kDupe);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(*d->definition.attribute("source_library_version"), "5");
  EXPECT_EQ(*d->definition.attribute("source_library_id"), "lib:O:L");
  // The original is untouched.
  EXPECT_EQ(Shown(testing::kY), Pair("override title Y", "<problem>yyy_edit</problem>"));

  // A learner's state of the copy's Y survives its upgrade.
  ASSERT_TRUE(WriteUserState(*store_, "ada", kDupeY, {{"attempts", "3"}}).ok());
  SyncOptions upgrade;
  upgrade.version = SyncOptions::Version::kLatest;
  Result<SyncReport> up = SyncLibraryContent(*course_, *source_, K(kDupe).view(), upgrade);
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  EXPECT_EQ(ChildrenOf(kDupe), (std::vector<std::string>{kDupeQ, kDupeY, kDupeZ}));
  EXPECT_EQ(Shown(kDupeY), Pair("override title Y", "<problem>yyy</problem>"));
  EXPECT_EQ(Shown(kDupeZ), Pair("title Z", "<problem>zzz_updated</problem>"));
  EXPECT_EQ(Shown(kDupeQ), Pair("title Q", "<problem>qqq</problem>"));
  EXPECT_EQ(Shown(kDupeW).first, "<missing>");
  EXPECT_EQ(Shown(kDupeX).first, "<missing>");
  auto state = ReadUserState(*store_, "ada", kDupeY);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->at("attempts"), "3");
  // myLCB still holds version 5's four children.
  EXPECT_EQ(ChildrenOf(kLcb).size(), 4u);
}

TEST_F(DuplicateTest, RandomIdsTakenIdsAndAGoneLibrary) {
  SeedCourse();
  Result<DuplicateReport> a = DuplicateLibraryContent(*course_, *source_, K(kLcb).view());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  const std::string id = a->copy.substr(a->copy.rfind('@') + 1);
  EXPECT_EQ(id.size(), 32u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  EXPECT_NE(RandomBlockId(), RandomBlockId());
  // The copy sits right after its source.
  EXPECT_EQ(ChildrenOf("block-v1:O+C+R+type@vertical+block@unit"),
            (std::vector<std::string>{kLcb, a->copy}));

  // A second copy: its unlinked ids are made unique with its own id.
  Result<DuplicateReport> b =
      DuplicateLibraryContent(*course_, *source_, K(kLcb).view(), std::string("second"));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->children[0].to,
            "block-v1:O+C+R+type@problem+block@dd75dd6456dc1dda1959_unlinked_copy_second");
  EXPECT_EQ(b->children[2].to.find("_unlinked"), std::string::npos) << b->children[2].to;
  EXPECT_NE(b->children[2].to, kDupeY);  // derived under "second", not dupeLCB
  EXPECT_FALSE(b->children[2].library_key.empty());

  Result<DuplicateReport> taken = DuplicateLibraryContent(*course_, *source_, K(kLcb).view(), id);
  EXPECT_EQ(taken.status().code(), Status::Code::kAlreadyExists) << taken.status().ToString();
  Result<DuplicateReport> bad =
      DuplicateLibraryContent(*course_, *source_, K(kLcb).view(), std::string("bad id!"));
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument) << bad.status().ToString();

  // The library gone: nothing links, every child is an unlinked copy.
  ASSERT_TRUE(v2a_->DeleteLibrary(testing::kLibrary).ok());
  Result<DuplicateReport> gone =
      MapLibraryContentChildren(*course_, *source_, K(kLcb).view(), "other");
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_EQ(gone->library_version, 0);
  for (const ChildMapping& m : gone->children) {
    EXPECT_NE(m.to.find("_unlinked_copy"), std::string::npos) << m.to;
    EXPECT_TRUE(m.library_key.empty());
  }
  Result<DuplicateReport> not_lcb = MapLibraryContentChildren(
      *course_, *source_, K("block-v1:O+C+R+type@vertical+block@unit").view(), "x");
  EXPECT_EQ(not_lcb.status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace blockrt::contexts::library_content
