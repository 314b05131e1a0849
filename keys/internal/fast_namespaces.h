// The namespaces the fast path decides, found by one table probe: the
// namespace's length and the low bits of its second byte pick the slot.
#ifndef BLOCKRT_KEYS_INTERNAL_FAST_NAMESPACES_H_
#define BLOCKRT_KEYS_INTERNAL_FAST_NAMESPACES_H_

#include <cstddef>
#include <cstdint>

#include "keys/key_kind.h"

namespace blockrt::keys::internal {

// The fast path's namespaces, each at slot NamespaceSlot(length, second byte):
// the namespace length alone is ambiguous (lib/lct, block-v1/asset-v1).
struct FastNamespace {
  alignas(16) char text[16];  // "block-v1:" and zeros
  uint8_t len;                // 0 for an empty slot
  KeyKind kind;
  bool v2;
  // The canonical shape of a v1 locator of this kind (see CanonicalShape):
  // 2 or 3 untagged parts, then type@ and block@ when `tagged`.
  uint8_t untagged;
  bool tagged;
};

constexpr size_t NamespaceSlot(size_t colon, char second) {
  return (colon & 15) * 4 + (static_cast<unsigned char>(second) & 3);
}

constexpr FastNamespace Entry(const char* name, KeyKind kind, bool v2, uint8_t untagged = 0,
                              bool tagged = false) {
  FastNamespace e{};
  size_t len = 0;
  while (name[len] != 0) {
    e.text[len] = name[len];
    ++len;
  }
  e.text[len] = ':';
  e.len = static_cast<uint8_t>(len);
  e.kind = kind;
  e.v2 = v2;
  e.untagged = untagged;
  e.tagged = tagged;
  return e;
}

struct FastNamespaceTable {
  FastNamespace slots[64];
};

constexpr FastNamespaceTable MakeFastNamespaces() {
  FastNamespaceTable t{};
  const FastNamespace entries[] = {
      Entry("lb", KeyKind::kLibraryUsageLocatorV2, true),
      Entry("lib", KeyKind::kLibraryLocatorV2, true),
      Entry("lct", KeyKind::kLibraryContainerLocator, true),
      Entry("lib-collection", KeyKind::kLibraryCollectionLocator, true),
      Entry("block-v1", KeyKind::kBlockUsageLocator, false, 3, true),
      Entry("asset-v1", KeyKind::kAssetLocator, false, 3, true),
      Entry("course-v1", KeyKind::kCourseLocator, false, 3, false),
      Entry("library-v1", KeyKind::kLibraryLocator, false, 2, false),
      Entry("lib-block-v1", KeyKind::kLibraryUsageLocator, false, 2, true),
  };
  for (const FastNamespace& e : entries) t.slots[NamespaceSlot(e.len, e.text[1])] = e;
  return t;
}

constexpr FastNamespaceTable kFastNamespaceTable = MakeFastNamespaces();
constexpr const FastNamespace* kFastNamespaces = kFastNamespaceTable.slots;

// No two namespaces share a slot.
constexpr bool SlotsAreDistinct() {
  int filled = 0;
  for (const FastNamespace& e : kFastNamespaceTable.slots) filled += e.len != 0;
  return filled == 9;
}
static_assert(SlotsAreDistinct(), "two fast-path namespaces share a slot");

}  // namespace blockrt::keys::internal

#endif  // BLOCKRT_KEYS_INTERNAL_FAST_NAMESPACES_H_
