#include "validate/rules.h"

#include <algorithm>
#include <cassert>

#include "validate/internal/check.h"

namespace blockrt::validate {

const std::vector<const RuleInfo*>& AllRules() {
  static const std::vector<const RuleInfo*> rules = [] {
    std::vector<const RuleInfo*> all;
    for (const internal::CheckModule* m : internal::AllCheckModules()) {
      for (size_t i = 0; i < m->rule_count; ++i) all.push_back(&m->rules[i]);
    }
    std::sort(all.begin(), all.end(),
              [](const RuleInfo* a, const RuleInfo* b) { return a->id < b->id; });
    assert(std::adjacent_find(all.begin(), all.end(), [](const RuleInfo* a, const RuleInfo* b) {
             return a->id == b->id;
           }) == all.end());
    return all;
  }();
  return rules;
}

const RuleInfo* FindRule(std::string_view id) {
  const std::vector<const RuleInfo*>& all = AllRules();
  auto it = std::lower_bound(all.begin(), all.end(), id,
                             [](const RuleInfo* r, std::string_view k) { return r->id < k; });
  return it != all.end() && (*it)->id == id ? *it : nullptr;
}

}  // namespace blockrt::validate
