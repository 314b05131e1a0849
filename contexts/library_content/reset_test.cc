// Resetting a learner's selection (OP test_library_content.py: 4 problems and
// 4 html blocks selected, 4 resets): refused unless allow_resetting_children;
// then each selected problem's state is cleared, the selection emptied and
// the next view assigns anew.
#include "contexts/library_content/reset.h"

#include <gtest/gtest.h>

#include "contexts/library_content/seed_fixture.h"
#include "contexts/library_content/sync.h"
#include "contexts/user_state.h"

namespace blockrt::contexts::library_content {
namespace {

using testing::kLcb;

class ResetTest : public testing::LibraryContentTest {
 protected:
  void MakeBank(const std::string& allow) {
    ASSERT_TRUE(v2a_->CreateLibrary({"lib:O:Bank", "Bank", false, "alice"}).ok());
    for (int i = 0; i < 4; ++i) {
      ASSERT_TRUE(v2a_->CreateBlock("lib:O:Bank", "problem", "p" + std::to_string(i)).ok());
      ASSERT_TRUE(v2a_->CreateBlock("lib:O:Bank", "html", "h" + std::to_string(i)).ok());
    }
    ASSERT_TRUE(v2a_->Publish("lib:O:Bank").ok());
    ImportCourse(testing::SeedCourse(
        " source_library_id=\"lib:O:Bank\" max_count=\"-1\" allow_resetting_children=\"" + allow +
        "\""));
    ASSERT_TRUE(SyncLibraryContent(*course_, *source_, K(kLcb).view(), {}).ok());
    ASSERT_TRUE(course_->SetRole(testing::kCourse, "ada", CourseRole::kLearner).ok());
    ASSERT_TRUE(course_->Publish(testing::kCourse).ok());
  }
  UsageLoad Load() {
    User ada("ada");
    auto load = courses_->LoadUsage(nullptr, &ada, K(kLcb).view(), {}, false, false);
    EXPECT_TRUE(load.ok() && load->has_value());
    return load.ok() && load->has_value() ? std::move(**load) : UsageLoad();
  }
};

TEST_F(ResetTest, RefusedUnlessAllowed) {
  MakeBank("false");
  UsageLoad load = Load();
  Result<ResetReport> r = ResetSelection(*store_, User("ada"), kLcb, *load.olx, load.children);
  EXPECT_EQ(r.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ(r.status().message(), "\"Resetting selected children\" is not allowed for this XBlock");
}

TEST_F(ResetTest, ClearsTheSelectedProblemsAndDrawsAgain) {
  MakeBank("true");
  UsageLoad load = Load();
  ASSERT_EQ(load.children.size(), 8u);
  for (const keys::Key& child : load.children) {
    ASSERT_TRUE(WriteUserState(*store_, "ada", child.text(), {{"attempts", "2"}}).ok());
  }
  Result<ResetReport> r = ResetSelection(*store_, User("ada"), kLcb, *load.olx, load.children);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->reset.size(), 4u);
  EXPECT_EQ(r->resets, 1);
  for (const keys::Key& child : load.children) {
    auto state = ReadUserState(*store_, "ada", child.text());
    ASSERT_TRUE(state.ok());
    const bool problem = child.view().block_type().value_or("") == "problem";
    EXPECT_EQ(state->empty(), problem) << child.text();
  }
  auto lcb_state = ReadUserState(*store_, "ada", kLcb);
  ASSERT_TRUE(lcb_state.ok());
  EXPECT_EQ(lcb_state->at("selected"), "[]");
  UsageLoad again = Load();
  EXPECT_EQ(again.children.size(), 8u);
  ASSERT_EQ(again.events.size(), 1u);
  EXPECT_EQ(again.events[0].name, "edx.librarycontentblock.content.assigned");
  // Anonymous learners keep no state to reset.
  EXPECT_EQ(
      ResetSelection(*store_, User("anonymous"), kLcb, *load.olx, load.children).status().code(),
      Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace blockrt::contexts::library_content
