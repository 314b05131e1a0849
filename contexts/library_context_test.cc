// The lib context over a real store: definition_for_usage (own files, draft
// fallback, aliases, linked bundles), usage ids of children, top-level blocks.
#include "contexts/library_context.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "contexts/builtin_contexts.h"
#include "contexts/library_authoring.h"

namespace blockrt::contexts {
namespace {

namespace fs = std::filesystem;

class LibraryContextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("blockrt_ctx_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto st = store::Store::Open((dir_ / "c.db").string());
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    store_ = std::move(*st);
    snapshots_ = std::make_shared<BundleSnapshots>(store_.get());
    auto ctx = RegisterBuiltinContexts(&registry_, snapshots_, std::make_shared<DefinitionCache>());
    ASSERT_TRUE(ctx.ok());
    ctx_ = *ctx;
    authoring_ = std::make_unique<LibraryAuthoring>(ctx_.get());
    ASSERT_TRUE(authoring_->CreateLibrary({"lib:O:main", "Main", false, "alice"}).ok());
  }
  void TearDown() override {
    authoring_.reset();
    ctx_.reset();
    fs::remove_all(dir_);
  }
  static keys::Key K(const std::string& s) { return *keys::Key::Parse(s); }
  Status Olx(const std::string& usage, const std::string& olx) {
    return authoring_->SetOlx(K(usage).view(), olx);
  }
  std::vector<std::string> Texts(const Result<std::vector<keys::Key>>& keys) {
    std::vector<std::string> out;
    if (keys.ok()) {
      for (const auto& k : *keys) out.push_back(k.text());
    }
    return out;
  }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<BundleSnapshots> snapshots_;
  ContextRegistry registry_;
  std::shared_ptr<LibraryContext> ctx_;
  std::unique_ptr<LibraryAuthoring> authoring_;
};

TEST_F(LibraryContextTest, DraftPublishedAndFallback) {
  ASSERT_TRUE(authoring_->CreateBlock("lib:O:main", "html", "h1").ok());
  keys::Key h1 = K("lb:O:main:html:h1");
  auto draft = ctx_->DefinitionForUsage(h1.view(), {kStudioDraft});
  ASSERT_TRUE(draft.ok() && draft->has_value());
  EXPECT_EQ((*draft)->draft_name, "studio_draft");
  EXPECT_FALSE(ctx_->DefinitionForUsage(h1.view(), {})->has_value());
  ASSERT_TRUE(authoring_->Publish("lib:O:main").ok());
  auto published = ctx_->DefinitionForUsage(h1.view(), {});
  ASSERT_TRUE(published->has_value());
  EXPECT_EQ((*published)->version, 1u);
  // No draft left after publishing? Then Studio falls back to published files
  // but keeps the draft name, so saving still targets the draft.
  ASSERT_TRUE(authoring_->Discard("lib:O:main").ok());
  auto fallback = ctx_->DefinitionForUsage(h1.view(), {kStudioDraft});
  ASSERT_TRUE(fallback->has_value());
  EXPECT_EQ((*fallback)->draft_name, "studio_draft");
  EXPECT_FALSE(ctx_->DefinitionForUsage(K("lb:O:other:html:h1").view(), {})->has_value());
}

TEST_F(LibraryContextTest, ChildrenAliasesAndTopLevel) {
  ASSERT_TRUE(authoring_->CreateBlock("lib:O:main", "unit", "u1").ok());
  ASSERT_TRUE(authoring_->CreateChildBlock(K("lb:O:main:unit:u1").view(), "html", "h1").ok());
  ASSERT_TRUE(authoring_->CreateBlock("lib:O:main", "html", "solo").ok());
  ASSERT_TRUE(
      authoring_->AddChildInclude(K("lb:O:main:unit:u1").view(), {"", "html", "h1", "again"}).ok());
  EXPECT_EQ(Texts(ctx_->TopLevelBlocks(K("lib:O:main").view(), {kStudioDraft})),
            (std::vector<std::string>{"lb:O:main:html:solo", "lb:O:main:unit:u1"}));
  EXPECT_EQ(Texts(ctx_->ListBlocks(K("lib:O:main").view(), {kStudioDraft})).size(), 3u);
  // The alias resolves through the includes map to h1's definition.
  auto alias = ctx_->DefinitionForUsage(K("lb:O:main:html:again").view(), {kStudioDraft});
  ASSERT_TRUE(alias.ok() && alias->has_value());
  EXPECT_EQ((*alias)->olx_path, "html/h1/definition.xml");
  auto parent = ctx_->ParentOf(K("lb:O:main:html:again").view(), {kStudioDraft});
  ASSERT_TRUE(parent.ok() && parent->has_value());
  EXPECT_EQ((*parent)->text(), "lb:O:main:unit:u1");
}

TEST_F(LibraryContextTest, LinkedBundlesPrefixNestedUsageIds) {
  // The reference's worked example: main-unit > subunit1 > alias1 (linked unit1) > alias1-html1.
  auto linked = store_->CreateBundle({"", "linked", "Linked", ""});
  ASSERT_TRUE(linked.ok());
  ASSERT_TRUE(store_
                  ->WriteFile(linked->uuid, "d", "unit/unit1/definition.xml",
                              "<unit><xblock-include definition=\"html/html1\"/></unit>")
                  .ok());
  ASSERT_TRUE(
      store_->WriteFile(linked->uuid, "d", "html/html1/definition.xml", "<html>L</html>").ok());
  ASSERT_TRUE(store_->Commit(linked->uuid, "d").ok());
  ASSERT_TRUE(authoring_->SetLink("lib:O:main", "linked_bundle", linked->uuid, 1).ok());
  ASSERT_TRUE(authoring_->CreateBlock("lib:O:main", "unit", "main-unit").ok());
  ASSERT_TRUE(
      authoring_->CreateChildBlock(K("lb:O:main:unit:main-unit").view(), "unit", "subunit1").ok());
  ASSERT_TRUE(authoring_
                  ->AddChildInclude(K("lb:O:main:unit:subunit1").view(),
                                    {"linked_bundle", "unit", "unit1", "alias1"})
                  .ok());
  EXPECT_EQ(
      authoring_->AddChildInclude(K("lb:O:main:unit:subunit1").view(), {"nolink", "unit", "x", ""})
          .code(),
      Status::Code::kNotFound);
  auto alias1 = ctx_->DefinitionForUsage(K("lb:O:main:unit:alias1").view(), {kStudioDraft});
  ASSERT_TRUE(alias1.ok() && alias1->has_value());
  EXPECT_EQ((*alias1)->bundle_uuid, linked->uuid);
  EXPECT_EQ((*alias1)->version, 1u);
  EXPECT_FALSE((*alias1)->is_draft());  // linked definitions are pinned to a version
  auto nested = ctx_->DefinitionForUsage(K("lb:O:main:html:alias1-html1").view(), {kStudioDraft});
  ASSERT_TRUE(nested.ok() && nested->has_value());
  EXPECT_EQ((*nested)->olx_path, "html/html1/definition.xml");
  auto child = ctx_->UsageForChildInclude(K("lb:O:main:unit:alias1").view(), **alias1,
                                          {"", "html", "html1", ""});
  ASSERT_TRUE(child.ok());
  EXPECT_EQ(child->text(), "lb:O:main:html:alias1-html1");
  // Loading gives the same child keys: subunit1's (own bundle, not prefixed)
  // and alias1's (its definition is linked, so prefixed).
  std::unique_ptr<ContextSession> session = ctx_->NewSession();
  const User alice("alice");
  auto sub = ctx_->LoadUsage(session.get(), &alice, K("lb:O:main:unit:subunit1").view(),
                             {kStudioDraft}, false, false);
  ASSERT_TRUE(sub.ok() && sub->has_value()) << sub.status().ToString();
  ASSERT_EQ((*sub)->children.size(), 1u);
  EXPECT_EQ((*sub)->children[0].text(), "lb:O:main:unit:alias1");
  auto loaded = ctx_->LoadUsage(session.get(), &alice, K("lb:O:main:unit:alias1").view(),
                                {kStudioDraft}, false, false);
  ASSERT_TRUE(loaded.ok() && loaded->has_value()) << loaded.status().ToString();
  ASSERT_EQ((*loaded)->children.size(), 1u);
  EXPECT_EQ((*loaded)->children[0].text(), "lb:O:main:html:alias1-html1");
  EXPECT_EQ(Texts(ctx_->TopLevelBlocks(K("lib:O:main").view(), {kStudioDraft})),
            (std::vector<std::string>{"lb:O:main:unit:main-unit"}));
}

TEST_F(LibraryContextTest, IncludeCyclesDoNotHang) {
  ASSERT_TRUE(authoring_->CreateBlock("lib:O:main", "unit", "a").ok());
  ASSERT_TRUE(authoring_->CreateChildBlock(K("lb:O:main:unit:a").view(), "unit", "b").ok());
  // Authoring refuses the cycle; one written past it (another tool, an old
  // store) must still not hang readers.
  Status cycle = authoring_->AddChildInclude(K("lb:O:main:unit:b").view(), {"", "unit", "a", ""});
  EXPECT_EQ(cycle.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(cycle.message().find("include cycle"), std::string::npos) << cycle.ToString();
  auto lib = ctx_->Library(K("lib:O:main").view());
  ASSERT_TRUE(lib.ok());
  ASSERT_TRUE(store_
                  ->WriteFile((*lib)->bundle_uuid, kStudioDraft, "unit/b/definition.xml",
                              "<unit><xblock-include definition=\"unit/a\"/></unit>")
                  .ok());
  snapshots_->Invalidate((*lib)->bundle_uuid);
  auto top = ctx_->TopLevelBlocks(K("lib:O:main").view(), {kStudioDraft});
  ASSERT_TRUE(top.ok());
  EXPECT_TRUE(top->empty());
  EXPECT_EQ(authoring_->DeleteBlock(K("lb:O:main:unit:a").view()).code(),
            Status::Code::kNotSupported);
}

// LoadUsage through one session: permission, definition, children and
// parent in one call, and writes (content, roles) seen at once; a cleared
// definition cache makes the next load read and parse again.
TEST_F(LibraryContextTest, SessionLoadsFollowWritesAndClear) {
  ASSERT_TRUE(authoring_->CreateBlock("lib:O:main", "unit", "u1").ok());
  ASSERT_TRUE(authoring_->CreateChildBlock(K("lb:O:main:unit:u1").view(), "html", "h1").ok());
  ASSERT_TRUE(authoring_->SetRole("lib:O:main", "bob", LibraryRole::kLearner).ok());
  std::unique_ptr<ContextSession> session = ctx_->NewSession();
  ASSERT_NE(session, nullptr);
  const User alice("alice"), bob("bob");
  const ContentSelector studio{kStudioDraft};
  keys::Key u1 = K("lb:O:main:unit:u1"), h1 = K("lb:O:main:html:h1");
  auto unit = ctx_->LoadUsage(session.get(), &alice, u1.view(), studio, true, true);
  ASSERT_TRUE(unit.ok() && unit->has_value()) << unit.status().ToString();
  ASSERT_EQ((*unit)->children.size(), 1u);
  EXPECT_EQ((*unit)->children[0].text(), "lb:O:main:html:h1");
  EXPECT_TRUE((*unit)->parent == nullptr || !(*unit)->parent->has_value());
  auto html = ctx_->LoadUsage(session.get(), &alice, h1.view(), studio, true, true);
  ASSERT_TRUE(html.ok() && html->has_value());
  ASSERT_TRUE((*html)->parent != nullptr && (*html)->parent->has_value());
  EXPECT_EQ((**(*html)->parent).text(), "lb:O:main:unit:u1");
  // bob may learn, not edit; nobody sees what does not exist.
  EXPECT_FALSE(ctx_->LoadUsage(session.get(), &bob, h1.view(), studio, true, false)->has_value());
  EXPECT_TRUE(ctx_->LoadUsage(session.get(), &bob, h1.view(), studio, false, false)->has_value());
  EXPECT_FALSE(
      ctx_->LoadUsage(session.get(), &alice, K("lb:O:main:html:nope").view(), studio, true, false)
          ->has_value());
  ASSERT_TRUE(Olx("lb:O:main:html:h1", "<html display_name=\"New\">x</html>").ok());
  auto edited = ctx_->LoadUsage(session.get(), &alice, h1.view(), studio, true, false);
  ASSERT_TRUE(edited.ok() && edited->has_value());
  EXPECT_EQ(*(*edited)->olx->attribute("display_name"), "New");
  ASSERT_TRUE(authoring_->SetRole("lib:O:main", "bob", LibraryRole::kNone).ok());
  EXPECT_FALSE(ctx_->LoadUsage(session.get(), &bob, h1.view(), studio, false, false)->has_value());
  const uint64_t misses = ctx_->definitions().misses();
  ctx_->definitions().Clear();
  ASSERT_TRUE(ctx_->LoadUsage(session.get(), &alice, h1.view(), studio, true, false).ok());
  EXPECT_EQ(ctx_->definitions().misses(), misses + 1);
}

}  // namespace
}  // namespace blockrt::contexts
