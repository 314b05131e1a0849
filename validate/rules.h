// The rule table: every rule the validator can report, with its default
// severity, what it finds and how to fix it. Ids are olxcleaner's error class
// names where one corresponds (so its --ignore lists carry over), blockrt's
// own otherwise. `blockrt validate --list-rules` and docs/validate-rules.md
// print this table.
#ifndef BLOCKRT_VALIDATE_RULES_H_
#define BLOCKRT_VALIDATE_RULES_H_

#include <string_view>
#include <vector>

#include "validate/finding.h"

namespace blockrt::validate {

struct RuleInfo {
  std::string_view id;
  Level severity = Level::kError;
  bool from_olxcleaner = false;  // the id is one of olxcleaner's 38 classes
  std::string_view summary;      // one sentence: what it finds
  std::string_view hint;         // one sentence: how to fix it
  // Where blockrt is more precise than olxcleaner (its false positives it
  // does not repeat, following edx-platform); "" when the same.
  std::string_view precision;
};

// Every rule, sorted by id; ids are unique.
const std::vector<const RuleInfo*>& AllRules();
// nullptr when no rule has that id.
const RuleInfo* FindRule(std::string_view id);

// The id the validator gives loader messages without one.
inline constexpr std::string_view kOlxLoadRule = "OlxLoad";

}  // namespace blockrt::validate

#endif  // BLOCKRT_VALIDATE_RULES_H_
