// What each learner sees of a library_content block through the course
// context: the selection is computed and saved on first access, kept on
// re-views, reported as the reference's events (assigned / removed with
// previous_count, max_count, result and entries naming the library blocks);
// Studio and loads without a user see every child; anonymous learners are
// neither saved nor reported.
#include "contexts/library_content/selection_filter.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "contexts/library_content/seed_fixture.h"
#include "contexts/library_content/sync.h"
#include "contexts/user_state.h"

namespace blockrt::contexts::library_content {
namespace {

using nlohmann::json;
using testing::kLcb;
using testing::kW;
using testing::kX;
using testing::kY;
using testing::kZ;

// sample: the first k of the pool; shuffle: keeps the order.
class FirstK : public RandomSource {
 public:
  std::vector<size_t> Sample(size_t n, size_t k) override {
    std::vector<size_t> out;
    for (size_t i = 0; i < k && i < n; ++i) out.push_back(i);
    return out;
  }
  std::vector<size_t> Shuffle(size_t n) override {
    std::vector<size_t> out;
    for (size_t i = 0; i < n; ++i) out.push_back(i);
    return out;
  }
};

class SelectionFilterTest : public testing::LibraryContentTest {
 protected:
  // The seed course synced at version 5, with `max_count`, published; ada
  // is a learner.
  void Publish(const std::string& max_count, bool first = true) {
    if (first) {
      MakeSeedLibrary(/*with_six=*/true);
      ImportCourse(
          testing::SeedCourse(" source_library_id=\"lib:O:L\" source_library_version=\"5\""
                              " max_count=\"" +
                              max_count + "\""));
      ASSERT_TRUE(SyncLibraryContent(*course_, *source_, K(kLcb).view(), {}).ok());
      ASSERT_TRUE(course_->SetRole(testing::kCourse, "ada", CourseRole::kLearner).ok());
    } else {
      ASSERT_TRUE(course_->SetField(K(kLcb).view(), "max_count", max_count).ok());
    }
    ASSERT_TRUE(course_->Publish(testing::kCourse).ok());
  }
  void Scripted() {
    courses_->SetChildrenFilter(
        "library_content",
        std::make_shared<SelectionFilter>(store_.get(), *source_,
                                          [](std::string_view, std::string_view, int64_t) {
                                            return std::make_unique<FirstK>();
                                          }));
  }
  struct Seen {
    std::vector<std::string> children;
    std::vector<TrackingEvent> events;
  };
  Seen Load(const std::string& user, std::string_view draft = {}) {
    User u(user);
    Result<std::optional<UsageLoad>> load = courses_->LoadUsage(
        nullptr, user.empty() ? nullptr : &u, K(kLcb).view(), ContentSelector{draft}, false, false);
    EXPECT_TRUE(load.ok() && load->has_value()) << load.status().ToString();
    Seen out;
    if (!load.ok() || !load->has_value()) return out;
    for (const keys::Key& k : (*load)->children) out.children.push_back(k.text());
    out.events = (*load)->events;
    return out;
  }
  std::string Stored(const std::string& user) {
    auto state = ReadUserState(*store_, user, kLcb);
    EXPECT_TRUE(state.ok());
    auto it = state->find("selected");
    return it == state->end() ? "<none>" : it->second;
  }
};

std::vector<std::string> Ids(const json& entries) {
  std::vector<std::string> out;
  for (const json& e : entries) {
    std::string k = e["usage_key"];
    out.push_back(k.substr(k.rfind('@') + 1));
  }
  return out;
}

TEST_F(SelectionFilterTest, FirstViewAssignsSavesAndReportsThenReViewsKeepIt) {
  Publish("1");
  Scripted();
  Seen first = Load("ada");
  EXPECT_EQ(first.children, (std::vector<std::string>{kX}));  // 9453... sorts first
  EXPECT_EQ(Stored("ada"), "[[\"problem\",\"9453fbabeea318e2bd2b\"]]");
  ASSERT_EQ(first.events.size(), 1u);
  EXPECT_EQ(first.events[0].name, "edx.librarycontentblock.content.assigned");
  EXPECT_EQ(first.events[0].usage_key, kLcb);
  json data = json::parse(first.events[0].data);
  EXPECT_EQ(data["location"], kLcb);
  EXPECT_EQ(data["previous_count"], 0);
  EXPECT_EQ(data["max_count"], 1);
  EXPECT_EQ(data["added"], data["result"]);
  EXPECT_EQ(data["result"], json::parse("[{\"usage_key\":\"" + std::string(kX) +
                                        "\",\"original_usage_key\":\"lb:O:L:problem:libBlockX\","
                                        "\"original_usage_version\":\"5\",\"descendants\":[]}]"));
  // Re-views: the same list, nothing reported.
  for (int i = 0; i < 5; ++i) {
    Seen again = Load("ada");
    EXPECT_EQ(again.children, first.children);
    EXPECT_TRUE(again.events.empty());
  }
  // Studio, and loads without a user, see every child.
  EXPECT_EQ(Load("alice", kStudioDraft).children, (std::vector<std::string>{kW, kX, kY, kZ}));
  EXPECT_EQ(Load("").children, (std::vector<std::string>{kW, kX, kY, kZ}));
}

TEST_F(SelectionFilterTest, MaxCountRaisedLoweredAndZero) {
  Publish("1");
  Scripted();
  ASSERT_EQ(Load("ada").children.size(), 1u);
  Publish("2", /*first=*/false);
  Seen two = Load("ada");
  ASSERT_EQ(two.children.size(), 2u);
  ASSERT_EQ(two.events.size(), 1u);
  json data = json::parse(two.events[0].data);
  EXPECT_EQ(data["previous_count"], 1);
  EXPECT_EQ(data["result"].size(), 2u);

  Publish("0", /*first=*/false);
  Seen none = Load("ada");
  EXPECT_TRUE(none.children.empty());
  ASSERT_EQ(none.events.size(), 1u);
  EXPECT_EQ(none.events[0].name, "edx.librarycontentblock.content.removed");
  data = json::parse(none.events[0].data);
  EXPECT_EQ(data["reason"], "overlimit");
  EXPECT_EQ(data["result"], json::array());
  EXPECT_EQ(data["previous_count"], 2);
  EXPECT_EQ(data["max_count"], 0);

  Publish("-1", /*first=*/false);
  Seen all = Load("ada");
  EXPECT_EQ(all.children.size(), 4u);
  data = json::parse(all.events.at(0).data);
  EXPECT_EQ(data["max_count"], -1);  // raw, as the block holds it
}

// An upgrade that deletes a selected child: removed (invalid), then a refill
// (assigned); previous_count follows the events.
TEST_F(SelectionFilterTest, UpgradeDeletingASelectedChildRefills) {
  Publish("2");
  Scripted();
  // FirstK picks the two smallest ids: X (9453...) and Z (a01a...); the
  // upgrade deletes W and X.
  Seen before = Load("ada");
  ASSERT_EQ(before.children, (std::vector<std::string>{kX, kZ}));
  SyncOptions upgrade;
  upgrade.version = SyncOptions::Version::kLatest;
  ASSERT_TRUE(SyncLibraryContent(*course_, *source_, K(kLcb).view(), upgrade).ok());
  ASSERT_TRUE(course_->Publish(testing::kCourse).ok());
  Seen after = Load("ada");
  ASSERT_EQ(after.children.size(), 2u);
  std::vector<std::string> names;
  for (const TrackingEvent& e : after.events) names.push_back(e.name);
  ASSERT_EQ(names, (std::vector<std::string>{"edx.librarycontentblock.content.removed",
                                             "edx.librarycontentblock.content.assigned"}));
  json removed = json::parse(after.events[0].data);
  json assigned = json::parse(after.events[1].data);
  EXPECT_EQ(removed["reason"], "invalid");
  EXPECT_EQ(Ids(removed["removed"]), (std::vector<std::string>{"9453fbabeea318e2bd2b"}));
  EXPECT_EQ(Ids(assigned["added"]).size(), 1u);
  EXPECT_EQ(removed["previous_count"], 2);
  EXPECT_EQ(assigned["previous_count"], 2);  // the removed event's result
  // The deleted block is no longer in the library: no original key.
  EXPECT_EQ(removed["removed"][0]["original_usage_key"], nullptr);
  for (const std::string& k : after.children) {
    EXPECT_TRUE(k != kW && k != kX) << k;
  }
}

TEST_F(SelectionFilterTest, DeterministicPerLearnerAndAnonymousIsNotSaved) {
  Publish("2");
  ASSERT_TRUE(course_->SetPublicLearning(testing::kCourse, true).ok());
  ASSERT_TRUE(course_->SetRole(testing::kCourse, "bob", CourseRole::kLearner).ok());
  Seen ada = Load("ada");
  EXPECT_EQ(ada.children.size(), 2u);
  EXPECT_EQ(Load("ada").children, ada.children);
  // Another store with the same content would draw the same: the default
  // source depends on (user, block, resets) only.
  std::unique_ptr<RandomSource> r1 = DeterministicRandom("ada", kLcb, 0);
  std::unique_ptr<RandomSource> r2 = DeterministicRandom("ada", kLcb, 0);
  EXPECT_EQ(r1->Sample(4, 2), r2->Sample(4, 2));
  Seen anon = Load("anonymous");
  EXPECT_EQ(anon.children.size(), 2u);
  EXPECT_TRUE(anon.events.empty());
  EXPECT_EQ(Stored("anonymous"), "<none>");
  EXPECT_EQ(Load("anonymous").children, anon.children);
}

TEST(StoredSelection, MalformedEntriesAreSkipped) {
  std::map<std::string, std::string> state = {
      {"selected", "[[\"problem\",\"a\"],[\"x\"],\"y\",[1,2],[\"html\",\"b\"]]"}, {"resets", "3"}};
  EXPECT_EQ(StoredSelection(state), (std::vector<BlockRef>{{"problem", "a"}, {"html", "b"}}));
  EXPECT_EQ(StoredResets(state), 3);
  EXPECT_TRUE(StoredSelection({{"selected", "{}"}}).empty());
  EXPECT_TRUE(StoredSelection({{"selected", "not json"}}).empty());
  EXPECT_EQ(StoredResets({{"resets", "\"x\""}}), 0);
  EXPECT_EQ(SelectionJson({{"problem", "a"}}), "[[\"problem\",\"a\"]]");
}

}  // namespace
}  // namespace blockrt::contexts::library_content
