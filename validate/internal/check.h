// The check-module contract. A module owns a few rules (its RuleInfo table)
// and one pass over a loaded export that reports findings for them. Modules
// are listed once in check_registry.cc; rules the loader reports (through
// olx::Diagnostic::rule) live in a module whose `run` is null.
#ifndef BLOCKRT_VALIDATE_INTERNAL_CHECK_H_
#define BLOCKRT_VALIDATE_INTERNAL_CHECK_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "olx/course/course.h"
#include "olx/file_source.h"
#include "validate/finding.h"
#include "validate/rules.h"
#include "validate/validator.h"

namespace blockrt::validate::internal {

struct CheckInput {
  const olx::Course& course;
  const olx::FileSource& files;
  const ValidateOptions& options;
};

// Collects findings for rules that survive select/ignore; the severity and
// default hint come from the rule table.
class FindingSink {
 public:
  explicit FindingSink(const ValidateOptions& options) : options_(options) {}
  // False when `rule` is filtered out: a check may skip its work.
  bool Wants(std::string_view rule) const { return options_.Wants(rule); }
  // `rule` must be in the table (a debug build asserts so); an unknown one
  // is reported as kOlxLoadRule.
  void Add(std::string_view rule, std::string path, uint32_t line, uint32_t column,
           std::string message, std::string hint = {});
  // As Add, at a block's own element.
  void AddAt(std::string_view rule, const olx::CourseBlock& block, std::string message,
             std::string hint = {});
  std::vector<Finding> Take() { return std::move(findings_); }

 private:
  const ValidateOptions& options_;
  std::vector<Finding> findings_;
};

struct CheckModule {
  std::string_view name;
  const RuleInfo* rules;
  size_t rule_count;
  void (*run)(const CheckInput& input, FindingSink& sink);  // null: loader rules
};

// Every module, in the order they run.
const std::vector<const CheckModule*>& AllCheckModules();

}  // namespace blockrt::validate::internal

#endif  // BLOCKRT_VALIDATE_INTERNAL_CHECK_H_
