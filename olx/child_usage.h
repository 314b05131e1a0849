// The usage id of a child reached through an <xblock-include> (the reference's
// LibraryBundle usage_for_child_include): its usage= hint, else its definition
// id; prefixed with "PARENT_USAGE_ID-" when the parent's definition lives
// outside the library's own bundle (reached through a link), so prefixes
// accumulate down a linked subtree. The one home of this rule.
#ifndef BLOCKRT_OLX_CHILD_USAGE_H_
#define BLOCKRT_OLX_CHILD_USAGE_H_

#include <string>
#include <string_view>

#include "olx/definition.h"

namespace blockrt::olx {

// The child's id before any parent prefix: usage= when non-empty (the
// reference tests its truthiness), else the definition id. A view of one of them.
inline std::string_view OwnUsageId(std::string_view usage_hint, std::string_view definition_id) {
  return usage_hint.empty() ? definition_id : usage_hint;
}
inline std::string_view OwnUsageId(const Include& include) {
  return OwnUsageId(include.usage, include.definition_id);
}

// The child's usage id as a view: into usage_hint or definition_id when no
// prefix applies (nothing copied, as hot paths want), else into *scratch, which
// then holds the prefixed id. Valid while those strings are unchanged.
std::string_view ChildUsageId(std::string_view usage_hint, std::string_view definition_id,
                              std::string_view parent_usage_id, bool parent_in_library_bundle,
                              std::string* scratch);

// The same for a parsed include (its usage= and definition id).
inline std::string_view ChildUsageId(const Include& include, std::string_view parent_usage_id,
                                     bool parent_in_library_bundle, std::string* scratch) {
  return ChildUsageId(include.usage, include.definition_id, parent_usage_id,
                      parent_in_library_bundle, scratch);
}

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_CHILD_USAGE_H_
