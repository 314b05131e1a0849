// Edits made in a CourseDocument without finishing it, so one document can
// carry several (course_edit*.cc: the single edits of course_edit.h, and the
// library copies of library_copy_edit.h that add, rewrite and remove many
// blocks at once). Internal: exposes pugixml types through XmlElement.
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_DOCUMENT_EDITS_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_DOCUMENT_EDITS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "olx/course/internal/course_document.h"

namespace blockrt::olx::internal {

// SetCourseField's edit.
Status SetFieldIn(CourseDocument* doc, uint32_t block, std::string_view field,
                  std::string_view value);

// Inserts `text` as the child after `sibling`: on a line of its own, as
// indented as the sibling, when the sibling starts its line.
void InsertAfterElement(const XmlElement& sibling, const std::string& text);
// Inserts `text` as the child before `sibling`, the same way.
void InsertBeforeElement(const XmlElement& sibling, const std::string& text);
// Appends `text` as the last child of `parent`.
Status AppendChildText(const XmlElement& parent, const std::string& text);

// Removes the blocks `roots` (never the course root) and their subtrees:
// with `references`, the pointer/element that brings each root in from its
// parent's file; always the files no remaining block uses and the policy
// entries of ids no remaining block has.
Status RemoveSubtreesIn(CourseDocument* doc, const std::vector<uint32_t>& roots, bool references);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_DOCUMENT_EDITS_H_
