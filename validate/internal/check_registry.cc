// The one list of check modules. Each module is defined beside its checks
// (internal/*_checks.cc); add a new one here.
#include "validate/internal/check.h"

namespace blockrt::validate::internal {

extern const CheckModule kLoadRules;  // load_rules.cc: what the loader reports

const std::vector<const CheckModule*>& AllCheckModules() {
  static const std::vector<const CheckModule*> modules = {
      &kLoadRules,
  };
  return modules;
}

}  // namespace blockrt::validate::internal
