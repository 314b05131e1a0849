// IncludeIndex: every usage some definition of a library bundle reaches through
// <xblock-include> (linked bundles too), with its definition and first parent
// (the reference's get_bundle_includes, plus cycle protection). Built once per
// bundle snapshot; immutable afterwards.
#ifndef BLOCKRT_CONTEXTS_INTERNAL_INCLUDE_INDEX_H_
#define BLOCKRT_CONTEXTS_INTERNAL_INCLUDE_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "contexts/bundle_snapshots.h"
#include "contexts/definition_cache.h"
#include "contexts/definition_locator.h"

namespace blockrt::contexts::internal {

// A bundle view definitions are read from: the library's own (origins[0]) or
// a linked bundle's pinned version.
struct IncludeOrigin {
  std::string bundle_uuid;
  uint64_t version = 0;
  std::string draft_name;
};

struct IncludedUsage {
  uint32_t parent = 0;        // IncludeIndex::parents[parent] first includes it
  std::string block_type;     // of the definition
  std::string definition_id;  // at "TYPE/ID/definition.xml" in origins[origin]
  uint32_t origin = 0;

  std::string olx_path() const;
};

struct IncludeIndex {
  std::vector<IncludeOrigin> origins;
  // "TYPE/USAGE_ID" of every block that includes another.
  std::vector<std::string> parents;
  // Every included usage: "TYPE/USAGE_ID" -> where it comes from, in a flat
  // open-addressed table over `entries` (no node per usage).
  struct Entry {
    std::string usage;  // "TYPE/USAGE_ID"
    IncludedUsage included;
  };
  std::vector<Entry> entries;
  std::vector<uint64_t> slots;  // (PathHash >> 32) << 32 | (entry index + 1); 0 = empty
  // file_parent[i]: the parent + 1 of the snapshot's files[i] ("TYPE/ID/
  // definition.xml" as usage "TYPE/ID"), or 0 when nothing includes it; one
  // dense array, read in file order where the entries lie in include-walk
  // order.
  std::vector<uint32_t> file_parent;
  // Definitions that could not be loaded or includes that could not be
  // resolved; skipped like the reference does (it logs them).
  std::vector<std::string> problems;

  DefinitionLocator Locator(const IncludedUsage& usage) const;
  const IncludedUsage* Find(std::string_view type, std::string_view id) const;
  // The index into `entries` of `usage`, or -1.
  int64_t IndexOf(std::string_view usage, uint64_t hash) const;
  // Adds `usage` unless present; returns its index and whether it is new.
  std::pair<size_t, bool> Insert(std::string_view usage);
};

// Builds the index of `snap` (the library's own bundle). `draft` is the draft
// name own definitions carry (the selector's, even when the snapshot fell back
// to published content).
Result<std::shared_ptr<const IncludeIndex>> BuildIncludeIndex(BundleSnapshots& snapshots,
                                                              DefinitionCache& definitions,
                                                              const BundleSnapshot& snap,
                                                              std::string_view draft);

// "TYPE/ID/definition.xml" with exactly two slashes -> (TYPE, ID); false otherwise.
bool SplitOlxPath(std::string_view path, std::string_view* type, std::string_view* id);

// The locator of own file `path` in `snap` as seen through `draft`.
DefinitionLocator OwnLocator(const BundleSnapshot& snap, std::string_view draft,
                             std::string_view type, std::string_view path);

}  // namespace blockrt::contexts::internal

#endif  // BLOCKRT_CONTEXTS_INTERNAL_INCLUDE_INDEX_H_
