// Shared by the bundle parser and the course loader: attribute collection,
// attribute → field mapping through the schema, and canonical element text.
#ifndef BLOCKRT_OLX_INTERNAL_DEFINITION_FIELDS_H_
#define BLOCKRT_OLX_INTERNAL_DEFINITION_FIELDS_H_

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "olx/definition.h"

namespace blockrt::olx::internal {

// Every attribute of `element`, sorted by name.
std::vector<Attribute> SortedAttributes(const pugi::xml_node& element);

// Rebuilds def->fields from def->attributes (schema fields only) plus `data`
// per the type's DataKind, computed from def->body, which is then moved into
// `data` (html) or cleared (problem) so the markup is held once.
void DeriveFields(Definition* def);
// DeriveFields for a definition whose inner markup is `markup` (a view into
// the source text; def->body is ignored): the markup is copied once, straight
// into `data` or `body`.
void DeriveFieldsFromMarkup(Definition* def, std::string_view markup);

// The root's inner markup: `body`, or for problem/html the part of `data` that
// the body was (problem: between its start tag and its end tag).
std::string_view MarkupOf(const Definition& def);

// The exact size AppendElement appends.
size_t ElementSize(std::string_view type, const std::vector<Attribute>& attrs,
                   std::string_view body);
// "<type a="1" b="2">body</type>" or "<type a="1"/>" when body is empty.
void AppendElement(std::string* out, std::string_view type, const std::vector<Attribute>& attrs,
                   std::string_view body);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_INTERNAL_DEFINITION_FIELDS_H_
