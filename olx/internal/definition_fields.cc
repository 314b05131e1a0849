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

const BlockSchema& SchemaOrUnknown(const BlockSchema* schema) {
  static constexpr BlockSchema kUnknown = {"", true, DataKind::kNone, "", nullptr, 0};
  return schema != nullptr ? *schema : kUnknown;
}

namespace {

// def->fields from def->attributes (schema fields only), reserved exactly:
// large trees hold one of these per block.
void AttributeFields(const BlockSchema& s, Definition* def) {
  FieldSpecs specs(s, def->attributes);
  def->fields.reserve(specs.fields() + (s.data_kind != DataKind::kNone ? 1 : 0));
  for (size_t k = 0; k < def->attributes.size(); ++k) {
    const Attribute& a = def->attributes[k];
    if (specs[k] != nullptr) def->fields.push_back(FieldValue{a.name, a.value, specs[k]->scope});
  }
}

void InsertData(FieldValue data, Definition* def) {
  auto at = std::lower_bound(def->fields.begin(), def->fields.end(), data.name,
                             [](const FieldValue& f, const std::string& n) { return f.name < n; });
  def->fields.insert(at, std::move(data));
}

}  // namespace

void DeriveFields(Definition* def) {
  def->fields.clear();
  const BlockSchema* schema = FindBlockSchema(def->block_type);
  def->known_type = schema != nullptr;
  const BlockSchema& s = SchemaOrUnknown(schema);
  AttributeFields(s, def);
  if (s.data_kind == DataKind::kNone) return;
  FieldValue data{"data", "", FieldScope::kContent};
  if (s.data_kind == DataKind::kWholeElement) {
    data.value.reserve(ElementSize(def->block_type, def->attributes, def->body));
    AppendElement(&data.value, def->block_type, def->attributes, def->body);
    def->body = std::string();
  } else {
    data.value = std::move(def->body);
    def->body.clear();
  }
  InsertData(std::move(data), def);
}

std::string_view MarkupOf(const Definition& def) {
  const std::string* data = def.data();
  std::string_view view = data != nullptr ? std::string_view(*data) : std::string_view();
  return MarkupOf(def.block_type, data != nullptr ? &view : nullptr, def.body);
}

std::string_view MarkupOf(std::string_view block_type, const std::string_view* data,
                          std::string_view body) {
  const BlockSchema* schema = FindBlockSchema(block_type);
  if (schema == nullptr || schema->data_kind == DataKind::kNone || data == nullptr) return body;
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

}  // namespace blockrt::olx::internal
