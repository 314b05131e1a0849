#include "olx/course/field_resolution.h"

#include <gtest/gtest.h>

#include <string>

#include "olx/file_source.h"

namespace blockrt::olx {
namespace {

// course (policy: rerandomize) > chapter (due, display_name) > sequential
// (due) > vertical (showanswer, default-max_attempts) > library_content >
// problems with own values and library defaults.
Course LoadFixture() {
  MemoryFileSource m;
  auto put = [&m](const char* rel, const char* text) { ASSERT_TRUE(m.Put(rel, text).ok()) << rel; };
  put("course.xml", R"(<course url_name="R" org="O" course="C"/>)");
  put("course/R.xml", R"(<course><chapter url_name="ch"/></course>)");
  put("chapter/ch.xml",
      R"(<chapter display_name="Week" due="2030-01-01"><sequential url_name="seq"/></chapter>)");
  put("sequential/seq.xml",
      R"(<sequential due="2031-01-01" format="Homework"><vertical url_name="v"/></sequential>)");
  put("vertical/v.xml",
      R"(<vertical showanswer="always" default-max_attempts="7">)"
      R"(<library_content url_name="lc"/><problem url_name="plain"/></vertical>)");
  put("library_content/lc.xml",
      R"(<library_content source_library_id="library-v1:O+L" max_count="1">)"
      R"(<problem url_name="own"/><problem url_name="lib"/></library_content>)");
  put("problem/own.xml", R"(<problem display_name="bob" default-display_name="superbob" )"
                         R"(default-showanswer="never"><p>Q</p></problem>)");
  put("problem/lib.xml",
      R"(<problem default-display_name="superbob" default-weight="2" default-data="x" )"
      R"(default-nope="y" default-due="2040-01-01"><p>L</p></problem>)");
  put("problem/plain.xml", R"(<problem><p>P</p></problem>)");
  put("policies/R/policy.json",
      R"({"course/R": {"rerandomize": "always"}, "problem/lib": {"max_attempts": 4}})");
  auto course = LoadCourse(m);
  EXPECT_TRUE(course.ok()) << course.status().ToString();
  return std::move(course).value();
}

uint32_t IndexOf(const Course& c, std::string_view type, std::string_view url_name) {
  for (uint32_t i = 0; i < c.blocks.size(); ++i) {
    if (c.blocks[i].definition.block_type == type && c.blocks[i].url_name == url_name) return i;
  }
  ADD_FAILURE() << type << "/" << url_name;
  return 0;
}

TEST(FieldResolutionTest, Precedence) {
  Course c = LoadFixture();
  struct Case {
    const char* type;
    const char* block;
    const char* field;
    FieldSource source;
    const char* value;  // nullptr: class default (not listed)
    FieldScope scope = FieldScope::kSettings;
  } cases[] = {
      // The block's own value beats its library default.
      {"problem", "own", "display_name", FieldSource::kOverride, "bob"},
      // A parent's explicit value beats a child's library default, even for a
      // direct child of library_content (edx split would give "never").
      {"problem", "own", "showanswer", FieldSource::kInherited, "always"},
      // The nearest ancestor wins; policy.json values are explicit too.
      {"problem", "own", "due", FieldSource::kInherited, "2031-01-01"},
      {"problem", "own", "rerandomize", FieldSource::kInherited, "always"},
      {"problem", "own", "data", FieldSource::kOverride, "<problem><p>Q</p></problem>",
       FieldScope::kContent},
      // An ancestor's library default is not inherited (is_set_on).
      {"problem", "own", "max_attempts", FieldSource::kClassDefault, nullptr},
      // Not inheritable: display_name and format stay where they are set.
      {"problem", "plain", "display_name", FieldSource::kClassDefault, nullptr},
      {"problem", "plain", "format", FieldSource::kClassDefault, nullptr},
      {"problem", "plain", "showanswer", FieldSource::kInherited, "always"},
      {"problem", "lib", "display_name", FieldSource::kLibraryDefault, "superbob"},
      {"problem", "lib", "weight", FieldSource::kLibraryDefault, "2"},
      // An inherited value beats a library default of an inheritable field.
      {"problem", "lib", "due", FieldSource::kInherited, "2031-01-01"},
      {"problem", "lib", "max_attempts", FieldSource::kOverride, "4"},  // policy
      {"problem", "lib", "nope", FieldSource::kClassDefault, nullptr},
      {"problem", "lib", "default-display_name", FieldSource::kClassDefault, nullptr},
      {"library_content", "lc", "max_count", FieldSource::kOverride, "1"},
      {"library_content", "lc", "showanswer", FieldSource::kInherited, "always"},
      {"course", "R", "rerandomize", FieldSource::kOverride, "always"},
      {"course", "R", "due", FieldSource::kClassDefault, nullptr},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(std::string(k.block) + "." + k.field);
    std::vector<ResolvedField> fields = ResolveFields(c, IndexOf(c, k.type, k.block));
    const ResolvedField* f = FindResolvedField(fields, k.field);
    if (k.value == nullptr) {
      EXPECT_EQ(f, nullptr) << f->value;
      continue;
    }
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(FieldSourceName(f->source), FieldSourceName(k.source));
    EXPECT_EQ(f->value, k.value);
    EXPECT_EQ(f->scope, k.scope);
  }
  // default-data is never a library default (content is the block's own):
  // like any unknown attribute it stays in data; default-display_name does not.
  std::vector<ResolvedField> lib = ResolveFields(c, IndexOf(c, "problem", "lib"));
  EXPECT_EQ(FindResolvedField(lib, "data")->value,
            R"(<problem default-data="x" default-nope="y"><p>L</p></problem>)");
}

TEST(FieldResolutionTest, SortedOnceEachAndReusable) {
  Course c = LoadFixture();
  std::vector<ResolvedField> out;
  for (uint32_t i = 0; i < c.blocks.size(); ++i) {
    ResolveFields(c, i, &out);
    for (size_t k = 1; k < out.size(); ++k) {
      EXPECT_LT(out[k - 1].name, out[k].name) << c.blocks[i].url_name;
    }
    // Every own field is listed as an override, with its own value.
    for (const CourseField& f : c.blocks[i].definition.fields) {
      const ResolvedField* r = FindResolvedField(out, f.name);
      ASSERT_NE(r, nullptr);
      EXPECT_EQ(r->source, FieldSource::kOverride);
      EXPECT_EQ(r->value.data(), f.value.data());  // a view, not a copy
    }
  }
  std::vector<std::string> names;
  for (const ResolvedField& f : ResolveFields(c, IndexOf(c, "problem", "lib"))) {
    names.emplace_back(std::string(f.name) + ":" + std::string(FieldSourceName(f.source)));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"data:override", "display_name:library_default",
                                             "due:inherited", "max_attempts:override",
                                             "rerandomize:inherited", "showanswer:inherited",
                                             "weight:library_default"}));
  EXPECT_TRUE(ResolveFields(c, static_cast<uint32_t>(c.blocks.size())).empty());
}

TEST(FieldResolutionTest, SourceNames) {
  struct Case {
    FieldSource source;
    const char* name;
  } cases[] = {{FieldSource::kOverride, "override"},
               {FieldSource::kInherited, "inherited"},
               {FieldSource::kLibraryDefault, "library_default"},
               {FieldSource::kClassDefault, "class_default"}};
  for (const Case& c : cases) EXPECT_EQ(FieldSourceName(c.source), c.name);
}

// A Course put together by hand with a parent cycle still resolves.
TEST(FieldResolutionTest, ParentCycleIsBounded) {
  Course c = LoadFixture();
  uint32_t own = IndexOf(c, "problem", "own");
  c.blocks[0].parent = static_cast<int32_t>(own);
  std::vector<ResolvedField> fields = ResolveFields(c, own);
  EXPECT_NE(FindResolvedField(fields, "rerandomize"), nullptr);
}

}  // namespace
}  // namespace blockrt::olx
