// library_content status: the reference's validation ladder (blank, bad
// library, unsynced, synced, library edited, plain sync, upgrade), its
// max_count messages, and ours: defaults missing, children not linked.
#include "contexts/library_content/status.h"

#include <gtest/gtest.h>

#include "contexts/library_content/seed_fixture.h"
#include "contexts/library_content/sync.h"

namespace blockrt::contexts::library_content {
namespace {

using testing::kLcb;

std::string Ids(const LcbStatus& s) {
  std::string out;
  for (const StatusMessage& m : s.messages) out += (out.empty() ? "" : " ") + m.id;
  return out;
}

class StatusTest : public testing::LibraryContentTest {
 protected:
  LcbStatus Status(const std::string& lcb = kLcb) {
    Result<LcbStatus> s = LibraryContentStatus(*course_, *source_, K(lcb).view());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : LcbStatus();
  }
  void Sync(bool latest = false) {
    SyncOptions o;
    if (latest) o.version = SyncOptions::Version::kLatest;
    Result<SyncReport> r = SyncLibraryContent(*course_, *source_, K(kLcb).view(), o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  void SetLcb(const std::string& field, const std::string& value) {
    ASSERT_TRUE(course_->SetField(K(kLcb).view(), field, value).ok());
  }
};

TEST_F(StatusTest, TheReferencesValidationLadder) {
  MakeSeedLibrary();
  ImportCourse(testing::SeedCourse(""));
  // 1. blank
  LcbStatus s = Status();
  EXPECT_EQ(Ids(s), "no_library");
  EXPECT_EQ(s.messages[0].level, "not_configured");
  EXPECT_EQ(s.messages[0].text, "A library has not yet been selected.");
  // 2. a library that does not exist
  SetLcb("source_library_id", "library-v1:BAD+WOLF");
  s = Status();
  EXPECT_EQ(s.messages[0].id, "library_missing");
  EXPECT_EQ(s.messages[0].level, "error");
  EXPECT_EQ(s.messages[0].text, "Library is invalid, corrupt, or has been deleted.");
  // 3. unsynced
  SetLcb("source_library_id", testing::kLibrary);
  s = Status();
  EXPECT_EQ(Ids(s), "out_of_date no_matching");
  EXPECT_EQ(s.messages[0].text, "This component is out of date. The library has new content.");
  EXPECT_EQ(s.messages[1].text, "There are no problems in the specified library of type any.");
  // 4. synced
  Sync();
  s = Status();
  EXPECT_TRUE(s.valid()) << Ids(s);
  EXPECT_EQ(s.children, 4u);
  EXPECT_EQ(s.latest_version, 5);
  // 5. the library moves on
  PublishVersion6();
  EXPECT_EQ(Ids(Status()), "out_of_date");
  // 6. a plain sync stays at the pinned version
  Sync();
  EXPECT_EQ(Ids(Status()), "out_of_date");
  // 7. upgrade
  Sync(/*latest=*/true);
  EXPECT_TRUE(Status().valid()) << Ids(Status());
}

TEST_F(StatusTest, MaxCountMessages) {
  MakeSeedLibrary();
  ImportCourse();
  Sync();
  const std::pair<std::string, std::string> cases[] = {
      {"50",
       "The specified library is configured to fetch 50 problems, but there are only 4 "
       "matching problems."},
      {"5",
       "The specified library is configured to fetch 5 problems, but there are only 4 "
       "matching problems."},
      {"4", ""},
      {"-1", ""},
      {"1", ""},
  };
  for (const auto& [max_count, text] : cases) {
    SetLcb("max_count", max_count);
    LcbStatus s = Status();
    EXPECT_EQ(s.messages.empty() ? "" : s.messages[0].text, text) << max_count;
  }
}

TEST_F(StatusTest, OnlyOneMatchingIsSingular) {
  ASSERT_TRUE(v2a_->CreateLibrary({"lib:O:One", "One", false, "alice"}).ok());
  PublishVersion("lib:O:One", {{"only", {"Only", "x"}}});
  ImportCourse(testing::SeedCourse(" source_library_id=\"lib:O:One\" max_count=\"1\""));
  Sync();
  SetLcb("max_count", "2");
  EXPECT_EQ(Status().messages.at(0).text,
            "The specified library is configured to fetch 2 problems, but there is only 1 "
            "matching problem.");
}

TEST_F(StatusTest, DefaultsMissingAndNotLinked) {
  MakeSeedLibrary();
  // An export from before defaults were kept: W's copy at its derived id
  // without default-display_name, and a child no library block derives to.
  testing::Files files = testing::SeedCourse();
  files["library_content/myLCB.xml"] =
      "<library_content source_library_id=\"lib:O:L\" source_library_version=\"5\">\n"
      "  <problem url_name=\"dd75dd6456dc1dda1959\"/>\n  <problem url_name=\"stray\"/>\n"
      "</library_content>\n";
  files["problem/dd75dd6456dc1dda1959.xml"] = "<problem>www</problem>\n";
  files["problem/stray.xml"] = "<problem display_name=\"Stray\">s</problem>\n";
  ImportCourse(files);
  LcbStatus s = Status();
  EXPECT_EQ(Ids(s), "defaults_missing not_linked");
  EXPECT_EQ(s.defaults_missing, (std::vector<std::string>{testing::kW}));
  EXPECT_EQ(s.not_linked, (std::vector<std::string>{"block-v1:O+C+R+type@problem+block@stray"}));
  EXPECT_EQ(s.checked_version, 5);
  EXPECT_NE(s.messages[1].text.find("1 child is not linked to the library: no block of lib:O:L "
                                    "version 5 derives to its id"),
            std::string::npos)
      << s.messages[1].text;
  // A pinned version the store does not know (a v1 export's ObjectId).
  SetLcb("source_library_version", "65a02a73775dfe9dad8b26d2");
  s = Status();
  EXPECT_EQ(Ids(s), "out_of_date unknown_version defaults_missing not_linked");
  EXPECT_EQ(s.checked_version, 5);  // the latest
  // No library at all: every child without defaults shows class defaults.
  ASSERT_TRUE(v2a_->DeleteLibrary(testing::kLibrary).ok());
  s = Status();
  EXPECT_EQ(Ids(s), "library_missing defaults_missing");
  EXPECT_EQ(s.defaults_missing.size(), 2u);
  EXPECT_TRUE(s.not_linked.empty());
}

}  // namespace
}  // namespace blockrt::contexts::library_content
