// Per-block-type field schema: which OLX attributes are known fields, their
// scope (content or settings), their class default and whether they inherit
// down the tree (edx-platform InheritableFieldsMixin). Static tables; no
// allocation, safe from any thread.
#ifndef BLOCKRT_OLX_SCHEMA_H_
#define BLOCKRT_OLX_SCHEMA_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace blockrt::olx {

enum class FieldScope : uint8_t { kContent, kSettings };
std::string_view FieldScopeName(FieldScope scope);  // "content" / "settings"

// The JSON type of a field's value (the XBlock field class), so policy
// values of the wrong type can be reported. kAny: not checked.
enum class FieldType : uint8_t { kAny, kString, kBoolean, kInteger, kFloat, kDate, kList, kDict };
std::string_view FieldTypeName(FieldType type);  // "a string", "an integer"...

struct FieldSpec {
  std::string_view name;
  FieldScope scope;
  std::string_view default_json;  // the class default as JSON ("null", "\"Text\"", "[]")
  bool inheritable;
  FieldType type = FieldType::kAny;
};

// Where a definition's `data` field comes from.
enum class DataKind : uint8_t {
  kNone,          // no data field (containers, pure XBlocks)
  kWholeElement,  // problem: the whole root element
  kInnerContent,  // html: the root's inner markup
};

struct BlockSchema {
  std::string_view block_type;
  bool has_children;
  DataKind data_kind;
  std::string_view display_name_default;  // "" when the class has none
  const FieldSpec* fields;                // the type's own fields (not inheritable ones)
  size_t num_fields;
};

// The schema of a known block type, or nullptr for an unknown (pure XBlock) type.
const BlockSchema* FindBlockSchema(std::string_view block_type);

// The field `name` of `schema` (its own fields, then the inheritable settings and
// the common ones every block has: display_name, xblock-family...). nullptr when
// the type has no such field; the attribute is then kept verbatim only.
const FieldSpec* FindFieldSpec(const BlockSchema& schema, std::string_view name);

// Every known block type's schema, sorted by type.
const BlockSchema* AllBlockSchemas(size_t* count);

// Inheritable settings in the reference's table order.
const FieldSpec* InheritableFields(size_t* count);
bool IsInheritable(std::string_view name);

// The seed's library defaults (`<problem display_name="bob"
// default-display_name="superbob"/>`, written by library_content sync): for
// an attribute "default-FIELD" where FIELD is a settings field of `schema`,
// FIELD (the schema's static name); "" for any other attribute. Content is
// never a library default (a sync replaces the definition).
std::string_view LibraryDefaultField(const BlockSchema& schema, std::string_view attribute);

// The display name a block of this type shows when its OLX sets none: the class
// default when non-empty, else the type itself (xblock_type_display_name).
std::string_view DefaultDisplayName(std::string_view block_type);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_SCHEMA_H_
