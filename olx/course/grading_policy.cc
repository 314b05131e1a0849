#include "olx/course/grading_policy.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "olx/course/internal/json_locate.h"
#include "olx/internal/json_parse.h"
#include "olx/internal/xml_scan.h"

namespace blockrt::olx {
namespace {

// Ordered: GRADE_CUTOFFS keep their file order.
using json = nlohmann::ordered_json;

// CourseFields.grading_policy's default GRADER (edx-platform course_block.py),
// which a policy without GRADER gets.
std::vector<Grader> DefaultGraders() {
  return {{"Homework", 12, 2, "HW", 0.15},
          {"Lab", 12, 2, "", 0.15},
          {"Midterm Exam", 1, 0, "Midterm", 0.3},
          {"Final Exam", 1, 0, "Final", 0.4}};
}

class Checker {
 public:
  Checker(std::string_view path, std::string_view text, std::vector<Diagnostic>* out)
      : path_(path), text_(text), offsets_(internal::LocateJsonValues(text)), out_(out) {}

  // `where` is a JSON pointer ("/GRADER/0/weight"); the value's position, else
  // its closest located ancestor's.
  void Report(Severity sev, std::string where, std::string message) {
    size_t offset = internal::OffsetOfPointer(offsets_, std::move(where));
    internal::TextPosition pos = internal::PositionOf(text_, offset);
    out_->push_back(Diagnostic{sev, std::string(path_), pos.line, pos.column, std::move(message),
                               "GradingPolicyIssue"});
  }
  void Error(std::string where, std::string message) {
    Report(Severity::kError, std::move(where), std::move(message));
  }
  void Warn(std::string where, std::string message) {
    Report(Severity::kWarning, std::move(where), std::move(message));
  }

  void Graders(const json& doc, GradingPolicy* policy) {
    auto it = doc.find("GRADER");
    if (it == doc.end()) {
      // CourseBlock.set_grading_policy reverts a missing key to its default.
      policy->graders = DefaultGraders();
      return;
    }
    if (!it->is_array()) return Error("/GRADER", "GRADER is not a list");
    if (it->empty()) Warn("/GRADER", "GRADER is empty: nothing is graded");
    std::set<std::string> types;
    double sum = 0;
    for (size_t i = 0; i < it->size(); ++i) {
      const json& g = (*it)[i];
      std::string at = "/GRADER/" + std::to_string(i);
      if (!g.is_object()) {
        Error(at, "GRADER entry " + std::to_string(i) + " is not an object");
        continue;
      }
      Grader grader;
      auto field = [&](const char* name) -> const json* {
        auto f = g.find(name);
        return f == g.end() ? nullptr : &*f;
      };
      if (const json* t = field("type"); t != nullptr && t->is_string()) {
        grader.type = t->get<std::string>();
        if (!types.insert(grader.type).second) {
          Error(at + "/type", "assignment type '" + grader.type + "' appears twice in GRADER");
        }
      } else {
        Error(t ? at + "/type" : at, "GRADER entry " + std::to_string(i) + ": type " +
                                         (t ? "is not a string" : "is missing"));
      }
      if (const json* s = field("short_label"); s != nullptr && s->is_string()) {
        grader.short_label = s->get<std::string>();
      } else if (s != nullptr && !s->is_null()) {
        Error(at + "/short_label", "short_label of '" + grader.type + "' is not a string");
      }  // optional: AssignmentFormatGrader's short_label defaults to None
      Count(field("min_count"), at + "/min_count", "min_count", 1, grader.type, &grader.min_count);
      Count(field("drop_count"), at + "/drop_count", "drop_count", 0, grader.type,
            &grader.drop_count);
      if (const json* w = field("weight"); w != nullptr && w->is_number()) {
        grader.weight = w->get<double>();
        sum += grader.weight;
        if (!(grader.weight >= 0 && grader.weight <= 1)) {
          Error(at + "/weight", "weight of '" + grader.type + "' is not in [0, 1]");
        }
      } else {
        Error(w ? at + "/weight" : at,
              "weight of '" + grader.type + "' " + (w ? "is not a number" : "is missing"));
      }
      policy->graders.push_back(std::move(grader));
    }
    if (!it->empty() && std::fabs(sum - 1.0) > 1e-8) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.10g", sum);
      Warn("/GRADER", std::string("GRADER weights sum to ") + buf + ", not 1");
    }
  }

  void Count(const json* v, const std::string& at, const char* name, int64_t min,
             const std::string& type, int64_t* out) {
    if (v == nullptr)
      return Error(at.substr(0, at.rfind('/')),
                   std::string(name) + " of '" + type + "' is missing");
    if (!v->is_number_integer()) {
      return Error(at, std::string(name) + " of '" + type + "' is not an integer");
    }
    *out = v->get<int64_t>();
    if (*out < min) {
      Error(at, std::string(name) + " of '" + type + "' is below " + std::to_string(min));
    }
  }

  void Cutoffs(const json& doc, GradingPolicy* policy) {
    auto it = doc.find("GRADE_CUTOFFS");
    if (it == doc.end()) {
      policy->cutoffs = {{"Pass", 0.5}};  // the default, as for GRADER
      return;
    }
    if (!it->is_object()) return Error("/GRADE_CUTOFFS", "GRADE_CUTOFFS is not an object");
    if (it->empty()) return Warn("/GRADE_CUTOFFS", "GRADE_CUTOFFS is empty");
    std::map<std::string, double> letters;
    bool pass = false;
    for (auto& [name, value] : it->items()) {
      std::string at = "/GRADE_CUTOFFS/" + internal::JsonPointerToken(name);
      if (!value.is_number()) {
        Error(at, "cutoff '" + name + "' is not a number");
        continue;
      }
      double v = value.get<double>();
      policy->cutoffs.emplace_back(name, v);
      if (!(v >= 0 && v <= 1)) Warn(at, "cutoff '" + name + "' is not in [0, 1]");
      if (name == "Pass") {
        pass = true;
      } else if (name == "A" || name == "B" || name == "C" || name == "D") {
        letters[name] = v;
      } else {
        Warn(at, "cutoff '" + name + "' is not Pass, A, B, C or D");
      }
    }
    if (pass && !letters.empty()) {
      Warn("/GRADE_CUTOFFS", "GRADE_CUTOFFS mixes Pass with letter grades");
    }
    if (letters.size() == 1 && letters.count("A") == 1) {
      Warn("/GRADE_CUTOFFS/A", "a single grade should be called Pass, not A");
    }
    char expect = 'A';
    double previous = 2;
    for (const auto& [name, v] : letters) {
      if (name[0] != expect) {
        Warn("/GRADE_CUTOFFS/" + name, "letter grades skip '" + std::string(1, expect) + "'");
        break;
      }
      if (!(v < previous)) {
        Warn("/GRADE_CUTOFFS/" + name, "cutoff '" + name + "' is not below the grade above it");
      }
      previous = v;
      ++expect;
    }
  }

 private:
  std::string_view path_;
  std::string_view text_;
  std::map<std::string, size_t> offsets_;
  std::vector<Diagnostic>* out_;
};

}  // namespace

GradingPolicy ParseGradingPolicy(std::string_view path, std::string_view text,
                                 std::vector<Diagnostic>* diagnostics) {
  GradingPolicy policy;
  json doc;
  internal::JsonFailure failure;
  if (!internal::ParseJsonText(text, &doc, &failure)) {
    internal::TextPosition pos = internal::PositionOf(text, failure.offset);
    diagnostics->push_back(Diagnostic{
        Severity::kError, std::string(path), failure.located ? pos.line : 0,
        failure.located ? pos.column : 0,
        (failure.located ? "invalid JSON grading policy: " : "unusable JSON grading policy: ") +
            failure.message,
        "GradingPolicyIssue"});
    return policy;
  }
  Checker check(path, text, diagnostics);
  if (!doc.is_object()) {
    check.Error("", "grading policy is not a JSON object");
    return policy;
  }
  policy.present = true;
  check.Graders(doc, &policy);
  check.Cutoffs(doc, &policy);
  return policy;
}

std::string WriteGradingPolicy(const GradingPolicy& policy) {
  json graders = json::array();
  for (const Grader& g : policy.graders) {
    json entry = json::object();
    entry["drop_count"] = g.drop_count;
    entry["min_count"] = g.min_count;
    if (!g.short_label.empty()) entry["short_label"] = g.short_label;
    entry["type"] = g.type;
    entry["weight"] = g.weight;
    graders.push_back(std::move(entry));
  }
  json cutoffs = json::object();
  for (const auto& [name, value] : policy.cutoffs) cutoffs[name] = value;
  json doc = json::object();
  doc["GRADER"] = std::move(graders);
  doc["GRADE_CUTOFFS"] = std::move(cutoffs);
  return doc.dump(4, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace blockrt::olx
