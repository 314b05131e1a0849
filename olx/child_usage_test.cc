// ChildUsageId against the reference's usage_for_child_include
// (edx-runtime-semantics.md section 2.3), its docstring's example included.
#include "olx/child_usage.h"

#include <gtest/gtest.h>

#include <string>

namespace blockrt::olx {
namespace {

struct Case {
  const char* usage_hint;
  const char* definition_id;
  const char* parent_usage_id;
  bool parent_in_library_bundle;
  const char* want;
};

TEST(ChildUsageIdTest, HintElseDefinitionIdPrefixedOutsideTheLibraryBundle) {
  const Case cases[] = {
      {"", "html1", "main-unit", true, "html1"},         // no hint: the definition id
      {"alias1", "unit1", "subunit1", true, "alias1"},   // the hint wins; a linked block's
                                                         // own id is not prefixed
      {"", "html1", "alias1", false, "alias1-html1"},    // parent from a linked bundle
      {"a2", "h2", "alias1", false, "alias1-a2"},        // hint, prefixed
      {"", "h3", "alias1-sub", false, "alias1-sub-h3"},  // prefixes accumulate
      {"", "h4", "", false, "-h4"},                      // an empty parent id still joins
      {"", "", "p", true, ""},                           // nothing to name: empty
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.usage_hint) + "|" + c.definition_id + " under " + c.parent_usage_id);
    std::string scratch = "stale";
    std::string_view got = ChildUsageId(c.usage_hint, c.definition_id, c.parent_usage_id,
                                        c.parent_in_library_bundle, &scratch);
    EXPECT_EQ(got, c.want);
    Include inc{"html", c.definition_id, "", c.usage_hint, 0, 0};
    std::string scratch2;
    EXPECT_EQ(ChildUsageId(inc, c.parent_usage_id, c.parent_in_library_bundle, &scratch2), c.want);
  }
}

TEST(ChildUsageIdTest, UnprefixedIdsAreViewsOfTheIncludeNotCopies) {
  Include inc{"html", "h1", "", "", 0, 0};
  std::string scratch;
  EXPECT_EQ(ChildUsageId(inc, "p", true, &scratch).data(), inc.definition_id.data());
  inc.usage = "a1";
  EXPECT_EQ(ChildUsageId(inc, "p", true, &scratch).data(), inc.usage.data());
  EXPECT_TRUE(scratch.empty());
  EXPECT_EQ(ChildUsageId(inc, "p", false, &scratch).data(), scratch.data());
}

}  // namespace
}  // namespace blockrt::olx
