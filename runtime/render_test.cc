// Rendering views, /static/ rewriting to signed URLs and their verification.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "runtime/internal/engine_fixture.h"

namespace blockrt::runtime {
namespace {

using contexts::User;
using internal::kFixtureLib;

class RenderTest : public internal::EngineFixture {
 protected:
  void SetUp() override {
    EngineFixture::SetUp();
    if (!HasFatalFailure()) Publish();
  }
  std::string Render(const std::string& key, const char* user = "bob",
                     const char* view = "student_view") {
    Runtime rt = Rt(Mode::kLms, user);
    auto b = rt.LoadBlock(key);
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    if (!b.ok()) return {};
    auto f = rt.Render(*b, view);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? f->content : std::string();
  }
  // The first signed asset URL in `html`.
  static std::string FirstAssetUrl(const std::string& html) {
    std::smatch m;
    std::regex re("/api/blockrt/v1/assets/[^\"]+");
    if (!std::regex_search(html, m, re)) return {};
    std::string url = m.str();
    // Undo the attribute escaping of '&'.
    for (size_t p; (p = url.find("&amp;")) != std::string::npos;) url.replace(p, 5, "&");
    return url;
  }
};

TEST_F(RenderTest, ViewsPerType) {
  struct Case {
    const char* key;
    std::vector<const char*> contains;
    std::vector<const char*> absent;
  } cases[] = {
      {"lb:DemoX:fractions:html:intro",
       {"A fraction has a numerator", "data-block-type=\"html\"", "/api/blockrt/v1/assets/"},
       {"src=\"/static/fraction.svg\"", "CDATA"}},
      {"lb:DemoX:fractions:problem:quiz1",
       {"Which fraction is larger?", "type=\"radio\"", "1/2", "type=\"text\"", "/handler/bob-",
        "problem_check"},
       {"correct=", "One half is larger", "Yes, one half", "<solution"}},
      {"lb:DemoX:fractions:video:intro_video",
       {"dQw4w9WgXcQ", "fractions.mp4", "fractions.webm", "Download video"},
       {}},
      {"lb:DemoX:fractions:drag-and-drop-v2:dnd1", {"Sort the fractions", "xblock-generic"}, {}},
  };
  for (const Case& c : cases) {
    std::string html = Render(c.key);
    for (const char* s : c.contains)
      EXPECT_NE(html.find(s), std::string::npos) << c.key << ": " << s;
    for (const char* s : c.absent) EXPECT_EQ(html.find(s), std::string::npos) << c.key << ": " << s;
  }
}

TEST_F(RenderTest, ContainersRenderChildrenInOrder) {
  std::string html = Render("lb:DemoX:fractions:sequential:week1");
  size_t unit = html.find("Unit 1: Fractions");
  size_t intro = html.find("A fraction has");
  size_t video = html.find("dQw4w9WgXcQ");
  size_t problem = html.find("Which fraction is larger?");
  size_t dnd = html.find("Sort the fractions");
  ASSERT_NE(unit, std::string::npos);
  EXPECT_LT(unit, intro);
  EXPECT_LT(intro, video);
  EXPECT_LT(video, problem);
  EXPECT_LT(problem, dnd);
}

TEST_F(RenderTest, MissingAssetAndDanglingChildStayVisible) {
  std::string html = Render("lb:DemoX:fractions:html:intro");
  EXPECT_NE(html.find("href=\"/static/missing.pdf\""), std::string::npos);
  auto& a = engine_->authoring();
  auto unit = keys::Key::Parse("lb:DemoX:fractions:unit:unit1");
  // Authoring refuses a dangling include; one stored by another tool (here
  // straight through the store) must still render around the gap.
  EXPECT_EQ(a.AddChildInclude(unit->view(), {"", "html", "ghost", ""}).code(),
            Status::Code::kInvalidArgument);
  auto lib = engine_->libraries().Library(unit->view());
  ASSERT_TRUE(lib.ok());
  const std::string path = "unit/unit1/definition.xml";
  auto olx =
      engine_->store().ReadFile((*lib)->bundle_uuid, store::Ref::Draft("studio_draft"), path);
  ASSERT_TRUE(olx.ok());
  std::string ghost = *olx;
  ghost.insert(ghost.rfind("</unit>"), "<xblock-include definition=\"html/ghost\"/>\n");
  ASSERT_TRUE(engine_->store().WriteFile((*lib)->bundle_uuid, "studio_draft", path, ghost).ok());
  ASSERT_TRUE(engine_->store().Commit((*lib)->bundle_uuid, "studio_draft").ok());
  std::string seq = Render("lb:DemoX:fractions:unit:unit1");
  EXPECT_NE(seq.find("xblock-error"), std::string::npos);
  EXPECT_NE(seq.find("lb:DemoX:fractions:html:ghost"), std::string::npos);
  EXPECT_NE(seq.find("Which fraction is larger?"), std::string::npos);
}

TEST_F(RenderTest, ViewPermissions) {
  Runtime anon = engine_->NewRuntime(Mode::kLms, User(""));
  auto b = anon.LoadBlock("lb:DemoX:fractions:html:intro");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(anon.Render(*b, "student_view").status().code(), Status::Code::kPermissionDenied);
  EXPECT_TRUE(anon.Render(*b, "public_view").ok());
  Runtime bob = engine_->NewRuntime(Mode::kLms, User("bob"));
  EXPECT_TRUE(bob.Render(*b, "author_view").ok());
  EXPECT_EQ(bob.Render(*b, "studio_view").status().code(), Status::Code::kNotSupported);
}

TEST_F(RenderTest, SignedAssetUrlsVerifyTamperAndExpiry) {
  std::string url = FirstAssetUrl(Render("lb:DemoX:fractions:html:intro"));
  ASSERT_FALSE(url.empty());
  Runtime rt = engine_->NewRuntime(Mode::kLms, User("bob"));
  auto bytes = rt.OpenAsset(url);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_NE(bytes->find("<svg"), std::string::npos);

  std::string other_path = url;
  other_path.replace(other_path.find("fraction.svg"), 12, "fraktion.svg");
  std::string other_sig = url;
  other_sig.back() = other_sig.back() == '0' ? '1' : '0';
  std::string later = url;
  later.replace(later.find("expires=") + 8, 10, "1999999999");
  for (const std::string& bad : {other_path, other_sig, later}) {
    EXPECT_EQ(rt.OpenAsset(bad).status().code(), Status::Code::kPermissionDenied) << bad;
  }
  EXPECT_EQ(rt.OpenAsset("/elsewhere/x").status().code(), Status::Code::kInvalidArgument);
  now_ += 3600;  // valid for at least the one-hour TTL
  EXPECT_TRUE(rt.OpenAsset(url).ok());
  now_ += 61;  // past it, whatever the rounding up to a minute added
  auto expired = rt.OpenAsset(url);
  EXPECT_EQ(expired.status().code(), Status::Code::kPermissionDenied);
  EXPECT_NE(expired.status().message().find("expired"), std::string::npos);
}

TEST_F(RenderTest, AssetUrlsAreReusedUntilNearExpiry) {
  Runtime rt = engine_->NewRuntime(Mode::kLms, User("bob"));
  auto b = rt.LoadBlock("lb:DemoX:fractions:html:intro");
  ASSERT_TRUE(b.ok());
  auto first = rt.AssetUrl(*b, "fraction.svg");
  ASSERT_TRUE(first.ok());
  now_ += 30;
  EXPECT_EQ(*rt.AssetUrl(*b, "fraction.svg"), *first);  // stable, so browsers can cache it
  now_ += 3600;  // the old URL would no longer last a full TTL
  auto later = rt.AssetUrl(*b, "fraction.svg");
  EXPECT_NE(*later, *first);
  EXPECT_TRUE(rt.OpenAsset(*later).ok());
  EXPECT_EQ(rt.AssetUrl(*b, "nope.png").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(rt.AssetUrl(*b, "../x").status().code(), Status::Code::kInvalidArgument);
}

TEST_F(RenderTest, HandlerUrlsRoundTrip) {
  Runtime bob = engine_->NewRuntime(Mode::kLms, User("bob"));
  auto b = bob.LoadBlock("lb:DemoX:fractions:problem:quiz1");
  ASSERT_TRUE(b.ok());
  auto url = bob.HandlerUrl(*b, "xmodule_handler", "problem_check", "a=1");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->rfind("http://localhost:18000/api/xblock/v2/xblocks/lb:DemoX:fractions:problem:"
                       "quiz1/handler/bob-",
                       0),
            0u);
  auto parts = bob.VerifyHandlerUrl(*url);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_EQ(parts->handler, "xmodule_handler");
  EXPECT_EQ(parts->suffix, "problem_check");
  EXPECT_EQ(parts->query, "a=1");
  now_ += 2 * 24 * 3600;  // the previous period is still accepted
  EXPECT_TRUE(bob.VerifyHandlerUrl(*url).ok());
  now_ += 2 * 24 * 3600;
  EXPECT_EQ(bob.VerifyHandlerUrl(*url).status().message(), "Invalid/expired auth token.");
  auto fresh = bob.HandlerUrl(*b, "h");
  Runtime eve = engine_->NewRuntime(Mode::kLms, User("eve"));
  EXPECT_EQ(eve.VerifyHandlerUrl(*fresh).status().message(), "Authentication conflict.");
  Runtime none = engine_->NewRuntime(Mode::kLms, User(""));
  EXPECT_EQ(none.HandlerUrl(*b, "h").status().code(), Status::Code::kInvalidArgument);
}

TEST_F(RenderTest, VideoSourcesPlainAndEscapedJson) {
  struct Case {
    const char* sources;  // html5_sources as written in the OLX (single-quoted)
    std::vector<const char*> rendered;
  } cases[] = {
      {R"(["a.mp4", "b.webm"])", {"a.mp4", "b.webm"}},
      {R"( [ "a.mp4" ] )", {"a.mp4"}},
      {R"([])", {}},
      {R"(["a\u002fb.mp4"])", {"a/b.mp4"}},  // escapes go through the JSON parser
      {R"(["x",])", {}},                     // not JSON: no sources
      {R"(not json)", {}},
  };
  auto& a = engine_->authoring();
  auto usage = a.CreateBlock(kFixtureLib, "video", "v_sources");
  ASSERT_TRUE(usage.ok()) << usage.status().ToString();
  for (const Case& c : cases) {
    std::string olx = std::string("<video display_name=\"V\" youtube_id_1_0=\"\" html5_sources='") +
                      c.sources + "'/>";
    ASSERT_TRUE(a.SetOlx(usage->view(), olx).ok()) << olx;
    ASSERT_TRUE(a.Publish(kFixtureLib).ok());
    std::string html = Render(usage->text());
    std::string expected;
    for (const char* src : c.rendered) expected += std::string("<source src=\"") + src + "\"/>";
    if (c.rendered.empty()) {
      EXPECT_EQ(html.find("<source"), std::string::npos) << c.sources;
    } else {
      EXPECT_NE(html.find("<video controls preload=\"none\">" + expected + "</video>"),
                std::string::npos)
          << c.sources << "\n"
          << html;
    }
  }
}

}  // namespace
}  // namespace blockrt::runtime
