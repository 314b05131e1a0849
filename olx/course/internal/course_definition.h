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
void BuildCourseDefinition(Arena* arena, std::string_view block_type, const BlockSchema* schema,
                           const std::vector<CourseAttribute>& attrs, std::string_view markup,
                           std::string* scratch, CourseDefinition* out);

// Sets each of `extra` in def->fields (replacing fields of the same name),
// keeping them sorted; values must already live in the arena.
void MergeFields(Arena* arena, const std::vector<CourseField>& extra, CourseDefinition* def);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_COURSE_DEFINITION_H_
