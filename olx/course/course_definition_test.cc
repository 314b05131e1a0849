#include "olx/course/internal/course_definition.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "olx/internal/definition_fields.h"

namespace blockrt::olx::internal {
namespace {

// The arena-built definition against DeriveFields on the owning Definition
// the loader used to build: same attributes, fields (order, scopes, data)
// and body, for every DataKind and field placement around "data". A course
// problem's data differs from a bundle's (which keeps every attribute): it
// loses its settings attributes, so those cases say their data.
TEST(CourseDefinitionTest, MatchesDeriveFields) {
  struct Case {
    const char* type;
    std::vector<std::pair<std::string, std::string>> attrs;  // sorted by name
    std::string markup;
    const char* problem_data = nullptr;  // when not DeriveFields'
  } cases[] = {
      {"problem", {}, ""},
      {"problem", {}, "<p>x</p>"},
      {"problem",
       {{"attempts_before_showanswer_button", "1"},
        {"display_name", "Q & \"A\"\n"},
        {"max_attempts", "3"},
        {"weight", "2"}},
       "<multiplechoiceresponse/>",
       "<problem><multiplechoiceresponse/></problem>"},
      {"problem", {{"zzz_unknown", "v"}, {"zzz_unknown2", ""}}, "<p/>"},
      {"html", {{"display_name", "T"}, {"editor", "raw"}}, "<p>hi &amp; bye</p>"},
      {"html", {}, ""},
      {"vertical", {{"display_name", "U"}, {"due", "2030"}, {"graded", "true"}}, ""},
      {"vertical", {{"display_name", "U"}}, "<meta x=\"1\"/>"},
      {"video", {{"display_name", "V"}, {"youtube_id_1_0", "abc"}}, "<source src=\"a\"/>"},
      {"drag-and-drop-v2", {{"data", "{}"}, {"display_name", "D"}}, "<x/>"},
      {"static_tab", {{"course_staff_only", "true"}, {"display_name", "Tab"}}, "<p>t</p>"},
      {"about", {}, "overview text"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.type);
    Definition want;
    want.block_type = c.type;
    for (const auto& [n, v] : c.attrs) want.attributes.push_back(Attribute{n, v});
    want.body = c.markup;
    DeriveFields(&want);
    if (c.problem_data != nullptr) {
      for (FieldValue& f : want.fields) {
        if (f.name == "data") f.value = c.problem_data;
      }
    }

    Arena arena;
    std::string scratch;
    std::vector<CourseAttribute> attrs;
    for (const auto& [n, v] : c.attrs) attrs.push_back(CourseAttribute{n, v});
    const BlockSchema* schema = FindBlockSchema(c.type);
    std::string_view type = schema != nullptr ? schema->block_type : arena.Copy(c.type);
    CourseDefinition got;
    BuildCourseDefinition(&arena, type, schema, attrs, c.markup, &scratch, &got);
    EXPECT_EQ(got.ToDefinition(), want);
    EXPECT_EQ(got.known_type, schema != nullptr);
    for (const FieldValue& f : want.fields) {
      ASSERT_NE(got.field(f.name), nullptr) << f.name;
      EXPECT_EQ(got.field(f.name)->value, f.value);
    }
    EXPECT_EQ(got.data() != nullptr, want.data() != nullptr);
    for (const Attribute& a : want.attributes) {
      ASSERT_NE(got.attribute(a.name), nullptr) << a.name;
      EXPECT_EQ(*got.attribute(a.name), a.value);
    }
    EXPECT_EQ(got.attribute("no_such"), nullptr);
  }
}

// XmlMixin.clean_metadata_from_xml: a problem's data drops the attributes
// that are settings fields (own, inheritable, display_name) and keeps content
// and unknown ones; policy values never enter it (element_attrs).
TEST(CourseDefinitionTest, ProblemDataDropsSettingsAttributes) {
  using Attrs = std::vector<CourseAttribute>;
  struct Case {
    const char* name;
    Attrs attrs;           // final (after the policy merge)
    const Attrs* element;  // before it; nullptr = attrs
    std::string want_data;
    size_t want_fields;  // data included
  };
  const Attrs own = {{"display_name", "D"}, {"type", "x"}};
  const Case cases[] = {
      {"none", {}, nullptr, "<problem><p/></problem>", 1},
      {"own settings",
       {{"markdown", "m"}, {"showanswer", "always"}, {"weight", "1"}},
       nullptr,
       "<problem><p/></problem>",
       4},
      {"inheritable settings",
       {{"due", "2030"}, {"max_attempts", "2"}, {"rerandomize", "always"}},
       nullptr,
       "<problem><p/></problem>",
       4},
      {"unknown kept",
       {{"display_name", "D"}, {"type", "x"}},
       nullptr,
       "<problem type=\"x\"><p/></problem>",
       2},
      {"policy values stay out",
       {{"display_name", "P"}, {"policy_unknown", "1"}, {"type", "x"}},
       &own,
       "<problem type=\"x\"><p/></problem>",
       2},
      {"library defaults are settings too",
       {{"default-data", "d"}, {"default-display_name", "s"}, {"default-nope", "n"}},
       nullptr,
       "<problem default-data=\"d\" default-nope=\"n\"><p/></problem>",
       1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Arena arena;
    std::string scratch;
    CourseDefinition got;
    BuildCourseDefinition(&arena, "problem", FindBlockSchema("problem"), c.attrs, "<p/>", &scratch,
                          &got, c.element);
    ASSERT_NE(got.data(), nullptr);
    EXPECT_EQ(*got.data(), c.want_data);
    EXPECT_EQ(got.fields.size(), c.want_fields);
    EXPECT_EQ(got.attributes.size(), c.attrs.size());  // attributes are all kept
  }
  const BlockSchema& problem = *FindBlockSchema("problem");
  EXPECT_TRUE(IsSettingsAttribute(problem, "display_name"));
  EXPECT_TRUE(IsSettingsAttribute(problem, "start"));
  EXPECT_FALSE(IsSettingsAttribute(problem, "data"));
  EXPECT_FALSE(IsSettingsAttribute(problem, "url_name"));
  EXPECT_FALSE(IsSettingsAttribute(problem, "type"));
  EXPECT_TRUE(IsSettingsAttribute(problem, "default-max_attempts"));
}

TEST(CourseDefinitionTest, MergeFieldsReplacesAndInserts) {
  Arena arena;
  std::string scratch;
  CourseDefinition def;
  BuildCourseDefinition(&arena, "html", FindBlockSchema("html"),
                        {CourseAttribute{"display_name", "T"}}, "<p/>", &scratch, &def);
  MergeFields(&arena,
              {CourseField{"zeta", "1", FieldScope::kContent},
               CourseField{"data", "new", FieldScope::kContent},
               CourseField{"alpha", "2", FieldScope::kContent},
               CourseField{"zeta", "3", FieldScope::kContent}},
              &def);
  std::vector<std::string> names, values;
  for (const CourseField& f : def.fields) {
    names.emplace_back(f.name);
    values.emplace_back(f.value);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"alpha", "data", "display_name", "zeta"}));
  EXPECT_EQ(values, (std::vector<std::string>{"2", "new", "T", "3"}));
}

}  // namespace
}  // namespace blockrt::olx::internal
