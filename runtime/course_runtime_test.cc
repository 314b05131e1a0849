// Course blocks through the runtime: block-v1 keys resolved by the course-v1
// context from a stored export (Studio: draft, LMS: published), permissions,
// children and parents, field resolution with its sources, assets, state.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "contexts/internal/course_table.h"
#include "runtime/engine.h"
#include "store/testing/temp_dir.h"

namespace blockrt::runtime {
namespace {

const std::map<std::string, std::string> kExport = {
    {"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n"},
    {"course/R.xml",
     "<course display_name=\"Test Course\" start=\"2020-01-01T00:00:00Z\">\n"
     "  <chapter url_name=\"ch1\"/>\n</course>\n"},
    {"chapter/ch1.xml",
     "<chapter display_name=\"Week 1\">\n  <sequential url_name=\"s1\"/>\n</chapter>\n"},
    {"sequential/s1.xml",
     "<sequential display_name=\"Seq\" due=\"2030-01-01T00:00:00Z\" max_attempts=\"5\">\n"
     "  <vertical url_name=\"v1\"/>\n</sequential>\n"},
    {"vertical/v1.xml",
     "<vertical display_name=\"Unit\">\n"
     "  <html url_name=\"h1\"/>\n"
     "  <problem url_name=\"p1\"/>\n"
     "  <problem url_name=\"p2\" default-display_name=\"Library Title\" default-max_attempts=\"3\""
     " default-weight=\"4\">\n"
     "    <multiplechoiceresponse/>\n  </problem>\n"
     "</vertical>\n"},
    {"html/h1.xml", "<html filename=\"h1\" display_name=\"Intro\"/>\n"},
    {"html/h1.html", "<p>Hi <img src=\"/static/pic.png\"/></p>\n"},
    {"problem/p1.xml",
     "<problem display_name=\"P1\" rerandomize=\"never\" default-display_name=\"Lib P1\">"
     "<p>Q</p></problem>\n"},
    {"policies/R/policy.json", "{\"course/R\": {}, \"problem/p1\": {\"weight\": 2.0}}\n"},
    {"static/pic.png", "PNG"},
};

constexpr char kCourse[] = "course-v1:O+C+R";
constexpr char kP1[] = "block-v1:O+C+R+type@problem+block@p1";
constexpr char kP2[] = "block-v1:O+C+R+type@problem+block@p2";
constexpr char kV1[] = "block-v1:O+C+R+type@vertical+block@v1";

class CourseRuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = Engine::Open(dir_.File("c.db"));
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(*engine);
    store::Store& st = engine_->store();
    auto bundle = st.CreateBundle({"", "course-O-C-R", "Test Course", ""});
    ASSERT_TRUE(bundle.ok());
    uuid_ = bundle->uuid;
    for (const auto& [path, bytes] : kExport) {
      ASSERT_TRUE(st.WriteFile(uuid_, "studio_draft", path, bytes).ok()) << path;
    }
    ASSERT_TRUE(st.Commit(uuid_, "studio_draft").ok());
    contexts::CourseInfo info;
    info.key = kCourse;
    info.bundle_uuid = uuid_;
    info.title = "Test Course";
    info.roles = {{"alice", contexts::CourseRole::kStaff}, {"bob", contexts::CourseRole::kLearner}};
    ASSERT_TRUE(engine_->courses().table().Put(info).ok());
  }
  Runtime Rt(Mode mode, const std::string& user) const {
    return engine_->NewRuntime(mode, contexts::User(user));
  }
  static std::string Json(const Block& b, const std::string& field) {
    std::optional<TypedField> f = b.Field(field);
    return f ? f->json : "<none>";
  }
  static std::string Source(const Block& b, const std::string& field) {
    std::optional<TypedField> f = b.Field(field);
    return f ? std::string(f->source) : "<none>";
  }

  store::testing::TempDir dir_;
  std::unique_ptr<Engine> engine_;
  std::string uuid_;
};

TEST_F(CourseRuntimeTest, LoadsBlocksWithChildrenAndParent) {
  Runtime rt = Rt(Mode::kLms, "bob");
  auto v1 = rt.LoadBlock(kV1);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->block_type(), "vertical");
  EXPECT_EQ(v1->display_name(), "Unit");
  ASSERT_EQ(v1->children().size(), 3u);
  EXPECT_EQ(v1->children()[0].text(), "block-v1:O+C+R+type@html+block@h1");
  EXPECT_EQ(v1->children()[2].text(), kP2);
  ASSERT_TRUE(v1->parent().has_value());
  EXPECT_EQ(v1->parent()->text(), "block-v1:O+C+R+type@sequential+block@s1");
  EXPECT_EQ(v1->definition().olx_path, "vertical/v1.xml");

  auto root = rt.LoadBlock("block-v1:O+C+R+type@course+block@R");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  EXPECT_FALSE(root->parent().has_value());
  EXPECT_EQ(root->display_name(), "Test Course");

  // The LMS (split) name of the root resolves to it too.
  auto split_root = rt.LoadBlock("block-v1:O+C+R+type@course+block@course");
  ASSERT_TRUE(split_root.ok()) << split_root.status().ToString();
  EXPECT_EQ(split_root->display_name(), "Test Course");
  EXPECT_EQ(split_root->children().size(), 1u);

  auto child = rt.LoadChild(*v1, 1);
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  EXPECT_EQ(child->usage_key().text(), kP1);
  EXPECT_EQ(child->parent()->text(), kV1);
}

TEST_F(CourseRuntimeTest, FieldsResolveOverrideInheritedLibraryDefaultClassDefault) {
  Runtime rt = Rt(Mode::kLms, "");
  auto p1 = rt.LoadBlock(kP1);
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  EXPECT_EQ(Json(*p1, "display_name"), "\"P1\"");  // own value beats the library default
  EXPECT_EQ(Source(*p1, "display_name"), "override");
  EXPECT_EQ(Json(*p1, "weight"), "2.0");  // from policy.json: still the block's own
  EXPECT_EQ(Source(*p1, "weight"), "override");
  EXPECT_EQ(Json(*p1, "due"), "\"2030-01-01T00:00:00Z\"");
  EXPECT_EQ(Source(*p1, "due"), "inherited");
  EXPECT_EQ(Source(*p1, "start"), "inherited");
  EXPECT_EQ(Source(*p1, "showanswer"), "class_default");
  EXPECT_FALSE(p1->Field("default-display_name").has_value());

  auto p2 = rt.LoadBlock(kP2);
  ASSERT_TRUE(p2.ok()) << p2.status().ToString();
  EXPECT_EQ(p2->display_name(), "Library Title");
  EXPECT_EQ(Source(*p2, "display_name"), "library_default");
  EXPECT_EQ(Json(*p2, "weight"), "4");
  EXPECT_EQ(Source(*p2, "weight"), "library_default");
  // The seed's rule: an ancestor's explicit value beats the library default.
  EXPECT_EQ(Json(*p2, "max_attempts"), "5");
  EXPECT_EQ(Source(*p2, "max_attempts"), "inherited");
  // A problem's data holds no settings attributes.
  const std::string* data = p2->olx().data();
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->find("default-"), std::string::npos) << *data;
  EXPECT_EQ(p1->olx().data()->find("display_name"), std::string::npos) << *p1->olx().data();
}

TEST_F(CourseRuntimeTest, StudioSeesTheDraftAndTheLmsThePublishedVersion) {
  ASSERT_TRUE(engine_->store()
                  .WriteFile(uuid_, "studio_draft", "problem/p1.xml",
                             "<problem display_name=\"Edited\"><p>Q</p></problem>\n")
                  .ok());
  engine_->system().snapshots().Invalidate(uuid_);
  auto studio = Rt(Mode::kStudio, "alice").LoadBlock(kP1);
  ASSERT_TRUE(studio.ok()) << studio.status().ToString();
  EXPECT_EQ(studio->display_name(), "Edited");
  EXPECT_TRUE(studio->definition().is_draft());
  auto lms = Rt(Mode::kLms, "bob").LoadBlock(kP1);
  ASSERT_TRUE(lms.ok()) << lms.status().ToString();
  EXPECT_EQ(lms->display_name(), "P1");
}

TEST_F(CourseRuntimeTest, MissingAndForbiddenLookTheSame) {
  const std::string not_found =
      "XBlock " + std::string(kP1) + " does not exist, or you don't have permission to view it.";
  struct Case {
    Mode mode;
    std::string user, key;
    bool ok;
  } cases[] = {
      {Mode::kLms, "bob", kP1, true},
      {Mode::kLms, "alice", kP1, true},
      {Mode::kLms, "mallory", kP1, false},  // no role on a private course
      {Mode::kLms, "anon1", kP1, false},
      {Mode::kStudio, "bob", kP1, false},  // learners do not see drafts
      {Mode::kStudio, "alice", kP1, true},
      {Mode::kLms, "bob", "block-v1:O+C+R+type@problem+block@nope", false},
      {Mode::kLms, "bob", "block-v1:O+C+R2+type@problem+block@p1", false},
      {Mode::kLms, "bob", "block-v1:O+C+R+type@html+block@p1", false},
  };
  for (const Case& c : cases) {
    auto b = Rt(c.mode, c.user).LoadBlock(c.key);
    EXPECT_EQ(b.ok(), c.ok) << c.user << " " << c.key << ": " << b.status().ToString();
    if (!c.ok) {
      EXPECT_TRUE(b.status().IsNotFound()) << b.status().ToString();
    }
  }
  auto refused = Rt(Mode::kLms, "mallory").LoadBlock(kP1);
  EXPECT_EQ(refused.status().message(), not_found);

  ASSERT_TRUE(engine_->courses()
                  .table()
                  .Update(kCourse,
                          [](contexts::CourseInfo* info) {
                            info->allow_public_learning = true;
                            return Status::OK();
                          })
                  .ok());
  engine_->courses().table().Forget(kCourse);
  EXPECT_TRUE(Rt(Mode::kLms, "anon1").LoadBlock(kP1).ok());
  EXPECT_FALSE(Rt(Mode::kStudio, "anon1").LoadBlock(kP1).ok());
}

TEST_F(CourseRuntimeTest, StaticReferencesBecomeSignedCourseAssetUrls) {
  Runtime rt = Rt(Mode::kLms, "bob");
  auto h1 = rt.LoadBlock("block-v1:O+C+R+type@html+block@h1");
  ASSERT_TRUE(h1.ok()) << h1.status().ToString();
  auto url = rt.AssetUrl(*h1, "pic.png");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  auto bytes = rt.OpenAsset(*url);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, "PNG");
  auto html = rt.Render(*h1);
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  EXPECT_EQ(html->content.find("\"/static/pic.png\""), std::string::npos) << html->content;
  EXPECT_NE(html->content.find("static/pic.png"), std::string::npos) << html->content;
  EXPECT_TRUE(rt.AssetUrl(*h1, "missing.png").status().IsNotFound());
  // The signature covers course assets only: a course file outside static/ is refused.
  EXPECT_FALSE(Rt(Mode::kLms, "mallory").OpenAsset(*url).ok());
}

TEST_F(CourseRuntimeTest, RendersAUnitWithItsChildren) {
  Runtime rt = Rt(Mode::kLms, "bob");
  auto v1 = rt.LoadBlock(kV1);
  ASSERT_TRUE(v1.ok());
  auto html = rt.Render(*v1);
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  EXPECT_NE(html->content.find("Hi "), std::string::npos) << html->content;
  EXPECT_NE(html->content.find(kP2), std::string::npos) << html->content;
}

TEST_F(CourseRuntimeTest, LearnerStatePerUserAndBlock) {
  Runtime bob = Rt(Mode::kLms, "bob");
  auto p1 = bob.LoadBlock(kP1);
  ASSERT_TRUE(p1.ok());
  ASSERT_TRUE(bob.SetUserState(*p1, "attempts", "2").ok());
  Runtime again = Rt(Mode::kLms, "bob");
  auto state = again.UserState(*again.LoadBlock(kP1));
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->at("attempts"), "2");
  Runtime alice = Rt(Mode::kLms, "alice");
  EXPECT_TRUE(alice.UserState(*alice.LoadBlock(kP1))->empty());
}

}  // namespace
}  // namespace blockrt::runtime
