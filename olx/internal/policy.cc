#include "olx/internal/policy.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "olx/internal/xml_scan.h"

namespace blockrt::olx::internal {

bool ParsePolicy(std::string_view path, std::string_view text, PolicyMap* out, Diagnostic* error) {
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

void ApplyPolicy(const std::vector<Attribute>& policy, std::vector<Attribute>* attrs) {
  for (const Attribute& p : policy) {
    auto it = std::lower_bound(attrs->begin(), attrs->end(), p.name,
                               [](const Attribute& a, const std::string& n) { return a.name < n; });
    if (it != attrs->end() && it->name == p.name) {
      it->value = p.value;
    } else {
      attrs->insert(it, p);
    }
  }
}

}  // namespace blockrt::olx::internal
