// The registry: namespaces from keys, duplicate and missing plugins.
#include "contexts/registry.h"

#include <gtest/gtest.h>

namespace blockrt::contexts {
namespace {

// A context that knows nothing; enough to test dispatch. One call is all a
// context must write.
class EmptyContext : public LearningContext {
 public:
  Result<std::optional<UsageLoad>> LoadUsage(ContextSession*, const User*, const keys::KeyView&,
                                             ContentSelector, bool, bool) const override {
    return std::optional<UsageLoad>();
  }
};

// One block, visible to "bob", editable by nobody: the capabilities' defaults
// answer from LoadUsage alone.
class OneBlockContext : public LearningContext {
 public:
  Result<std::optional<UsageLoad>> LoadUsage(ContextSession*, const User* user,
                                             const keys::KeyView& usage, ContentSelector, bool edit,
                                             bool want_parent) const override {
    if (usage.ToString() != "lb:O:L:html:one") return std::optional<UsageLoad>();
    if (user != nullptr && (edit || user->id != "bob")) return std::optional<UsageLoad>();
    UsageLoad load;
    auto def = std::make_shared<DefinitionLocator>();
    def->block_type = "html";
    def->olx_path = "html/one/definition.xml";
    load.definition = std::move(def);
    if (want_parent) {
      load.parent =
          std::make_shared<const std::optional<keys::Key>>(*keys::Key::Parse("lb:O:L:unit:u"));
    }
    return std::optional<UsageLoad>(std::move(load));
  }
};

TEST(LearningContext, CapabilitiesDefaultToWhatLoadUsageSays) {
  OneBlockContext ctx;
  const keys::Key one = *keys::Key::Parse("lb:O:L:html:one");
  const keys::Key two = *keys::Key::Parse("lb:O:L:html:two");
  const ContentSelector lms{};
  EXPECT_TRUE(ctx.CanViewBlock(User("bob"), one.view(), lms));
  EXPECT_FALSE(ctx.CanViewBlock(User("eve"), one.view(), lms));
  EXPECT_FALSE(ctx.CanEditBlock(User("bob"), one.view(), lms));
  EXPECT_FALSE(ctx.CanViewBlock(User("bob"), two.view(), lms));
  auto def = ctx.DefinitionForUsage(one.view(), lms);
  ASSERT_TRUE(def.ok() && def->has_value());
  EXPECT_EQ((*def)->olx_path, "html/one/definition.xml");
  EXPECT_FALSE(ctx.DefinitionForUsage(two.view(), lms)->has_value());
  auto parent = ctx.ParentOf(one.view(), lms);
  ASSERT_TRUE(parent.ok() && parent->has_value());
  EXPECT_EQ((*parent)->text(), "lb:O:L:unit:u");
  EXPECT_EQ(ctx.NewSession(), nullptr);
  const keys::Key lib = *keys::Key::Parse("lib:O:L");
  EXPECT_EQ(ctx.ListBlocks(lib.view(), lms).status().code(), Status::Code::kNotSupported);
  EXPECT_EQ(ctx.TopLevelBlocks(lib.view(), lms).status().code(), Status::Code::kNotSupported);
  EXPECT_EQ(ctx.UsageForChildInclude(one.view(), **def, ChildInclude{"", "html", "x", ""})
                .status()
                .code(),
            Status::Code::kNotSupported);
}

TEST(ContextRegistry, PicksThePluginByNamespace) {
  ContextRegistry reg;
  auto lib = std::make_shared<EmptyContext>();
  auto course = std::make_shared<EmptyContext>();
  ASSERT_TRUE(reg.Register("lib", lib).ok());
  ASSERT_TRUE(reg.Register("course-v1", course).ok());
  EXPECT_EQ(reg.Register("lib", lib).code(), Status::Code::kAlreadyExists);
  EXPECT_EQ(reg.Register("", lib).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(reg.Register("x", nullptr).code(), Status::Code::kInvalidArgument);
  struct Case {
    const char* key;
    LearningContext* want;  // nullptr = error
    Status::Code code;
  } cases[] = {
      {"lb:O:L:html:h", lib.get(), Status::Code::kOk},
      {"lib:O:L", lib.get(), Status::Code::kOk},
      {"block-v1:O+C+R+type@html+block@h", course.get(), Status::Code::kOk},
      {"course-v1:O+C+R", course.get(), Status::Code::kOk},
      {"lib-block-v1:O+L+type@html+block@h", nullptr, Status::Code::kNotSupported},
      {"bundle-olx:11111111-1111-1111-1111-111111111111:1:html:html/h/definition.xml", nullptr,
       Status::Code::kInvalidArgument},
  };
  for (const Case& c : cases) {
    auto key = keys::Key::Parse(c.key);
    ASSERT_TRUE(key.ok()) << c.key << " " << key.status().ToString();
    auto ctx = reg.ForKey(key->view());
    if (c.want != nullptr) {
      ASSERT_TRUE(ctx.ok()) << c.key << " " << ctx.status().ToString();
      EXPECT_EQ(*ctx, c.want) << c.key;
    } else {
      EXPECT_EQ(ctx.status().code(), c.code) << c.key << " " << ctx.status().ToString();
    }
  }
  auto missing = reg.ForNamespace("library-v1");
  EXPECT_NE(missing.status().message().find("library-v1"), std::string::npos);
}

}  // namespace
}  // namespace blockrt::contexts
