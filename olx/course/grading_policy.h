// grading_policy.json (policies/RUN/grading_policy.json, or grading_policy.json
// at the root of very old exports): the course's graders and grade cutoffs,
// parsed, validated with located diagnostics, and written back.
#ifndef BLOCKRT_OLX_COURSE_GRADING_POLICY_H_
#define BLOCKRT_OLX_COURSE_GRADING_POLICY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "olx/diagnostic.h"

namespace blockrt::olx {

struct Grader {
  std::string type;  // assignment type, e.g. "Homework"
  int64_t min_count = 0;
  int64_t drop_count = 0;
  std::string short_label;  // "" when the entry has none
  double weight = 0;
};

struct GradingPolicy {
  bool present = false;  // a grading policy file was read and parsed as JSON
  std::vector<Grader> graders;
  // Grade letter (Pass, A, B...) -> minimum fraction, in file order.
  std::vector<std::pair<std::string, double>> cutoffs;
};

// Parses `text` (read from `path`) and checks it the way course validators do
// (olxcleaner validate_grading_policy): GRADER a non-empty list of objects whose
// type is a unique string, short_label (optional) a string, min_count an integer >= 1,
// drop_count an integer >= 0 and weight a number in [0, 1], the weights summing
// to 1; GRADE_CUTOFFS a non-empty object of Pass or contiguous A, B, C, D with
// strictly decreasing values in [0, 1]. Wrong types and invalid JSON are errors,
// the rest warnings; each at path:line:col of the offending value. Entries with
// a wrong type keep their defaults. A missing GRADER or GRADE_CUTOFFS takes
// edx-platform's default (four graders; Pass at 0.5) without a finding.
GradingPolicy ParseGradingPolicy(std::string_view path, std::string_view text,
                                 std::vector<Diagnostic>* diagnostics);

// The policy as Studio writes it: {"GRADER": [...], "GRADE_CUTOFFS": {...}},
// four-space indented, keys of each grader sorted, ending with a newline.
std::string WriteGradingPolicy(const GradingPolicy& policy);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_COURSE_GRADING_POLICY_H_
