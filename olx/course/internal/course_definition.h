// Builds a loaded block's CourseDefinition in the course's arena, with the
// same fields DeriveFields gives a Definition: schema fields from the final
// attributes, `data` per the type's DataKind, the rest of the markup as body.
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_COURSE_DEFINITION_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_COURSE_DEFINITION_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/arena.h"
#include "olx/course/course.h"

namespace blockrt::olx::internal {

// `attrs` are the block's final attributes, sorted by name, viewing anything
// (they are copied); `markup` is the root's inner markup. `scratch` is reused
// for the problem element. `block_type` must outlive the course (a schema's
// name or an arena copy); `schema` is FindBlockSchema(block_type).
//
// A problem's `data` is its element as the XML modulestore keeps it
// (XmlMixin.clean_metadata_from_xml before definition_from_xml): the
// element's own attributes before the policy merge (`element_attrs`, sorted;
// nullptr when they are `attrs`) without those that are settings fields of
// the schema (its own, inheritable, display_name) or their library defaults
// (default-FIELD, schema.h). Content and unknown
// attributes stay; url_name and import-only ones were never in `attrs`.
void BuildCourseDefinition(Arena* arena, std::string_view block_type, const BlockSchema* schema,
                           const std::vector<CourseAttribute>& attrs, std::string_view markup,
                           std::string* scratch, CourseDefinition* out,
                           const std::vector<CourseAttribute>* element_attrs = nullptr);

// True when `name` is a settings field of `schema` (SchemaOrUnknown applied)
// or a library default of one (LibraryDefaultField): an attribute that is
// settings, not content, so it is kept out of a problem's `data`.
bool IsSettingsAttribute(const BlockSchema& schema, std::string_view name);

// Sets each of `extra` in def->fields (replacing fields of the same name),
// keeping them sorted; values must already live in the arena.
void MergeFields(Arena* arena, const std::vector<CourseField>& extra, CourseDefinition* def);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_COURSE_DEFINITION_H_
