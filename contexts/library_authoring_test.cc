// The authoring API's rules and error codes (reference §2.4).
#include "contexts/library_authoring.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "contexts/builtin_contexts.h"

namespace blockrt::contexts {
namespace {

namespace fs = std::filesystem;

TEST(AssetNames, FollowTheReferenceRules) {
  struct Case {
    const char* name;
    bool ok;
  } cases[] = {
      {"img.png", true},   {"sub/dir/a.txt", true}, {"/img.png", false},
      {"img.png/", false}, {" img.png", false},     {"img.png\n", false},
      {"a//b", false},     {"../x", false},         {"a..b", false},
      {"", false},
  };
  for (const Case& c : cases) EXPECT_EQ(ValidateAssetName(c.name).ok(), c.ok) << c.name;
}

TEST(UnicodeSlug, AllowsLettersDigitsUnderscoreDash) {
  EXPECT_TRUE(IsUnicodeSlug("problem_1-a"));
  EXPECT_TRUE(IsUnicodeSlug("ωμέγα"));
  EXPECT_FALSE(IsUnicodeSlug("a.b"));
  EXPECT_FALSE(IsUnicodeSlug("a b"));
  EXPECT_FALSE(IsUnicodeSlug(""));
}

class AuthoringTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("blockrt_auth_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto st = store::Store::Open((dir_ / "a.db").string());
    ASSERT_TRUE(st.ok());
    store_ = std::move(*st);
    auto ctx = RegisterBuiltinContexts(&registry_, std::make_shared<BundleSnapshots>(store_.get()),
                                       std::make_shared<DefinitionCache>());
    ASSERT_TRUE(ctx.ok());
    ctx_ = *ctx;
    a_ = std::make_unique<LibraryAuthoring>(ctx_.get());
    ASSERT_TRUE(a_->CreateLibrary({"lib:O:l", "L", false, "alice"}).ok());
    ASSERT_TRUE(a_->CreateBlock("lib:O:l", "problem", "p1").ok());
  }
  void TearDown() override {
    a_.reset();
    ctx_.reset();
    fs::remove_all(dir_);
  }
  static keys::Key K(const std::string& s) { return *keys::Key::Parse(s); }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  ContextRegistry registry_;
  std::shared_ptr<LibraryContext> ctx_;
  std::unique_ptr<LibraryAuthoring> a_;
};

TEST_F(AuthoringTest, ErrorsAreValues) {
  using C = Status::Code;
  EXPECT_EQ(a_->CreateLibrary({"lib:O:l", "again", false, ""}).status().code(), C::kAlreadyExists);
  EXPECT_EQ(a_->CreateLibrary({"lib:bad key", "", false, ""}).status().code(), C::kInvalidArgument);
  EXPECT_EQ(a_->CreateBlock("lib:O:l", "problem", "p1").status().code(), C::kAlreadyExists);
  EXPECT_EQ(a_->CreateBlock("lib:O:l", "problem", "p.1").status().code(), C::kInvalidArgument);
  EXPECT_EQ(a_->CreateBlock("lib:O:missing", "html", "h").status().code(), C::kNotFound);
  EXPECT_EQ(a_->CreateChildBlock(K("lb:O:l:problem:p1").view(), "html", "h").status().code(),
            C::kInvalidArgument);
  Status root = a_->SetOlx(K("lb:O:l:problem:p1").view(), "<html>x</html>");
  EXPECT_EQ(root.code(), C::kInvalidArgument);
  EXPECT_EQ(root.message(),
            "problem/p1/definition.xml:1:1: error: Invalid root tag in OLX, expected problem "
            "(got <html>)");
  EXPECT_EQ(a_->SetOlx(K("lb:O:l:problem:p1").view(), "<problem><p>").code(), C::kParseError);
  EXPECT_EQ(a_->SetOlx(K("lb:O:l:problem:nope").view(), "<problem/>").code(), C::kNotFound);
  EXPECT_EQ(a_->AddAsset(K("lb:O:l:problem:p1").view(), "../x", "b").code(), C::kInvalidArgument);
  EXPECT_EQ(a_->DeleteAsset(K("lb:O:l:problem:p1").view(), "a/../b").code(), C::kInvalidArgument);
  EXPECT_EQ(a_->SetRole("lib:O:l", "anon1", LibraryRole::kAuthor).code(), C::kInvalidArgument);
}

TEST_F(AuthoringTest, OlxAssetsDeleteAndWorkflow) {
  keys::Key p1 = K("lb:O:l:problem:p1");
  ASSERT_TRUE(a_->SetOlx(p1.view(), "<problem display_name=\"P\"><p>Q</p></problem>").ok());
  EXPECT_EQ(*a_->GetOlx(p1.view()), "<problem display_name=\"P\"><p>Q</p></problem>");
  ASSERT_TRUE(a_->AddAsset(p1.view(), "img.png", "PNG").ok());
  EXPECT_EQ(*a_->ListAssets(p1.view()), std::vector<std::string>{"img.png"});
  EXPECT_TRUE(*a_->HasUnpublishedChanges("lib:O:l"));
  EXPECT_EQ(*a_->Publish("lib:O:l"), 1);
  EXPECT_FALSE(*a_->HasUnpublishedChanges("lib:O:l"));
  EXPECT_EQ(a_->Publish("lib:O:l").status().code(), Status::Code::kFailedPrecondition);

  ASSERT_TRUE(a_->DeleteBlock(p1.view()).ok());
  EXPECT_FALSE(ctx_->DefinitionForUsage(p1.view(), {kStudioDraft})->has_value());
  EXPECT_TRUE(ctx_->DefinitionForUsage(p1.view(), {})->has_value());  // still published
  EXPECT_TRUE(*a_->HasUnpublishedChanges("lib:O:l"));
  ASSERT_TRUE(a_->Discard("lib:O:l").ok());
  EXPECT_TRUE(ctx_->DefinitionForUsage(p1.view(), {kStudioDraft})->has_value());
  EXPECT_EQ(*a_->ListAssets(p1.view()), std::vector<std::string>{"img.png"});
  ASSERT_TRUE(a_->DeleteAsset(p1.view(), "img.png").ok());
  EXPECT_TRUE(a_->ListAssets(p1.view())->empty());
}

TEST_F(AuthoringTest, DeleteRemovesOwnChildrenRecursively) {
  ASSERT_TRUE(a_->CreateBlock("lib:O:l", "vertical", "v").ok());
  ASSERT_TRUE(a_->CreateChildBlock(K("lb:O:l:vertical:v").view(), "unit", "u").ok());
  ASSERT_TRUE(a_->CreateChildBlock(K("lb:O:l:unit:u").view(), "html", "h").ok());
  EXPECT_EQ(a_->DeleteBlock(K("lb:O:l:html:h").view()).code(), Status::Code::kNotSupported);
  ASSERT_TRUE(a_->DeleteBlock(K("lb:O:l:vertical:v").view()).ok());
  auto all = ctx_->ListBlocks(K("lib:O:l").view(), {kStudioDraft});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].text(), "lb:O:l:problem:p1");
}

}  // namespace
}  // namespace blockrt::contexts
