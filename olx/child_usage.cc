#include "olx/child_usage.h"

namespace blockrt::olx {

std::string_view ChildUsageId(std::string_view usage_hint, std::string_view definition_id,
                              std::string_view parent_usage_id, bool parent_in_library_bundle,
                              std::string* scratch) {
  const std::string_view own = OwnUsageId(usage_hint, definition_id);
  if (parent_in_library_bundle) return own;
  scratch->assign(parent_usage_id);
  scratch->push_back('-');
  scratch->append(own);
  return *scratch;
}

}  // namespace blockrt::olx
