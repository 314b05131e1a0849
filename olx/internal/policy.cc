#include "olx/internal/policy.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "olx/internal/xml_scan.h"

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

bool ParsePolicy(std::string_view path, std::string_view text, PolicyMap* out, Diagnostic* error,
                 std::vector<Diagnostic>* dropped) {
  out->clear();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    size_t offset = e.byte > 0 ? static_cast<size_t>(e.byte - 1) : 0;
    TextPosition pos = PositionOf(text, offset);
    *error = Diagnostic{Severity::kError, std::string(path), pos.line, pos.column,
                        "invalid JSON policy (ignored): " + std::string(e.what())};
    return false;
  } catch (const nlohmann::json::exception& e) {
    // e.g. out_of_range for a number literal that overflows a double.
    *error = Diagnostic{Severity::kError, std::string(path), 0, 0,
                        "unusable JSON policy (ignored): " + std::string(e.what())};
    return false;
  }
  if (!doc.is_object()) {
    *error = Diagnostic{Severity::kError, std::string(path), 0, 0,
                        "policy is not a JSON object (ignored)"};
    return false;
  }
  try {
    for (auto& [key, fields] : doc.items()) {
      if (!fields.is_object()) continue;
      std::vector<Attribute>& attrs = (*out)[key];
      for (auto& [name, value] : fields.items()) {
        if (!IsXmlName(name)) {
          dropped->push_back(Diagnostic{
              Severity::kWarning, std::string(path), 0, 0,
              "policy field '" + name + "' of " + key + " is not a valid attribute name; ignored"});
          continue;
        }
        attrs.push_back(
            Attribute{name, value.is_string() ? value.get<std::string>() : value.dump()});
      }
    }
  } catch (const nlohmann::json::exception& e) {
    out->clear();
    *error = Diagnostic{Severity::kError, std::string(path), 0, 0,
                        "unusable JSON policy (ignored): " + std::string(e.what())};
    return false;
  }
  return true;
}

void ApplyPolicy(const std::vector<Attribute>& policy, std::vector<CourseAttribute>* attrs) {
  for (const Attribute& p : policy) {
    auto it =
        std::lower_bound(attrs->begin(), attrs->end(), p.name,
                         [](const CourseAttribute& a, const std::string& n) { return a.name < n; });
    if (it != attrs->end() && it->name == p.name) {
      it->value = p.value;
    } else {
      attrs->insert(it, CourseAttribute{p.name, p.value});
    }
  }
}

}  // namespace blockrt::olx::internal
