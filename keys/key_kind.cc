#include "keys/key_kind.h"

namespace blockrt::keys {
namespace {

struct KindInfo {
  std::string_view name;
  std::string_view ns;
};

// Indexed by KeyKind.
constexpr KindInfo kKinds[kNumKeyKinds] = {
    {"CourseLocator", "course-v1"},
    {"LibraryLocator", "library-v1"},
    {"LibraryLocatorV2", "lib"},
    {"BlockUsageLocator", "block-v1"},
    {"AssetLocator", "asset-v1"},
    {"LibraryUsageLocator", "lib-block-v1"},
    {"LibraryUsageLocatorV2", "lb"},
    {"DeprecatedLocation", "location"},
    {"DefinitionLocator", "def-v1"},
    {"BundleDefinitionLocator", "bundle-olx"},
    {"LibraryContainerLocator", "lct"},
    {"LibraryCollectionLocator", "lib-collection"},
    {"BlockTypeKeyV1", "block-type-v1"},
    {"AsideUsageKeyV1", "aside-usage-v1"},
    {"AsideUsageKeyV2", "aside-usage-v2"},
    {"AsideDefinitionKeyV1", "aside-def-v1"},
    {"AsideDefinitionKeyV2", "aside-def-v2"},
};

}  // namespace

std::string_view KindName(KeyKind kind) { return kKinds[static_cast<int>(kind)].name; }
std::string_view CanonicalNamespace(KeyKind kind) { return kKinds[static_cast<int>(kind)].ns; }

bool IsUsageKind(KeyKind kind) {
  switch (kind) {
    case KeyKind::kBlockUsageLocator:
    case KeyKind::kLibraryUsageLocator:
    case KeyKind::kLibraryUsageLocatorV2:
    case KeyKind::kDeprecatedLocation:
    case KeyKind::kAsideUsageKeyV1:
    case KeyKind::kAsideUsageKeyV2:
      return true;
    default:
      return false;
  }
}

bool IsContextKind(KeyKind kind) {
  return kind == KeyKind::kCourseLocator || kind == KeyKind::kLibraryLocator ||
         kind == KeyKind::kLibraryLocatorV2;
}

}  // namespace blockrt::keys
