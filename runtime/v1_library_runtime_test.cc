// v1 library blocks through the runtime: lib-block-v1 keys resolved by the
// library-v1 context from a stored library.xml export (Studio: draft, LMS:
// published), with the library roles, rendering included.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "contexts/course_authoring.h"
#include "runtime/engine.h"
#include "store/testing/temp_dir.h"

namespace blockrt::runtime {
namespace {

const std::map<std::string, std::string> kExport = {
    {"library.xml",
     "<library url_name=\"library\" xblock-family=\"xblock.v1\" display_name=\"Bank\" org=\"O\" "
     "library=\"L\">\n  <problem url_name=\"p1\"/>\n  <html url_name=\"h1\"/>\n</library>\n"},
    {"problem/p1.xml",
     "<problem display_name=\"P1\" max_attempts=\"2\">\n  <multiplechoiceresponse>\n"
     "    <choicegroup type=\"MultipleChoice\"><choice correct=\"true\">Yes</choice>"
     "<choice correct=\"false\">No</choice></choicegroup>\n  </multiplechoiceresponse>\n"
     "</problem>\n"},
    {"html/h1.xml", "<html filename=\"h1\" display_name=\"Intro\"/>\n"},
    {"html/h1.html", "<p>Breathe in</p>\n"},
};

constexpr char kLib[] = "library-v1:O+L";
constexpr char kP1[] = "lib-block-v1:O+L+type@problem+block@p1";
constexpr char kH1[] = "lib-block-v1:O+L+type@html+block@h1";

class V1LibraryRuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = Engine::Open(dir_.File("v1.db"));
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(*engine);
    for (const auto& [path, bytes] : kExport) {
      store::testing::WriteWholeFile(dir_.path() / "export" / path, bytes);
    }
    contexts::CourseAuthoring a(&engine_->v1_libraries());
    auto r = a.ImportCourse((dir_.path() / "export").string(), kLib, "alice");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(a.SetRole(kLib, "bob", contexts::CourseRole::kLearner).ok());
    ASSERT_TRUE(a.Publish(kLib).ok());
  }
  Runtime Rt(Mode mode, const std::string& user) const {
    return engine_->NewRuntime(mode, contexts::User(user));
  }

  store::testing::TempDir dir_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(V1LibraryRuntimeTest, LoadsAndRendersPublishedBlocksInTheLms) {
  Runtime rt = Rt(Mode::kLms, "bob");
  auto p1 = rt.LoadBlock(kP1);
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  EXPECT_EQ(p1->block_type(), "problem");
  EXPECT_EQ(p1->display_name(), "P1");
  ASSERT_TRUE(p1->parent().has_value());
  EXPECT_EQ(p1->parent()->text(), "lib-block-v1:O+L+type@library+block@library");
  auto html = rt.Render(*p1);
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  EXPECT_NE(html->content.find("data-usage-id=\"lib-block-v1:O+L+type@problem+block@p1\""),
            std::string::npos)
      << html->content;
  EXPECT_NE(html->content.find("Yes"), std::string::npos);

  auto root = rt.LoadBlock("lib-block-v1:O+L+type@library+block@library");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  ASSERT_EQ(root->children().size(), 2u);
  EXPECT_EQ(root->children()[0].text(), kP1);
  EXPECT_EQ(root->children()[1].text(), kH1);
  auto h1 = rt.LoadChild(*root, 1);
  ASSERT_TRUE(h1.ok()) << h1.status().ToString();
  auto h1_html = rt.Render(*h1);
  ASSERT_TRUE(h1_html.ok()) << h1_html.status().ToString();
  EXPECT_NE(h1_html->content.find("Breathe in"), std::string::npos);
}

TEST_F(V1LibraryRuntimeTest, StudioSeesTheDraftAndOnlyStaffEdit) {
  contexts::CourseAuthoring a(&engine_->v1_libraries());
  auto key = keys::Key::Parse(kP1);
  ASSERT_TRUE(key.ok());
  ASSERT_TRUE(a.SetField(key->view(), "display_name", "P1 draft").ok());
  auto studio = Rt(Mode::kStudio, "alice").LoadBlock(kP1);
  ASSERT_TRUE(studio.ok()) << studio.status().ToString();
  EXPECT_EQ(studio->display_name(), "P1 draft");
  auto lms = Rt(Mode::kLms, "alice").LoadBlock(kP1);
  ASSERT_TRUE(lms.ok());
  EXPECT_EQ(lms->display_name(), "P1");

  struct Case {
    Mode mode;
    const char* user;
    bool loads;
  } cases[] = {
      {Mode::kStudio, "bob", false},  // learners do not see the draft
      {Mode::kLms, "carol", false},   // no role
      {Mode::kLms, "anonymous1", false},
      {Mode::kLms, "bob", true},
  };
  for (const Case& c : cases) {
    auto b = Rt(c.mode, c.user).LoadBlock(kP1);
    EXPECT_EQ(b.ok(), c.loads) << c.user;
    if (!c.loads) {
      EXPECT_EQ(b.status().code(), Status::Code::kNotFound) << c.user;
    }
  }
  ASSERT_TRUE(a.SetPublicLearning(kLib, true).ok());
  EXPECT_TRUE(Rt(Mode::kLms, "anonymous1").LoadBlock(kP1).ok());
  EXPECT_FALSE(Rt(Mode::kStudio, "anonymous1").LoadBlock(kP1).ok());
}

}  // namespace
}  // namespace blockrt::runtime
