// Shared by the bundle parser and the course loader: attribute collection,
// attribute → field mapping through the schema, and canonical element text.
#ifndef BLOCKRT_OLX_INTERNAL_DEFINITION_FIELDS_H_
#define BLOCKRT_OLX_INTERNAL_DEFINITION_FIELDS_H_

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "olx/definition.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx::internal {

// Every attribute of `element`, sorted by name.
std::vector<Attribute> SortedAttributes(const pugi::xml_node& element);

// The schema fields are looked up in: `schema`, or for an unknown (pure
// XBlock) type a stand-in that has only the fields every block has.
const BlockSchema& SchemaOrUnknown(const BlockSchema* schema);

// The field spec of each of a definition's attributes (nullptr for those that
// are not fields, and for `data`, which comes from the markup), looked up
// once. Attrs: a range of {name, value}.
class FieldSpecs {
 public:
  template <class Attrs>
  FieldSpecs(const BlockSchema& schema, const Attrs& attrs) {
    if (attrs.size() > kInline) {
      heap_.resize(attrs.size());
      specs_ = heap_.data();
    }
    size_t i = 0;
    for (const auto& a : attrs) {
      const FieldSpec* spec = a.name == "data" ? nullptr : FindFieldSpec(schema, a.name);
      specs_[i++] = spec;
      fields_ += spec != nullptr;
    }
  }
  FieldSpecs(const FieldSpecs&) = delete;
  FieldSpecs& operator=(const FieldSpecs&) = delete;

  const FieldSpec* operator[](size_t i) const { return specs_[i]; }
  size_t fields() const { return fields_; }  // attributes that are fields

 private:
  static constexpr size_t kInline = 64;  // more attributes than this are rare
  const FieldSpec* inline_[kInline];
  std::vector<const FieldSpec*> heap_;
  const FieldSpec** specs_ = inline_;
  size_t fields_ = 0;
};

// Rebuilds def->fields from def->attributes (schema fields only) plus `data`
// per the type's DataKind, computed from def->body, which is then moved into
// `data` (html) or cleared (problem) so the markup is held once.
void DeriveFields(Definition* def);

// The root's inner markup: `body`, or for problem/html the part of `data` that
// the body was (problem: between its start tag and its end tag).
std::string_view MarkupOf(const Definition& def);
// The same for any definition: its type, `data` (nullptr when none) and body.
std::string_view MarkupOf(std::string_view block_type, const std::string_view* data,
                          std::string_view body);

// The exact size AppendElement appends. Attrs: a range of {name, value}.
template <class Attrs>
size_t ElementSize(std::string_view type, const Attrs& attrs, std::string_view body) {
  size_t size = 1 + type.size() + (body.empty() ? 2 : 1 + body.size() + 2 + type.size() + 1);
  for (const auto& a : attrs) size += 1 + a.name.size() + 3 + EscapedAttributeSize(a.value);
  return size;
}

// "<type a="1" b="2">body</type>" or "<type a="1"/>" when body is empty.
template <class Attrs>
void AppendElement(std::string* out, std::string_view type, const Attrs& attrs,
                   std::string_view body) {
  *out += '<';
  *out += type;
  for (const auto& a : attrs) {
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

#endif  // BLOCKRT_OLX_INTERNAL_DEFINITION_FIELDS_H_
