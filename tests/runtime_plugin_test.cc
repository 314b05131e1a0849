// Loads the test-built shared-object plugin (runtime_test_plugin.c) through the
// C entry point and drives the runtime with it: course-v1 keys resolve to a
// bundle version it names, children come from its usage_for_child_include.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "contexts/builtin_contexts.h"
#include "contexts/registry.h"
#include "runtime/runtime.h"
#include "store/store.h"

namespace blockrt {
namespace {

namespace fs = std::filesystem;

class PluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("blockrt_plugin_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto st = store::Store::Open((dir_ / "p.db").string());
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    store_ = std::move(*st);
    auto bundle = store_->CreateBundle({"", "course", "Course", ""});
    ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
    uuid_ = bundle->uuid;
    ASSERT_TRUE(store_
                    ->WriteFile(uuid_, "d", "vertical/v1/definition.xml",
                                "<vertical display_name=\"V\"><xblock-include "
                                "definition=\"html/h1\"/></vertical>")
                    .ok());
    ASSERT_TRUE(
        store_->WriteFile(uuid_, "d", "html/h1/definition.xml", "<html>Hello plugin</html>").ok());
    ASSERT_TRUE(store_->Commit(uuid_, "d").ok());
    snapshots_ = std::make_shared<contexts::BundleSnapshots>(store_.get());
    definitions_ = std::make_shared<contexts::DefinitionCache>();
    // Only the library context: the plugin stands in for the built-in
    // course-v1 context, as an application's own course context would.
    ASSERT_TRUE(
        registry_
            .Register("lib", std::make_shared<contexts::LibraryContext>(snapshots_, definitions_))
            .ok());
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  std::string uuid_;
  std::shared_ptr<contexts::BundleSnapshots> snapshots_;
  std::shared_ptr<contexts::DefinitionCache> definitions_;
  contexts::ContextRegistry registry_;
};

TEST_F(PluginTest, LoadsByPathAndServesItsNamespace) {
  const std::string key = "block-v1:Org+C1+2024+type@vertical+block@v1";
  runtime::RuntimeSystem system(&registry_, snapshots_, definitions_);
  runtime::Runtime before(&system, runtime::Mode::kLms, contexts::User("alice"));
  EXPECT_EQ(before.LoadBlock(key).status().code(), Status::Code::kNotSupported);

  ASSERT_TRUE(registry_.LoadPlugin(BLOCKRT_TEST_PLUGIN, uuid_ + " 1 alice").ok());
  EXPECT_EQ(registry_.Namespaces(), (std::vector<std::string>{"lib", "course-v1"}));
  runtime::Runtime alice(&system, runtime::Mode::kLms, contexts::User("alice"));
  auto block = alice.LoadBlock(key);
  ASSERT_TRUE(block.ok()) << block.status().ToString();
  EXPECT_EQ(block->definition().ToString(),
            "bundle-olx:" + uuid_ + ":1:vertical:vertical/v1/definition.xml");
  ASSERT_EQ(block->children().size(), 1u);
  EXPECT_EQ(block->children()[0].text(), "block-v1:Org+C1+2024+type@html+block@h1");
  auto html = alice.Render(*block);
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  EXPECT_NE(html->content.find("Hello plugin"), std::string::npos);

  runtime::Runtime bob(&system, runtime::Mode::kLms, contexts::User("bob"));
  EXPECT_TRUE(bob.LoadBlock(key).status().IsNotFound());
  runtime::Runtime studio(&system, runtime::Mode::kStudio, contexts::User("alice"));
  EXPECT_TRUE(studio.LoadBlock(key).status().IsNotFound());
  auto missing = alice.LoadBlock("block-v1:Org+C1+2024+type@html+block@nope");
  EXPECT_TRUE(missing.status().IsNotFound()) << missing.status().ToString();
}

TEST_F(PluginTest, RejectsBadPlugins) {
  struct Case {
    std::string path;
    std::string params;
    Status::Code code;
  } cases[] = {
      {"/nonexistent/plugin.so", "x 1", Status::Code::kIOError},
      {BLOCKRT_TEST_PLUGIN_BAD_ABI, uuid_ + " 1", Status::Code::kNotSupported},
      {BLOCKRT_TEST_PLUGIN, "not-enough-params", Status::Code::kInvalidArgument},
  };
  for (const Case& c : cases) {
    Status st = registry_.LoadPlugin(c.path, c.params);
    EXPECT_EQ(st.code(), c.code) << c.path << ": " << st.ToString();
  }
  ASSERT_TRUE(registry_.LoadPlugin(BLOCKRT_TEST_PLUGIN, uuid_ + " 1").ok());
  EXPECT_EQ(registry_.LoadPlugin(BLOCKRT_TEST_PLUGIN, uuid_ + " 1").code(),
            Status::Code::kAlreadyExists);
}

}  // namespace
}  // namespace blockrt
