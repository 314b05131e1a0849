// Rules the course loader reports itself (olx::Diagnostic::rule): problems
// found while reading the export's files and pointers.
#include "validate/internal/check.h"

namespace blockrt::validate::internal {
namespace {

const RuleInfo kRules[] = {
    {kOlxLoadRule, Level::kError, false,
     "A problem reading the export that has no more specific rule.",
     "Fix the file at the location given; the message says what was expected.", ""},
    {"CourseXMLDoesNotExist", Level::kError, true,
     "The export has neither course.xml nor library.xml at its root.",
     "Point validate at the folder holding course.xml (a Studio export's course/ folder).", ""},
    {"InvalidXML", Level::kError, true, "A file is not well-formed XML.",
     "Fix the XML syntax at the position given.", ""},
    {"BadPolicy", Level::kError, true, "policies/RUN/policy.json is not valid JSON.",
     "Fix the JSON syntax at the position given; edx-platform ignores the whole file.", ""},
    {"BadPolicyFormat", Level::kError, true, "policy.json is not a JSON object.",
     "Make the file one object of \"type/url_name\": {settings} entries.", ""},
    {"GradingPolicyIssue", Level::kError, true,
     "grading_policy.json is invalid or inconsistent (graders, weights, cutoffs).",
     "Fix the entry named; missing GRADER or GRADE_CUTOFFS take edx-platform's defaults.", ""},
};

}  // namespace

extern const CheckModule kLoadRules = {"load", kRules, sizeof(kRules) / sizeof(kRules[0]), nullptr};

}  // namespace blockrt::validate::internal
