// The concrete key classes of opaque-keys and facts about them.
#ifndef BLOCKRT_KEYS_KEY_KIND_H_
#define BLOCKRT_KEYS_KEY_KIND_H_

#include <cstdint>
#include <string_view>

namespace blockrt::keys {

// DO NOT REORDER: used as an index into per-kind tables and counters.
enum class KeyKind : uint8_t {
  kCourseLocator,
  kLibraryLocator,
  kLibraryLocatorV2,
  kBlockUsageLocator,
  kAssetLocator,
  kLibraryUsageLocator,
  kLibraryUsageLocatorV2,
  kDeprecatedLocation,
  kDefinitionLocator,
  kBundleDefinitionLocator,
  kLibraryContainerLocator,
  kLibraryCollectionLocator,
  kBlockTypeKeyV1,
  kAsideUsageKeyV1,
  kAsideUsageKeyV2,
  kAsideDefinitionKeyV1,
  kAsideDefinitionKeyV2,
};
inline constexpr int kNumKeyKinds = 17;

// "CourseLocator", "LibraryUsageLocatorV2", ...
std::string_view KindName(KeyKind kind);
// "course-v1", "lb", ...
std::string_view CanonicalNamespace(KeyKind kind);
bool IsUsageKind(KeyKind kind);    // block-v1, lib-block-v1, lb, location, aside-usage
bool IsContextKind(KeyKind kind);  // course-v1, library-v1, lib

}  // namespace blockrt::keys

#endif  // BLOCKRT_KEYS_KEY_KIND_H_
