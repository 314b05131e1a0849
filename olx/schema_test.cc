#include "olx/schema.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

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

TEST(SchemaTest, LibraryDefaultField) {
  const BlockSchema& problem = *FindBlockSchema("problem");
  struct Case {
    const char* attribute;
    const char* field;
  } cases[] = {
      {"default-display_name", "display_name"},  // common
      {"default-weight", "weight"},              // the type's own
      {"default-showanswer", "showanswer"},      // inheritable
      {"default-data", ""},                      // content: never a default
      {"default-no_such", ""},
      {"default-", ""},
      {"display_name", ""},
      {"defaultdisplay_name", ""},
      {"xdefault-display_name", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.attribute);
    EXPECT_EQ(LibraryDefaultField(problem, c.attribute), c.field);
  }
  EXPECT_EQ(LibraryDefaultField(*FindBlockSchema("video"), "default-youtube_id_1_0"),
            "youtube_id_1_0");
  EXPECT_EQ(LibraryDefaultField(*FindBlockSchema("html"), "default-youtube_id_1_0"), "");
}

// The hashed indexes against the lookup order they replace: the type's own
// fields, then the inheritable settings, then the fields every block has.
TEST(SchemaTest, IndexedLookupsMatchTheTables) {
  size_t num_schemas = 0, num_inheritable = 0;
  const BlockSchema* schemas = AllBlockSchemas(&num_schemas);
  const FieldSpec* inheritable = InheritableFields(&num_inheritable);
  ASSERT_GE(num_schemas, 20u);
  auto linear = [&](const BlockSchema& s, std::string_view name) -> const FieldSpec* {
    for (size_t i = 0; i < s.num_fields; ++i) {
      if (s.fields[i].name == name) return &s.fields[i];
    }
    for (size_t i = 0; i < num_inheritable; ++i) {
      if (inheritable[i].name == name) return &inheritable[i];
    }
    return nullptr;  // common fields are checked by name below
  };
  const char* common[] = {"display_name"};
  for (size_t k = 0; k < num_schemas; ++k) {
    const BlockSchema& s = schemas[k];
    SCOPED_TRACE(std::string(s.block_type));
    EXPECT_EQ(FindBlockSchema(s.block_type), &s);
    BlockSchema copy = s;  // not in the table: the scanning path
    std::vector<std::string_view> names;
    for (size_t i = 0; i < s.num_fields; ++i) names.push_back(s.fields[i].name);
    for (size_t i = 0; i < num_inheritable; ++i) names.push_back(inheritable[i].name);
    for (std::string_view name : names) {
      EXPECT_EQ(FindFieldSpec(s, name), linear(s, name)) << name;
      EXPECT_EQ(FindFieldSpec(copy, name), linear(s, name)) << name;
    }
    for (const char* name : common) {
      const FieldSpec* f = FindFieldSpec(s, name);
      ASSERT_NE(f, nullptr) << name;
      EXPECT_EQ(f->name, name);
      if (linear(s, name) != nullptr) {
        EXPECT_EQ(f, linear(s, name)) << name;
      }
    }
    for (std::string_view miss : {"", "x", "display_nam", "display_namE", "data "}) {
      EXPECT_EQ(FindFieldSpec(s, miss), linear(s, miss)) << miss;
    }
  }
  for (std::string_view miss : {"", "problem ", "Problem", "proble", "problemx", "v"}) {
    EXPECT_EQ(FindBlockSchema(miss), nullptr) << miss;
  }
}

}  // namespace
}  // namespace blockrt::olx
