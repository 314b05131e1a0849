#include "olx/course/internal/policy.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "olx/course/internal/json_locate.h"
#include "olx/internal/json_parse.h"
#include "olx/internal/xml_scan.h"
#include "olx/schema.h"

namespace blockrt::olx::internal {

bool IsXmlName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
              c >= 0x80 || (i > 0 && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

namespace {

// The reference reads policy values through each field's from_json; a value
// of another JSON type is reported (and kept as written). `where` is the
// value's JSON pointer, for its position.
class PolicyChecker {
 public:
  PolicyChecker(std::string_view path, std::string_view text, std::vector<Diagnostic>* out)
      : path_(path), text_(text), out_(out) {}

  // The value as an attribute string: strings unquoted, numbers as written,
  // anything else as compact JSON.
  std::string ValueText(const nlohmann::json& value, const std::string& where) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number()) {
      std::string_view literal = NumberLiteralAt(text_, Offset(where));
      if (!literal.empty()) return std::string(literal);
    }
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }

  void Check(std::string_view key, const std::string& name, const nlohmann::json& value,
             const std::string& where) {
    std::string_view type = key.substr(0, key.find('/'));
    const BlockSchema* schema = FindBlockSchema(type);
    const FieldSpec* spec = schema != nullptr ? FindFieldSpec(*schema, name) : nullptr;
    if (spec == nullptr || spec->type == FieldType::kAny || value.is_null()) return;
    bool ok = true;
    switch (spec->type) {
      case FieldType::kString:
        ok = value.is_string();
        break;
      case FieldType::kDate:
        ok = value.is_string();
        break;
      case FieldType::kBoolean:
        ok = value.is_boolean() || value.is_string();
        break;
      case FieldType::kInteger:
        if (value.is_number_float()) {
          std::string_view literal = NumberLiteralAt(text_, Offset(where));
          if (literal.find_first_of(".eE") == std::string_view::npos) {
            return Report(Severity::kError, where,
                          "policy field '" + name + "' of " + std::string(key) + ": " +
                              std::string(literal) + " is out of range for an integer");
          }
        }
        ok = value.is_number_integer() || value.is_number_float() || value.is_string();
        break;
      case FieldType::kFloat:
        ok = value.is_number() || value.is_string();
        break;
      case FieldType::kList:
        ok = value.is_array();
        break;
      case FieldType::kDict:
        ok = value.is_object();
        break;
      case FieldType::kAny:
        break;
    }
    if (!ok) {
      Report(Severity::kWarning, where,
             "policy field '" + name + "' of " + std::string(key) + " is " + JsonTypeName(value) +
                 "; expected " + std::string(FieldTypeName(spec->type)) + " (kept as written)");
    }
  }

  void Report(Severity sev, const std::string& where, std::string message) {
    TextPosition pos = PositionOf(text_, Offset(where));
    out_->push_back(
        Diagnostic{sev, std::string(path_), pos.line, pos.column, std::move(message), {}});
  }

 private:
  static std::string JsonTypeName(const nlohmann::json& v) {
    if (v.is_array()) return "a list";
    if (v.is_object()) return "an object";
    if (v.is_boolean()) return "a boolean";
    if (v.is_number()) return "a number";
    if (v.is_string()) return "a string";
    return "null";
  }

  size_t Offset(const std::string& where) {
    if (!located_) {
      offsets_ = LocateJsonValues(text_);
      located_ = true;
    }
    return OffsetOfPointer(offsets_, where);
  }

  std::string_view path_, text_;
  std::vector<Diagnostic>* out_;
  std::map<std::string, size_t> offsets_;  // located on first need
  bool located_ = false;
};

}  // namespace

bool ParsePolicy(std::string_view path, std::string_view text, PolicyMap* out, Diagnostic* error,
                 std::vector<Diagnostic>* findings) {
  out->clear();
  nlohmann::json doc;
  JsonFailure failure;
  if (!ParseJsonText(text, &doc, &failure)) {
    TextPosition pos = PositionOf(text, failure.offset);
    *error = failure.located ? Diagnostic{Severity::kError,
                                          std::string(path),
                                          pos.line,
                                          pos.column,
                                          "invalid JSON policy (ignored): " + failure.message,
                                          "BadPolicy"}
                             : Diagnostic{Severity::kError,
                                          std::string(path),
                                          0,
                                          0,
                                          "unusable JSON policy (ignored): " + failure.message,
                                          "BadPolicy"};
    return false;
  }
  if (!doc.is_object()) {
    *error = Diagnostic{
        Severity::kError, std::string(path), 0, 0, "policy is not a JSON object (ignored)",
        "BadPolicyFormat"};
    return false;
  }
  PolicyChecker check(path, text, findings);
  try {
    for (auto& [key, fields] : doc.items()) {
      if (!fields.is_object()) continue;
      std::vector<Attribute>& attrs = (*out)[key];
      std::string at = "/" + JsonPointerToken(key) + "/";
      for (auto& [name, value] : fields.items()) {
        std::string where = at + JsonPointerToken(name);
        if (!IsXmlName(name)) {
          check.Report(
              Severity::kWarning, where,
              "policy field '" + name + "' of " + key + " is not a valid attribute name; ignored");
          continue;
        }
        check.Check(key, name, value, where);
        attrs.push_back(Attribute{name, check.ValueText(value, where)});
      }
    }
  } catch (const nlohmann::json::exception& e) {
    out->clear();
    *error = Diagnostic{Severity::kError,
                        std::string(path),
                        0,
                        0,
                        "unusable JSON policy (ignored): " + std::string(e.what()),
                        "BadPolicy"};
    return false;
  }
  return true;
}

void ApplyPolicy(const std::vector<Attribute>& policy, std::vector<CourseAttribute>* attrs) {
  if (policy.empty()) return;
  // One merge of two sorted lists (inserting one by one was quadratic for a
  // policy with many fields); a policy value replaces the attribute.
  std::vector<CourseAttribute> sorted;
  sorted.reserve(policy.size());
  for (const Attribute& p : policy) sorted.push_back(CourseAttribute{p.name, p.value});
  auto by_name = [](const CourseAttribute& x, const CourseAttribute& y) { return x.name < y.name; };
  std::stable_sort(sorted.begin(), sorted.end(), by_name);
  std::vector<CourseAttribute> merged;
  merged.reserve(attrs->size() + sorted.size());
  size_t a = 0, p = 0;
  while (a < attrs->size() || p < sorted.size()) {
    if (p < sorted.size() && p + 1 < sorted.size() && sorted[p + 1].name == sorted[p].name) {
      ++p;  // a repeated policy name: the later one wins
      continue;
    }
    if (p >= sorted.size() || (a < attrs->size() && (*attrs)[a].name < sorted[p].name)) {
      merged.push_back((*attrs)[a++]);
    } else {
      if (a < attrs->size() && (*attrs)[a].name == sorted[p].name) ++a;
      merged.push_back(sorted[p++]);
    }
  }
  attrs->swap(merged);
}

}  // namespace blockrt::olx::internal
