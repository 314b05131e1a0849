#include "store/types.h"

namespace blockrt::store {

std::string Ref::ToString() const {
  if (is_draft()) return "draft '" + draft_ + "'";
  if (is_latest()) return "latest";
  return "v" + std::to_string(version_);
}

const char* DraftChangeKindName(DraftChange::Kind kind) {
  switch (kind) {
    case DraftChange::Kind::kAdded:
      return "added";
    case DraftChange::Kind::kModified:
      return "modified";
    case DraftChange::Kind::kDeleted:
      return "deleted";
    case DraftChange::Kind::kLinkSet:
      return "link-set";
    case DraftChange::Kind::kLinkRemoved:
      return "link-removed";
  }
  return "?";
}

}  // namespace blockrt::store
