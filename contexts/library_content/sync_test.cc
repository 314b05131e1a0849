// library_content sync and upgrade on seed 003's scenario, at the seed's
// keys: the first sync writes the copies, course overrides and content edits
// show, an upgrade keeps the overrides of the kept children and takes the new
// defaults and content, removes W and X and adds Q; dry runs write nothing;
// errors are the reference's.
#include "contexts/library_content/sync.h"

#include <gtest/gtest.h>

#include "contexts/library_content/seed_fixture.h"

namespace blockrt::contexts::library_content {
namespace {

using testing::kLcb;
using testing::kQ;
using testing::kW;
using testing::kX;
using testing::kY;
using testing::kZ;
using testing::LibraryContentTest;

using Pair = std::pair<std::string, std::string>;

std::string Plan(const SyncReport& r) {
  std::string out;
  for (const ChildPlan& c : r.children) {
    out += std::string(c.depth, ' ') + c.usage_key.substr(c.usage_key.rfind('@') + 1) + " " +
           std::string(olx::CopyActionName(c.action)) + " " + c.library_key;
    for (const std::string& o : c.overrides) out += " +" + o;
    if (c.defaults_changed) out += " defaults";
    if (c.content_changed) out += " content";
    if (c.content_edits_discarded) out += " discards-edits";
    out += "\n";
  }
  return out;
}

class SyncTest : public LibraryContentTest {
 protected:
  Result<SyncReport> Sync(SyncOptions options = {}, const std::string& lcb = kLcb) {
    return SyncLibraryContent(*course_, *source_, K(lcb).view(), options);
  }
  // Seed table 1: the course's overrides and content edits after the sync.
  void EditLikeTheSeed() {
    ASSERT_TRUE(course_->SetField(K(kX).view(), "display_name", "override title X").ok());
    ASSERT_TRUE(course_->SetField(K(kY).view(), "display_name", "override title Y").ok());
    ASSERT_TRUE(course_->SetField(K(kY).view(), "data", "<problem>yyy_edit</problem>").ok());
    ASSERT_TRUE(course_->SetField(K(kZ).view(), "data", "<problem>zzz_edit</problem>").ok());
  }
};

TEST_F(SyncTest, FirstSyncThenTheSeedsFirstTable) {
  MakeSeedLibrary();
  ImportCourse();
  Result<SyncReport> r = Sync();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->from_version, "5");
  EXPECT_EQ(r->to_version, 5);
  EXPECT_EQ(Plan(*r),
            "dd75dd6456dc1dda1959 added lb:O:L:problem:libBlockW\n"
            "9453fbabeea318e2bd2b added lb:O:L:problem:libBlockX\n"
            "b3d312f305384ebf7054 added lb:O:L:problem:libBlockY\n"
            "a01ad4ead41dc4782711 added lb:O:L:problem:libBlockZ\n");
  EXPECT_EQ(ChildrenOf(kLcb), (std::vector<std::string>{kW, kX, kY, kZ}));
  // A sync at the same version changes nothing.
  r = Sync();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->files.empty()) << r->files.front();
  EditLikeTheSeed();
  // What the user sees (the seed's first table).
  EXPECT_EQ(Shown(kW), Pair("title W", "<problem>www</problem>"));
  EXPECT_EQ(Shown(kX), Pair("override title X", "<problem>xxx</problem>"));
  EXPECT_EQ(Shown(kY), Pair("override title Y", "<problem>yyy_edit</problem>"));
  EXPECT_EQ(Shown(kZ), Pair("title Z", "<problem>zzz_edit</problem>"));

  // A sync makes the children copies again: content edits go (v1's rule;
  // a dry run says so), overrides stay.
  SyncOptions dry;
  dry.dry_run = true;
  r = Sync(dry);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Plan(*r),
            "dd75dd6456dc1dda1959 kept lb:O:L:problem:libBlockW\n"
            "9453fbabeea318e2bd2b kept lb:O:L:problem:libBlockX +display_name\n"
            "b3d312f305384ebf7054 kept lb:O:L:problem:libBlockY +display_name content "
            "discards-edits\n"
            "a01ad4ead41dc4782711 kept lb:O:L:problem:libBlockZ content discards-edits\n");
}

TEST_F(SyncTest, UpgradeKeepsOverridesTakesNewContentRemovesAndAdds) {
  MakeSeedLibrary(/*with_six=*/true);
  ImportCourse();
  ASSERT_TRUE(Sync().ok());
  EditLikeTheSeed();

  SyncOptions dry;
  dry.version = SyncOptions::Version::kLatest;
  dry.dry_run = true;
  Result<SyncReport> plan = Sync(dry);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->to_version, 6);
  EXPECT_EQ(Plan(*plan),
            "08f8ef494fd7a878005d added lb:O:L:problem:libBlockQ\n"
            "b3d312f305384ebf7054 kept lb:O:L:problem:libBlockY +display_name content "
            "discards-edits\n"
            "a01ad4ead41dc4782711 kept lb:O:L:problem:libBlockZ content discards-edits\n"
            "dd75dd6456dc1dda1959 removed lb:O:L:problem:libBlockW\n"
            "9453fbabeea318e2bd2b removed lb:O:L:problem:libBlockX +display_name\n");
  EXPECT_EQ(plan->files.size(), 6u);  // LCB, Y, Z, Q written; W, X removed
  // ... and nothing was written.
  EXPECT_EQ(ChildrenOf(kLcb), (std::vector<std::string>{kW, kX, kY, kZ}));
  EXPECT_EQ(Shown(kY), Pair("override title Y", "<problem>yyy_edit</problem>"));

  SyncOptions upgrade;
  upgrade.version = SyncOptions::Version::kLatest;
  Result<SyncReport> r = Sync(upgrade);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Plan(*r), Plan(*plan));
  // In library order: a v2 library's top-level blocks go by key.
  EXPECT_EQ(ChildrenOf(kLcb), (std::vector<std::string>{kQ, kY, kZ}));
  EXPECT_EQ(Shown(kW).first, "<missing>");
  EXPECT_EQ(Shown(kX).first, "<missing>");
  EXPECT_EQ(Shown(kY), Pair("override title Y", "<problem>yyy</problem>"));
  EXPECT_EQ(Shown(kZ), Pair("title Z", "<problem>zzz_updated</problem>"));
  EXPECT_EQ(Shown(kQ), Pair("title Q", "<problem>qqq</problem>"));
  auto view = course_->Tree(testing::kCourse);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(*(*view)->Find(kLcb)->definition.attribute("source_library_version"), "6");
  // The pinned version is now 6: a plain sync changes nothing.
  r = Sync();
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->files.empty());
}

// The reference's validation ladder, as far as sync goes: a plain sync stays
// at the pinned version; an upgrade moves to the latest.
TEST_F(SyncTest, PlainSyncStaysPinnedUpgradeMoves) {
  MakeSeedLibrary(/*with_six=*/true);
  ImportCourse();
  ASSERT_TRUE(Sync().ok());
  Result<SyncReport> r = Sync();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->to_version, 5);
  SyncOptions exact;
  exact.version = SyncOptions::Version::kExact;
  exact.exact = 6;
  r = Sync(exact);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->to_version, 6);
  // In library order: a v2 library's top-level blocks go by key.
  EXPECT_EQ(ChildrenOf(kLcb), (std::vector<std::string>{kQ, kY, kZ}));
  // Back to 5: the removed children come back, at the same keys.
  exact.exact = 5;
  ASSERT_TRUE(Sync(exact).ok());
  EXPECT_EQ(ChildrenOf(kLcb), (std::vector<std::string>{kW, kX, kY, kZ}));
}

TEST_F(SyncTest, NoVersionPinnedSyncsTheLatest) {
  MakeSeedLibrary(/*with_six=*/true);
  ImportCourse(testing::SeedCourse(" source_library_id=\"lib:O:L\""));
  Result<SyncReport> r = Sync();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->from_version, "");
  EXPECT_EQ(r->to_version, 6);
}

TEST_F(SyncTest, Errors) {
  MakeSeedLibrary();
  struct Case {
    std::string name, lcb_attributes;
    SyncOptions options;
    std::string lcb;
    Status::Code code;
    std::string message;
  };
  SyncOptions v99;
  v99.version = SyncOptions::Version::kExact;
  v99.exact = 99;
  const Case cases[] = {
      {"no library",
       "",
       {},
       kLcb,
       Status::Code::kFailedPrecondition,
       "Source content library has not been specified."},
      {"missing library",
       " source_library_id=\"lib:O:NOPE\"",
       {},
       kLcb,
       Status::Code::kNotFound,
       "Source content library does not exist: lib:O:NOPE"},
      {"missing version", " source_library_id=\"lib:O:L\"", v99, kLcb, Status::Code::kNotFound,
       "Version 99 of library lib:O:L not found."},
      {"v1 ObjectId",
       " source_library_id=\"lib:O:L\" source_library_version=\"65a02a73775d\"",
       {},
       kLcb,
       Status::Code::kFailedPrecondition,
       "source_library_version '65a02a73775d' is not a version of lib:O:L"},
      {"not an LCB",
       " source_library_id=\"lib:O:L\"",
       {},
       "block-v1:O+C+R+type@vertical+block@unit",
       Status::Code::kInvalidArgument,
       "is a vertical block, not library_content"},
      {"no such block",
       " source_library_id=\"lib:O:L\"",
       {},
       "block-v1:O+C+R+type@library_content+block@nope",
       Status::Code::kNotFound,
       "is not in the draft"},
  };
  int n = 0;
  for (const Case& c : cases) {
    std::string key = "course-v1:O+C+R" + std::to_string(++n);
    ImportCourse(testing::SeedCourse(c.lcb_attributes), key);
    std::string lcb = c.lcb;
    lcb.replace(lcb.find("O+C+R+"), 6, "O+C+R" + std::to_string(n) + "+");
    Result<SyncReport> r = Sync(c.options, lcb);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), c.code) << c.name << ": " << r.status().ToString();
    EXPECT_NE(r.status().message().find(c.message), std::string::npos)
        << c.name << ": " << r.status().ToString();
  }
}

TEST_F(SyncTest, ADerivedKeyTakenElsewhereIsRefusedAndNothingIsWritten) {
  MakeSeedLibrary();
  testing::Files files = testing::SeedCourse();
  files["vertical/unit.xml"] =
      "<vertical>\n  <library_content url_name=\"myLCB\"/>\n"
      "  <problem url_name=\"dd75dd6456dc1dda1959\"/>\n</vertical>\n";
  files["problem/dd75dd6456dc1dda1959.xml"] = "<problem display_name=\"squatter\"/>\n";
  ImportCourse(files);
  Result<SyncReport> r = Sync();
  ASSERT_EQ(r.status().code(), Status::Code::kAlreadyExists) << r.status().ToString();
  EXPECT_NE(r.status().message().find("Expected existing block " + std::string(kW) +
                                      " to be a child of " + kLcb),
            std::string::npos)
      << r.status().ToString();
  EXPECT_TRUE(ChildrenOf(kLcb).empty());
}

TEST_F(SyncTest, PermissionsAreTheCoursesAndTheLibrarys) {
  MakeSeedLibrary();
  ImportCourse();
  ASSERT_TRUE(course_->SetRole(testing::kCourse, "bob", CourseRole::kLearner).ok());
  CourseAuthoring bob = course_->As(User("bob"));
  Result<SyncReport> r = SyncLibraryContent(bob, *source_, K(kLcb).view(), {});
  EXPECT_EQ(r.status().code(), Status::Code::kPermissionDenied) << r.status().ToString();
  // Course staff who may not read the (private) library.
  ASSERT_TRUE(course_->SetRole(testing::kCourse, "carol", CourseRole::kStaff).ok());
  CourseAuthoring carol = course_->As(User("carol"));
  r = SyncLibraryContent(carol, *source_, K(kLcb).view(), {});
  EXPECT_EQ(r.status().code(), Status::Code::kPermissionDenied) << r.status().ToString();
  EXPECT_NE(r.status().message().find("Cannot read library at lib:O:L"), std::string::npos);
  ASSERT_TRUE(v2a_->SetRole(testing::kLibrary, "carol", LibraryRole::kLearner).ok());
  EXPECT_TRUE(SyncLibraryContent(carol, *source_, K(kLcb).view(), {}).ok());
}

// OP test_library_content.py's capa_type case: problems of types mc,
// option, option+code and code+option, and four html blocks.
TEST_F(SyncTest, CapaTypeFiltersAtSyncTime) {
  ASSERT_TRUE(v2a_->CreateLibrary({"lib:O:Capa", "Capa", false, "alice"}).ok());
  const std::vector<std::pair<std::string, std::string>> problems = {
      {"mc", "<multiplechoiceresponse/>"},
      {"option", "<optionresponse/>"},
      {"option_code", "<optionresponse/><coderesponse/>"},
      {"code_option", "<coderesponse/><!-- <stringresponse/> --><optionresponse/>"},
  };
  for (const auto& [id, body] : problems) {
    auto k = v2a_->CreateBlock("lib:O:Capa", "problem", id);
    ASSERT_TRUE(k.ok());
    ASSERT_TRUE(v2a_->SetOlx(k->view(), "<problem>" + body + "</problem>").ok());
  }
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(v2a_->CreateBlock("lib:O:Capa", "html", "h" + std::to_string(i)).ok());
  }
  ASSERT_TRUE(v2a_->Publish("lib:O:Capa").ok());
  const std::pair<std::string, size_t> cases[] = {
      {"multiplechoiceresponse", 1}, {"optionresponse", 3}, {"coderesponse", 2}, {"any", 8},
      {"stringresponse", 0},         {"customresponse", 0}};
  int n = 0;
  for (const auto& [capa, expected] : cases) {
    std::string key = "course-v1:O+C+Capa" + std::to_string(++n);
    ImportCourse(
        testing::SeedCourse(" source_library_id=\"lib:O:Capa\" capa_type=\"" + capa + "\""), key);
    std::string lcb = "block-v1:O+C+Capa" + std::to_string(n) + "+type@library_content+block@myLCB";
    Result<SyncReport> r = Sync({}, lcb);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(ChildrenOf(lcb, key).size(), expected) << capa;
  }
}

TEST(ParseLibraryVersion, PositiveDecimalsOnly) {
  EXPECT_EQ(ParseLibraryVersion("5"), 5);
  EXPECT_EQ(ParseLibraryVersion("123456"), 123456);
  EXPECT_EQ(ParseLibraryVersion(""), std::nullopt);
  EXPECT_EQ(ParseLibraryVersion("0"), std::nullopt);
  EXPECT_EQ(ParseLibraryVersion("-1"), std::nullopt);
  EXPECT_EQ(ParseLibraryVersion("65a02a73775dfe9dad8b26d2"), std::nullopt);
  EXPECT_EQ(ParseLibraryVersion("9999999999999999999"), std::nullopt);
}

}  // namespace
}  // namespace blockrt::contexts::library_content
