#include "olx/schema.h"

#include <gtest/gtest.h>

namespace blockrt::olx {
namespace {

TEST(SchemaTest, DisplayNameDefaults) {
  struct Case {
    const char* type;
    const char* name;
  } cases[] = {{"problem", "Blank Problem"},
               {"html", "Text"},
               {"library_content", "Randomized Content Block"},
               {"static_tab", "Empty"},
               {"about", "overview"},
               {"drag-and-drop-v2", "drag-and-drop-v2"}};  // unknown: the type itself
  for (const Case& c : cases) EXPECT_EQ(DefaultDisplayName(c.type), c.name) << c.type;
}

TEST(SchemaTest, ScopesAndInheritance) {
  const BlockSchema* problem = FindBlockSchema("problem");
  ASSERT_NE(problem, nullptr);
  EXPECT_EQ(problem->data_kind, DataKind::kWholeElement);
  EXPECT_EQ(FindFieldSpec(*problem, "data")->scope, FieldScope::kContent);
  EXPECT_EQ(FindFieldSpec(*problem, "weight")->scope, FieldScope::kSettings);
  EXPECT_TRUE(FindFieldSpec(*problem, "due")->inheritable);
  EXPECT_EQ(FindFieldSpec(*problem, "showanswer")->default_json, "\"finished\"");
  EXPECT_EQ(FindFieldSpec(*problem, "no_such_field"), nullptr);
  EXPECT_EQ(FindBlockSchema("poll"), nullptr);
  EXPECT_TRUE(FindBlockSchema("vertical")->has_children);
  EXPECT_FALSE(FindBlockSchema("html")->has_children);
  size_t n = 0;
  const FieldSpec* inh = InheritableFields(&n);
  EXPECT_EQ(n, 27u);
  EXPECT_EQ(inh[0].name, "graded");
  EXPECT_TRUE(IsInheritable("visible_to_staff_only"));
  EXPECT_FALSE(IsInheritable("display_name"));
}

}  // namespace
}  // namespace blockrt::olx
