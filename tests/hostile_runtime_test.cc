// Hostile inputs against the runtime (issue 10 defects 2, 3, 4, 7, 16 and the
// render side of 18): forged and replayed asset URLs, learners fishing for
// answers, links into private libraries, JSON bombs and include blow-ups in
// stored bundles (written straight to the store, past authoring's checks).
// Each case fails on the code before the fix: it was served, leaked, crashed
// or ran for minutes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <string>

#include "runtime/asset_url.h"
#include "runtime/internal/engine_fixture.h"
#include "runtime/signing_secrets.h"

namespace blockrt::runtime {
namespace {

using contexts::LibraryRole;
using internal::kFixtureLib;

constexpr char kQuiz[] = "lb:DemoX:fractions:problem:quiz1";
constexpr char kIntro[] = "lb:DemoX:fractions:html:intro";

class HostileRuntime : public internal::EngineFixture {
 protected:
  std::string Bundle() {
    return engine_->libraries().Library(keys::Key::Parse(kFixtureLib)->view()).value()->bundle_uuid;
  }
  // Writes PATH into the library's draft directly (no authoring checks).
  void WriteRaw(const std::string& path, const std::string& bytes) {
    ASSERT_TRUE(engine_->store().WriteFile(Bundle(), contexts::kStudioDraft, path, bytes).ok());
    engine_->libraries().snapshots().Invalidate(Bundle());
  }
  std::string AssetUrlOf(const Runtime& rt, const char* usage, const char* name) {
    auto block = rt.LoadBlock(usage);
    EXPECT_TRUE(block.ok()) << block.status().ToString();
    auto url = rt.AssetUrl(*block, name);
    EXPECT_TRUE(url.ok()) << url.status().ToString();
    return url.ok() ? *url : std::string();
  }
  // The URL the store's key signs for `ref` (an attacker who learned the key,
  // or a URL the runtime handed out for something else).
  std::string SignWithStoreKey(const AssetRef& ref) {
    auto secrets = EnsureSigningSecrets(engine_->store());
    EXPECT_TRUE(secrets.ok());
    return *AssetUrlSigner(secrets->asset_keys).Sign(ref, now_ + 600);
  }
};

// Defect 2: no built-in key; a URL signed with the old default opens nothing.
TEST_F(HostileRuntime, Defect2NoDefaultSigningKey) {
  Publish();
  Runtime bob = Rt(Mode::kLms, "bob");
  auto intro = bob.LoadBlock(kIntro);
  ASSERT_TRUE(intro.ok());
  std::string ver = std::to_string(intro->definition().version);
  for (const char* path : {"html/intro/static/fraction.svg", "html/intro/definition.xml"}) {
    std::string forged = *AssetUrlSigner({"blockrt-dev-asset-secret"})
                              .Sign(AssetRef{Bundle(), ver, path, kIntro}, now_ + 60);
    EXPECT_EQ(bob.OpenAsset(forged).status().code(), Status::Code::kPermissionDenied) << path;
  }
  const std::string token = HandlerToken("blockrt-dev-handler-secret", "bob", kIntro, now_);
  auto url = BuildHandlerUrl("http://x", kIntro, "bob", token, "h", "", "");
  EXPECT_FALSE(bob.VerifyHandlerUrl(url).ok());
  // Keys are random per store.
  auto mine = EnsureSigningSecrets(engine_->store());
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->asset_keys.front().size(), 64u);
  EXPECT_NE(mine->asset_keys.front(), mine->handler_keys.front());
  auto other = Engine::Open((dir_ / "other.db").string());
  ASSERT_TRUE(other.ok());
  EXPECT_NE(EnsureSigningSecrets((*other)->store())->asset_keys, mine->asset_keys);
}

// Defect 2: even a correctly signed URL serves only a visible block's static/
// files, in the version and mode the block resolves to.
TEST_F(HostileRuntime, Defect2OpenAssetServesOnlyVisibleStaticFiles) {
  Publish();
  Runtime bob = Rt(Mode::kLms, "bob");
  const std::string good = AssetUrlOf(bob, kIntro, "fraction.svg");
  ASSERT_TRUE(bob.OpenAsset(good).ok());
  auto intro = bob.LoadBlock(kIntro);
  const std::string ver = std::to_string(intro->definition().version);
  struct Case {
    const char* what;
    AssetRef ref;
  };
  const Case cases[] = {
      {"definition.xml", {Bundle(), ver, "html/intro/definition.xml", kIntro}},
      {"another block's file", {Bundle(), ver, "problem/quiz1/static/pies.svg", kIntro}},
      {"dot-dot", {Bundle(), ver, "html/intro/static/../definition.xml", kIntro}},
      {"the draft from the LMS",
       {Bundle(), "studio_draft", "html/intro/static/fraction.svg", kIntro}},
      {"a block that does not exist",
       {Bundle(), ver, "html/intro/static/fraction.svg", "lb:DemoX:fractions:html:nope"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(bob.OpenAsset(SignWithStoreKey(c.ref)).status().code(),
              Status::Code::kPermissionDenied)
        << c.what;
  }
  // A user without a role gets nothing, even with bob's URL.
  EXPECT_EQ(Rt(Mode::kLms, "mallory").OpenAsset(good).status().code(),
            Status::Code::kPermissionDenied);
  ASSERT_TRUE(engine_->authoring().SetRole(kFixtureLib, "bob", LibraryRole::kNone).ok());
  EXPECT_FALSE(bob.OpenAsset(good).ok());
}

// Defect 2: rotation. One rotation keeps issued URLs valid, a second revokes them.
TEST_F(HostileRuntime, Defect2RotationRevokesAfterTwoRotations) {
  Publish();
  const std::string url = AssetUrlOf(Rt(Mode::kLms, "bob"), kIntro, "fraction.svg");
  const std::string db = (dir_ / "t.db").string();
  auto reopen_and_open = [&]() {
    EngineOptions opts;
    opts.runtime.now_seconds = [this] { return now_; };
    auto e = Engine::Open(db, opts);
    EXPECT_TRUE(e.ok());
    return (*e)->NewRuntime(Mode::kLms, contexts::User("bob")).OpenAsset(url).ok();
  };
  EXPECT_TRUE(reopen_and_open());
  ASSERT_TRUE(RotateSigningSecrets(engine_->store()).ok());
  EXPECT_TRUE(reopen_and_open());
  ASSERT_TRUE(RotateSigningSecrets(engine_->store()).ok());
  EXPECT_FALSE(reopen_and_open());
}

// Defect 3: a signature is bound to its exact fields and URL.
TEST_F(HostileRuntime, Defect3SignatureIsNotReusable) {
  AssetUrlSigner signer({"k"});
  const std::string url = *signer.Sign(AssetRef{"b", "1/html", "intro/static/x", "u"}, 100);
  std::string moved = url;
  moved.replace(moved.find("1%2Fhtml"), 8, "1/html");
  auto back = signer.Verify(moved, 1);
  EXPECT_FALSE(back.ok() && back->path == "html/intro/static/x") << moved;
  EXPECT_EQ(signer.Verify("https://evil/x?next=" + url, 1).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_FALSE(signer.Verify(url + "&usage=other", 1).ok());
}

// Defect 4: learners get no answers from load (fields) or render.
TEST_F(HostileRuntime, Defect4LearnersGetNoAnswers) {
  Publish();
  Runtime bob = Rt(Mode::kLms, "bob");
  auto quiz = bob.LoadBlock(kQuiz);
  ASSERT_TRUE(quiz.ok());
  for (olx::FieldScope scope : {olx::FieldScope::kContent, olx::FieldScope::kSettings}) {
    for (const TypedField& f : bob.VisibleFields(*quiz, scope)) {
      EXPECT_EQ(f.json.find("correct"), std::string::npos) << f.name;
      EXPECT_EQ(f.json.find("solution"), std::string::npos) << f.name;
      EXPECT_NE(f.name, "data");
    }
  }
  auto html = bob.Render(*quiz);
  ASSERT_TRUE(html.ok());
  for (const char* leak :
       {"correct=", "answer=", "solution", "Yes, one half", "One half is larger"}) {
    EXPECT_EQ(html->content.find(leak), std::string::npos) << leak;
  }
  // Answer attributes on any element are dropped, wherever CAPA hides them.
  WriteRaw("problem/quiz1/definition.xml",
           "<problem><customresponse cfn=\"check\" expect=\"42\"><textline/></customresponse>"
           "<div correct=\"true\" answer=\"42\">q</div><span Correct=\"yes\">r</span></problem>");
  Publish();
  html = bob.Render(*bob.LoadBlock(kQuiz));
  ASSERT_TRUE(html.ok());
  // The submit button's handler URL carries a random token, which may hold
  // "42" by chance: look at the problem's markup only.
  const std::string markup = html->content.substr(0, html->content.find("<div class=\"action\">"));
  for (const char* leak : {"42", "\"check\"", "orrect"}) {
    EXPECT_EQ(markup.find(leak), std::string::npos) << leak << "\n" << html->content;
  }
  // Staff see everything.
  Runtime alice = Rt(Mode::kLms, "alice");
  auto fields = alice.VisibleFields(*alice.LoadBlock(kQuiz), olx::FieldScope::kContent);
  ASSERT_FALSE(fields.empty());
  EXPECT_EQ(fields.front().name, "data");
}

// Defect 7: a public library's learners do not reach a private library's
// blocks or assets through a link.
TEST_F(HostileRuntime, Defect7LinksKeepTheTargetsRules) {
  Publish();  // lib:DemoX:fractions is private: bob learner, eve nothing
  auto& a = engine_->authoring();
  ASSERT_TRUE(a.CreateLibrary({"lib:Pub:open", "Open", true, "pat"}).ok());
  ASSERT_TRUE(a.SetLink("lib:Pub:open", "priv", Bundle(), 1).ok());
  ASSERT_TRUE(a.CreateBlock("lib:Pub:open", "unit", "u").ok());
  ASSERT_TRUE(a.AddChildInclude(keys::Key::Parse("lb:Pub:open:unit:u")->view(),
                                {"priv", "html", "intro", "stolen"})
                  .ok());
  ASSERT_TRUE(a.Publish("lib:Pub:open").ok());
  const char* linked = "lb:Pub:open:html:stolen";
  Runtime eve = Rt(Mode::kLms, "eve");
  ASSERT_TRUE(eve.LoadBlock("lb:Pub:open:unit:u").ok());
  EXPECT_TRUE(eve.LoadBlock(linked).status().IsNotFound());
  auto unit = eve.LoadBlock("lb:Pub:open:unit:u");
  EXPECT_TRUE(eve.LoadChild(*unit, 0).status().IsNotFound());
  auto page = eve.Render(*unit);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->content.find("fraction"), std::string::npos) << page->content;
  // Bob may view the private library: the link works for him, assets too.
  Runtime bob = Rt(Mode::kLms, "bob");
  ASSERT_TRUE(bob.LoadBlock(linked).ok());
  const std::string url = AssetUrlOf(bob, linked, "fraction.svg");
  EXPECT_TRUE(bob.OpenAsset(url).ok());
  EXPECT_EQ(eve.OpenAsset(url).status().code(), Status::Code::kPermissionDenied);
  // Link creation: an actor who may not view the target cannot link it.
  EXPECT_EQ(a.As(contexts::User("pat")).SetLink("lib:Pub:open", "p2", Bundle(), 1).code(),
            Status::Code::kPermissionDenied);
  ASSERT_TRUE(a.SetRole(kFixtureLib, "pat", LibraryRole::kLearner).ok());
  EXPECT_TRUE(a.As(contexts::User("pat")).SetLink("lib:Pub:open", "p2", Bundle(), 1).ok());
}

// Defect 16: a 300k-deep html5_sources in a stored video loads and renders
// with an error, never a crash.
TEST_F(HostileRuntime, Defect16DeepJsonInAFieldIsAnErrorNotACrash) {
  const std::string deep = std::string(300000, '[') + std::string(300000, ']');
  WriteRaw("video/intro_video/definition.xml",
           "<video html5_sources=\"" + deep + "\" youtube_id_1_0=\"\"/>");
  Publish();
  Runtime bob = Rt(Mode::kLms, "bob");
  auto video = bob.LoadBlock("lb:DemoX:fractions:video:intro_video");
  ASSERT_TRUE(video.ok()) << video.status().ToString();
  auto field = video->Field("html5_sources");
  ASSERT_TRUE(field.has_value());
  EXPECT_EQ(field->json.front(), '"');  // kept as the authored string
  auto html = bob.Render(*video);
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.status().message().find("nested deeper than"), std::string::npos)
      << html.status().ToString();
  Runtime rt = Rt(Mode::kLms, "bob");
  EXPECT_EQ(rt.SetUserState(*video, "x", deep).code(), Status::Code::kInvalidArgument);
}

// Defect 18 (runtime side): a stored DAG that doubles per level, and a cycle,
// render in bounded time with a clear error.
TEST_F(HostileRuntime, Defect18RenderWorkIsBounded) {
  constexpr int kLevels = 40;  // 2^40 blocks unbounded
  for (int i = 0; i < kLevels; ++i) {
    std::string next = "vertical/v" + std::to_string(i + 1);
    WriteRaw("vertical/v" + std::to_string(i) + "/definition.xml",
             i + 1 < kLevels ? "<vertical><xblock-include definition=\"" + next +
                                   "\"/><xblock-include definition=\"" + next + "\"/></vertical>"
                             : std::string("<vertical/>"));
  }
  WriteRaw("vertical/self/definition.xml",
           "<vertical><xblock-include definition=\"vertical/self\"/>"
           "<xblock-include definition=\"vertical/self\"/></vertical>");
  Runtime studio = Rt(Mode::kStudio, "alice");
  const auto start = std::chrono::steady_clock::now();
  auto v0 = studio.LoadBlock("lb:DemoX:fractions:vertical:v0");
  ASSERT_TRUE(v0.ok()) << v0.status().ToString();
  auto dag = studio.Render(*v0);
  EXPECT_EQ(dag.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(dag.status().message().find("stopped after"), std::string::npos);
  auto self = studio.LoadBlock("lb:DemoX:fractions:vertical:self");
  ASSERT_TRUE(self.ok());
  auto cyc = studio.Render(*self);
  ASSERT_TRUE(cyc.ok()) << cyc.status().ToString();
  EXPECT_NE(cyc->content.find("include cycle"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

// The CLI: learners' `load --json` has no answers; `store init` makes keys.
class HostileRuntimeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("blockrt_hrt_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::pair<int, std::string> Run(const std::string& args) {
    std::string cmd = std::string(BLOCKRT_BINARY_DIR) + "/blockrt " + args + " --db " +
                      (dir_ / "t.db").string() + " 2>/dev/null";
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int status = ::pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  }
  std::filesystem::path dir_;
};

TEST_F(HostileRuntimeCli, Defect4LoadJsonHasNoAnswersForLearners) {
  ASSERT_EQ(Run("lib create lib:T:fr --title Fr --admin alice").first, 0);
  ASSERT_EQ(Run("lib role lib:T:fr bob learner").first, 0);
  ASSERT_EQ(
      Run("lib import lib:T:fr " + std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/library").first, 0);
  ASSERT_EQ(Run("lib publish lib:T:fr").first, 0);
  auto learner = Run("load lb:T:fr:problem:quiz1 --lms --user bob --json");
  ASSERT_EQ(learner.first, 0) << learner.second;
  for (const char* leak : {"correct=", "<solution", "answer=", "\"data\""}) {
    EXPECT_EQ(learner.second.find(leak), std::string::npos) << leak << "\n" << learner.second;
  }
  auto page = Run("render lb:T:fr:problem:quiz1 --lms --user bob --json");
  ASSERT_EQ(page.first, 0);
  EXPECT_EQ(page.second.find("correct="), std::string::npos);
  EXPECT_EQ(page.second.find("solution"), std::string::npos);
  auto staff = Run("load lb:T:fr:problem:quiz1 --lms --user alice --json");
  EXPECT_NE(staff.second.find("correct="), std::string::npos);
}

TEST_F(HostileRuntimeCli, Defect2StoreInitMakesKeysAndRotateSecretsRotates) {
  ASSERT_EQ(Run("store init").first, 0);
  auto opened = store::Store::Open((dir_ / "t.db").string());
  ASSERT_TRUE(opened.ok());
  auto before = (*opened)->GetRecord(kSecretsTable, kSigningSecretsKey);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->find("blockrt-dev"), std::string::npos);
  auto rotated = Run("store rotate-secrets --json");
  ASSERT_EQ(rotated.first, 0);
  EXPECT_NE(rotated.second.find("\"rotated\":true"), std::string::npos) << rotated.second;
  auto after = (*opened)->GetRecord(kSecretsTable, kSigningSecretsKey);
  ASSERT_TRUE(after.ok());
  EXPECT_NE(*after, *before);
  // Keys are never printed.
  auto secrets = EnsureSigningSecrets(**opened);
  EXPECT_EQ(rotated.second.find(secrets->asset_keys.front()), std::string::npos);
}

}  // namespace
}  // namespace blockrt::runtime
