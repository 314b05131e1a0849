// Definition: one OLX block definition parsed from a byte buffer the way the
// Open edX v2 (bundle) runtime reads TYPE/ID/definition.xml. Every attribute and
// all markup are kept, so WriteDefinition(ParseDefinition(x)) re-parses to an
// equal Definition. Parsing is hostile-input safe (see ParseOptions).
#ifndef BLOCKRT_OLX_DEFINITION_H_
#define BLOCKRT_OLX_DEFINITION_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "olx/schema.h"

namespace blockrt::olx {

struct Attribute {
  std::string name;
  std::string value;  // entity-expanded (&amp; -> &), as the XML means it
  bool operator==(const Attribute& o) const { return name == o.name && value == o.value; }
};

// A field with a value set in the OLX (defaults are not materialized; see schema.h).
struct FieldValue {
  std::string name;
  std::string value;  // raw OLX string; JSON-typed fields are not decoded here
  FieldScope scope = FieldScope::kSettings;
  bool operator==(const FieldValue& o) const {
    return name == o.name && value == o.value && scope == o.scope;
  }
};

// <xblock-include definition="TYPE/ID" [source="LINK"] [usage="ALIAS"]/>
struct Include {
  std::string block_type;
  std::string definition_id;
  std::string source;  // link name; empty = same bundle
  std::string usage;   // usage alias; empty = none (the child's id: child_usage.h)
  uint32_t line = 0, column = 0;

  std::string definition() const { return block_type + "/" + definition_id; }
  bool operator==(const Include& o) const {
    return block_type == o.block_type && definition_id == o.definition_id && source == o.source &&
           usage == o.usage;
  }
};

struct Definition {
  std::string path;         // as given to the parser (for messages)
  std::string block_type;   // the root tag
  bool known_type = false;  // FindBlockSchema(block_type) != nullptr
  // Every root attribute, sorted by name (duplicates are rejected).
  std::vector<Attribute> attributes;
  // Attributes that are fields of the type's schema, plus `data`; sorted by name.
  std::vector<FieldValue> fields;
  // Container children in document order (bundle format).
  std::vector<Include> includes;
  // The root's inner markup exactly as written (comments, CDATA, text). For
  // unknown types this is all their content, kept verbatim. Containers keep
  // only non-include markup here (children are `includes`); problem and html
  // keep their markup once, in the `data` field, and leave this empty.
  std::string body;

  const FieldValue* field(std::string_view name) const;
  const std::string* attribute(std::string_view name) const;
  // problem: the whole element; html: its inner markup; nullptr otherwise.
  const std::string* data() const { return field_ptr("data"); }
  bool operator==(const Definition& o) const;

 private:
  const std::string* field_ptr(std::string_view name) const;
};

struct ParseOptions {
  size_t max_bytes = 16u << 20;  // larger inputs are refused (InvalidArgument)
  uint32_t max_depth = 256;      // element nesting limit
  // Bundle format: a container's children must all be <xblock-include/> (the v2
  // runtime aborts otherwise). Off for course exports, where children are blocks.
  bool bundle = true;
};

// Parses one definition. Errors are ParseError/InvalidArgument whose message is
// "path:line:col: error: what\n<source line>\n<caret>" (ninja style). Rejects
// DOCTYPE/ENTITY declarations, undefined entities, duplicate attributes,
// invalid UTF-8 and oversize input.
Result<Definition> ParseDefinition(std::string_view path, std::string_view bytes,
                                   const ParseOptions& options = {});

// Writes a definition back to OLX as the reference serializer does: root tag =
// block type, attributes in sorted order, the body verbatim, then one
// <xblock-include/> per include. Ends with a newline.
std::string WriteDefinition(const Definition& definition);

// Parses an <xblock-include> element's attributes (the reference's
// parse_xblock_include rules and messages). `definition` must contain exactly one '/'.
Result<Include> ParseIncludeAttributes(std::string_view definition, std::string_view source,
                                       std::string_view usage);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_DEFINITION_H_
