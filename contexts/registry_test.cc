// The registry: namespaces from keys, duplicate and missing plugins.
#include "contexts/registry.h"

#include <gtest/gtest.h>

namespace blockrt::contexts {
namespace {

// A context that knows nothing; enough to test dispatch.
class EmptyContext : public LearningContext {
 public:
  bool CanEditBlock(const User&, const keys::KeyView&, ContentSelector) const override {
    return false;
  }
  bool CanViewBlock(const User&, const keys::KeyView&, ContentSelector) const override {
    return false;
  }
  Result<std::optional<DefinitionLocator>> DefinitionForUsage(const keys::KeyView&,
                                                              ContentSelector) const override {
    return std::optional<DefinitionLocator>();
  }
  Result<keys::Key> UsageForChildInclude(const keys::KeyView&, const DefinitionLocator&,
                                         const ChildInclude&) const override {
    return Status::NotSupported("none");
  }
  Result<std::vector<keys::Key>> ListBlocks(const keys::KeyView&, ContentSelector) const override {
    return std::vector<keys::Key>();
  }
  Result<std::vector<keys::Key>> TopLevelBlocks(const keys::KeyView&,
                                                ContentSelector) const override {
    return std::vector<keys::Key>();
  }
};

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
