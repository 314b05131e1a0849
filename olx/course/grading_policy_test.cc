#include "olx/course/grading_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace blockrt::olx {
namespace {

struct Case {
  const char* json;
  std::vector<std::string> want;  // Diagnostic::ToString(), in order
};

TEST(GradingPolicyTest, ValidatesWithLocations) {
  const Case cases[] = {
      {R"({"GRADER": [{"type": "HW", "min_count": 1, "drop_count": 0, "short_label": "H",
"weight": 1.0}], "GRADE_CUTOFFS": {"Pass": 0.5}})",
       {}},
      {"{\"GRADER\": [\n  {\"type\": \"HW\", \"min_count\": \"3\", \"drop_count\": -1,\n"
       "   \"short_label\": \"H\", \"weight\": 0.5}\n], \"GRADE_CUTOFFS\": {\"Pass\": 0.5}}",
       {"g.json:2:31: error: min_count of 'HW' is not an integer",
        "g.json:2:50: error: drop_count of 'HW' is below 0",
        "g.json:1:12: warning: GRADER weights sum to 0.5, not 1"}},
      {"{\"GRADER\": [{\"type\": \"A\", \"min_count\": 1, \"drop_count\": 0, \"weight\": 0.6},\n"
       "  {\"type\": \"A\", \"min_count\": 1, \"drop_count\": 0, \"short_label\": 3, "
       "\"weight\": \"x\"}],\n"
       " \"GRADE_CUTOFFS\": {\"A\": 0.9, \"C\": 0.5, \"Pass\": 2}}",
       {"g.json:2:12: error: assignment type 'A' appears twice in GRADER",
        "g.json:2:65: error: short_label of 'A' is not a string",
        "g.json:2:78: error: weight of 'A' is not a number",
        "g.json:1:12: warning: GRADER weights sum to 0.6, not 1",
        "g.json:3:48: warning: cutoff 'Pass' is not in [0, 1]",
        "g.json:3:19: warning: GRADE_CUTOFFS mixes Pass with letter grades",
        "g.json:3:35: warning: letter grades skip 'B'"}},
      {"{\"GRADER\": {}, \"GRADE_CUTOFFS\": []}",
       {"g.json:1:12: error: GRADER is not a list",
        "g.json:1:33: error: GRADE_CUTOFFS is not an object"}},
      {"{\"GRADER\": [], \"GRADE_CUTOFFS\": {\"B\": 0.5, \"A\": 0.4}}",
       {"g.json:1:12: warning: GRADER is empty: nothing is graded",
        "g.json:1:39: warning: cutoff 'B' is not below the grade above it"}},
      {"{\"GRADER\": [}",
       {"g.json:1:13: error: invalid JSON grading policy: "
        "[json.exception.parse_error.101] parse error at line 1, column 13: "
        "syntax error while parsing value - unexpected '}'; expected '[', "
        "'{', or a literal"}},
      {"[]", {"g.json:1:1: error: grading policy is not a JSON object"}},
      // Missing keys take edx-platform's defaults, silently; present but
      // wrong ones are still findings.
      {"{}", {}},
      {"{\"GRADE_CUTOFFS\": {\"Pass\": 0.6}}", {}},
      {"{\"GRADER\": null}", {"g.json:1:12: error: GRADER is not a list"}},
      {"{\"GRADER\": [], \"GRADE_CUTOFFS\": {}}",
       {"g.json:1:12: warning: GRADER is empty: nothing is graded",
        "g.json:1:33: warning: GRADE_CUTOFFS is empty"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    std::vector<Diagnostic> diags;
    ParseGradingPolicy("g.json", c.json, &diags);
    std::vector<std::string> got;
    for (const Diagnostic& d : diags) got.push_back(d.ToString());
    EXPECT_EQ(got, c.want);
  }
}

TEST(GradingPolicyTest, WritesWhatItRead) {
  const std::string text =
      "{\n"
      "    \"GRADER\": [\n"
      "        {\n"
      "            \"drop_count\": 2,\n"
      "            \"min_count\": 12,\n"
      "            \"short_label\": \"HW\",\n"
      "            \"type\": \"Homework\",\n"
      "            \"weight\": 0.25\n"
      "        },\n"
      "        {\n"
      "            \"drop_count\": 0,\n"
      "            \"min_count\": 1,\n"
      "            \"type\": \"Final Exam\",\n"
      "            \"weight\": 0.75\n"
      "        }\n"
      "    ],\n"
      "    \"GRADE_CUTOFFS\": {\n"
      "        \"B\": 0.6,\n"
      "        \"A\": 0.85\n"
      "    }\n"
      "}\n";
  std::vector<Diagnostic> diags;
  GradingPolicy policy = ParseGradingPolicy("g.json", text, &diags);
  ASSERT_TRUE(policy.present);
  EXPECT_EQ(WriteGradingPolicy(policy), text);
  std::vector<Diagnostic> again;
  GradingPolicy reread = ParseGradingPolicy("g.json", WriteGradingPolicy(policy), &again);
  EXPECT_EQ(WriteGradingPolicy(reread), text);
  EXPECT_TRUE(diags.empty());  // short_label is optional (Final Exam has none)
}

// CourseBlock.set_grading_policy: each missing key reverts to
// CourseFields.grading_policy's default; a present key is kept as written.
TEST(GradingPolicyTest, MissingKeysTakeTheDefaults) {
  struct DefaultsCase {
    const char* json;
    size_t graders;
    std::vector<std::pair<std::string, double>> cutoffs;
  };
  const DefaultsCase cases[] = {
      {"{}", 4, {{"Pass", 0.5}}},
      {"{\"GRADE_CUTOFFS\": {\"A\": 0.9, \"B\": 0.8}}", 4, {{"A", 0.9}, {"B", 0.8}}},
      {"{\"GRADER\": [{\"type\": \"HW\", \"min_count\": 1, \"drop_count\": 0, "
       "\"weight\": 1}]}",
       1,
       {{"Pass", 0.5}}},
      {"{\"GRADER\": [], \"GRADE_CUTOFFS\": {}}", 0, {}},  // near miss: present, kept empty
  };
  for (const DefaultsCase& c : cases) {
    SCOPED_TRACE(c.json);
    std::vector<Diagnostic> diags;
    GradingPolicy policy = ParseGradingPolicy("g.json", c.json, &diags);
    EXPECT_TRUE(policy.present);
    EXPECT_EQ(policy.graders.size(), c.graders);
    EXPECT_EQ(policy.cutoffs, c.cutoffs);
  }
  std::vector<Diagnostic> diags;
  GradingPolicy policy = ParseGradingPolicy("g.json", "{}", &diags);
  ASSERT_EQ(policy.graders.size(), 4u);
  const Grader& lab = policy.graders[1];
  EXPECT_EQ(lab.type, "Lab");
  EXPECT_EQ(lab.min_count, 12);
  EXPECT_EQ(lab.drop_count, 2);
  EXPECT_EQ(lab.short_label, "");
  EXPECT_EQ(lab.weight, 0.15);
  double sum = 0;
  for (const Grader& g : policy.graders) sum += g.weight;
  EXPECT_DOUBLE_EQ(sum, 1.0);
  EXPECT_EQ(policy.graders[3].short_label, "Final");
}

}  // namespace
}  // namespace blockrt::olx
