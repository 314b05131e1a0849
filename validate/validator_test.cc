#include "validate/validator.h"

#include <gtest/gtest.h>

#include "validate/rules.h"

namespace blockrt::validate {
namespace {

TEST(RulesTest, IdsAreUniqueSortedAndDocumented) {
  const auto& rules = AllRules();
  ASSERT_FALSE(rules.empty());
  for (size_t i = 0; i < rules.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(rules[i - 1]->id, rules[i]->id);
    }
    EXPECT_FALSE(rules[i]->summary.empty()) << rules[i]->id;
    EXPECT_FALSE(rules[i]->hint.empty()) << rules[i]->id;
    EXPECT_EQ(FindRule(rules[i]->id), rules[i]);
  }
  EXPECT_EQ(FindRule("NoSuchRule"), nullptr);
}

TEST(ValidatorTest, NoRootFileIsAFinding) {
  olx::MemoryFileSource files;
  ASSERT_TRUE(files.Put("chapter/a.xml", "<chapter/>").ok());
  Result<CourseReport> r = ValidateExport(files, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->findings.size(), 1u);
  EXPECT_EQ(r->findings[0].rule, "CourseXMLDoesNotExist");
  EXPECT_EQ(r->findings[0].severity, Level::kError);
  EXPECT_FALSE(r->findings[0].hint.empty());
}

TEST(ValidatorTest, IgnoreDropsARule) {
  olx::MemoryFileSource files;
  ValidateOptions opts;
  opts.ignore.insert("CourseXMLDoesNotExist");
  Result<CourseReport> r = ValidateExport(files, opts);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->findings.empty());
}

TEST(ValidatorTest, CleanCourseHasNoErrorsAndAnOutline) {
  olx::MemoryFileSource files;
  ASSERT_TRUE(files
                  .Put("course.xml",
                       "<course org=\"O\" course=\"C\" url_name=\"R\" display_name=\"T\">"
                       "<chapter url_name=\"ch\" display_name=\"Ch\"/></course>")
                  .ok());
  ValidateOptions opts;
  opts.want_outline = true;
  opts.want_stats = true;
  Result<CourseReport> r = ValidateExport(files, opts);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->course, "course-v1:O+C+R");
  EXPECT_EQ(r->kind, "course");
  ASSERT_EQ(r->outline.size(), 2u);
  EXPECT_EQ(r->outline[1].block_type, "chapter");
  EXPECT_EQ(r->outline[1].depth, 1u);
  EXPECT_EQ(r->stats.blocks_per_type.at("chapter"), 1u);
}

TEST(LevelTest, NamesRoundTripAndOrder) {
  for (Level l : {Level::kInfo, Level::kWarning, Level::kError}) {
    EXPECT_EQ(ParseLevel(LevelName(l)), l);
  }
  EXPECT_FALSE(ParseLevel("fatal").has_value());
  EXPECT_LT(Level::kInfo, Level::kWarning);
  EXPECT_LT(Level::kWarning, Level::kError);
}

}  // namespace
}  // namespace blockrt::validate
