#include "olx/internal/definition_fields.h"

#include <algorithm>

#include "olx/internal/xml_document.h"

namespace blockrt::olx::internal {

std::vector<Attribute> SortedAttributes(const pugi::xml_node& element) {
  std::vector<Attribute> attrs;
  for (pugi::xml_attribute a = element.first_attribute(); a; a = a.next_attribute()) {
    attrs.push_back(Attribute{a.name(), a.value()});
  }
  std::sort(attrs.begin(), attrs.end(),
            [](const Attribute& a, const Attribute& b) { return a.name < b.name; });
  return attrs;
}

void DeriveFields(Definition* def) {
  def->fields.clear();
  const BlockSchema* schema = FindBlockSchema(def->block_type);
  def->known_type = schema != nullptr;
  // Unknown (pure XBlock) types still get the fields every block has.
  static constexpr BlockSchema kUnknown = {"", true, DataKind::kNone, "", nullptr, 0};
  const BlockSchema& s = schema != nullptr ? *schema : kUnknown;
  for (const Attribute& a : def->attributes) {
    if (a.name == "data") continue;  // data comes from the markup, never an attribute
    if (const FieldSpec* spec = FindFieldSpec(s, a.name)) {
      def->fields.push_back(FieldValue{a.name, a.value, spec->scope});
    }
  }
  if (s.data_kind != DataKind::kNone) {
    FieldValue data{"data", "", FieldScope::kContent};
    if (s.data_kind == DataKind::kWholeElement) {
      data.value.reserve(def->block_type.size() * 2 + def->body.size() + 8 +
                         def->attributes.size() * 4);
      AppendElement(&data.value, def->block_type, def->attributes, def->body);
      data.value.shrink_to_fit();  // large trees hold many of these
    } else {
      data.value = std::move(def->body);
    }
    def->body.clear();
    def->body.shrink_to_fit();
    auto at =
        std::lower_bound(def->fields.begin(), def->fields.end(), data.name,
                         [](const FieldValue& f, const std::string& n) { return f.name < n; });
    def->fields.insert(at, std::move(data));
  }
}

std::string_view MarkupOf(const Definition& def) {
  const BlockSchema* schema = FindBlockSchema(def.block_type);
  const std::string* data = def.data();
  if (schema == nullptr || schema->data_kind == DataKind::kNone || data == nullptr) {
    return def.body;
  }
  std::string_view text = *data;
  if (schema->data_kind == DataKind::kInnerContent) return text;
  // Whole element: skip the start tag (quotes honored), stop at the last "</".
  char quote = 0;
  size_t i = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      break;
    }
  }
  if (i >= text.size() || text.empty() || text[0] != '<') return text;  // not an element
  if (text[i - 1] == '/') return std::string_view();
  size_t close = text.rfind("</");
  if (close == std::string_view::npos || close <= i) return text;
  return text.substr(i + 1, close - i - 1);
}

void AppendElement(std::string* out, std::string_view type, const std::vector<Attribute>& attrs,
                   std::string_view body) {
  *out += '<';
  *out += type;
  for (const Attribute& a : attrs) {
    *out += ' ';
    *out += a.name;
    *out += "=\"";
    AppendEscapedAttribute(out, a.value);
    *out += '"';
  }
  if (body.empty()) {
    *out += "/>";
    return;
  }
  *out += '>';
  *out += body;
  *out += "</";
  *out += type;
  *out += '>';
}

}  // namespace blockrt::olx::internal
