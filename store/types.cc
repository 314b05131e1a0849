#include "store/types.h"

namespace blockrt::store {

std::string Ref::ToString() const {
  if (is_draft()) return "draft '" + draft_ + "'";
  if (is_latest()) return "latest";
  return "v" + std::to_string(version_);
}

}  // namespace blockrt::store
