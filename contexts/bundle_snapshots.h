// BundleSnapshots caches, per (bundle, draft or version), the file listing and
// links the store reports, so resolving a usage costs no SQLite query while the
// content is unchanged. Writes through this library invalidate at once; other
// writers are noticed within `recheck` (the reference caches for 300 s).
#ifndef BLOCKRT_CONTEXTS_BUNDLE_SNAPSHOTS_H_
#define BLOCKRT_CONTEXTS_BUNDLE_SNAPSHOTS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "store/store.h"
#include "store/types.h"

namespace blockrt::olx {
struct Definition;
}  // namespace blockrt::olx

namespace blockrt::contexts {

// An immutable view of one bundle at one published version or draft.
struct BundleSnapshot {
  BundleSnapshot() = default;
  ~BundleSnapshot() = default;
  BundleSnapshot(const BundleSnapshot&) = delete;
  BundleSnapshot& operator=(const BundleSnapshot&) = delete;

  std::string bundle_uuid;
  std::string draft;                   // non-empty when the view is a draft that exists
  int64_t version = 0;                 // the published version seen (or the draft's base)
  int64_t revision = 0;                // the draft's revision; 0 for versions
  std::vector<store::FileInfo> files;  // sorted by path
  std::vector<store::LinkInfo> links;
  // Open-addressed path index over `files` (which never change after
  // BuildIndex()): each slot is (hash >> 32) << 32 | (index + 1), 0 = empty.
  // One flat array: no node per file to allocate, free or chase. The paths
  // are copied end to end into `path_bytes` (files[i]'s from path_start[i] to
  // path_start[i + 1]) so a probe compares within one dense buffer.
  std::vector<uint64_t> path_slots;
  std::string path_bytes;
  std::vector<uint32_t> path_start;

  // The parsed definition of files[i], set once by DefinitionCache on its
  // first load and never changed afterwards, so readers take no lock: `state`
  // goes 0 (empty) -> 1 (being set, by the one thread that won it) -> 2 (set).
  // `epoch` is the cache's epoch when set (DefinitionCache::Clear() moves it).
  struct Parsed {
    std::atomic<uint8_t> state{0};
    uint64_t epoch = 0;
    std::shared_ptr<const olx::Definition> definition;
  };
  std::unique_ptr<Parsed[]> parsed;  // files.size() slots

  // Builds the path index and the empty `parsed` slots; call once `files` is final.
  void BuildIndex();
  // The store reference that reads this exact view.
  store::Ref ref() const {
    return draft.empty() ? store::Ref::Version(version) : store::Ref::Draft(draft);
  }
  const store::FileInfo* Find(std::string_view path) const;
  // The index of `path` in `files`, or -1.
  int64_t IndexOf(std::string_view path) const;
  // For prefetching only: starts loading the index slot of a path whose
  // PathHash is `hash`, and (later) the first index whose slot tag matches it
  // (-1 for none), with no comparison of the path itself.
  void PrefetchSlot(uint64_t hash) const {
    if (!path_slots.empty()) __builtin_prefetch(&path_slots[hash & (path_slots.size() - 1)]);
  }
  int64_t Candidate(uint64_t hash) const;
  // files[index].path from the dense copy (index < files.size()).
  std::string_view PathAt(size_t index) const {
    return std::string_view(path_bytes)
        .substr(path_start[index], path_start[index + 1] - path_start[index]);
  }
  const store::LinkInfo* FindLink(std::string_view name) const;
};

class BundleSnapshots {
 public:
  explicit BundleSnapshots(store::Store* store,
                           std::chrono::milliseconds recheck = std::chrono::milliseconds(1000));
  BundleSnapshots(const BundleSnapshots&) = delete;
  BundleSnapshots& operator=(const BundleSnapshots&) = delete;

  store::Store* store() const { return store_; }

  // The latest published version (version 0, no files, when never published).
  Result<std::shared_ptr<const BundleSnapshot>> Latest(std::string_view bundle_uuid);
  // The named draft, or the latest published version when the draft does not
  // exist (the reference's fallback).
  Result<std::shared_ptr<const BundleSnapshot>> Draft(std::string_view bundle_uuid,
                                                      std::string_view draft);
  // Draft(), with the time (CoarseNowMs() scale) until which the view needs
  // no recheck against the store; INT64_MAX for views that cannot change.
  Result<std::shared_ptr<const BundleSnapshot>> Current(std::string_view bundle_uuid,
                                                        std::string_view draft,
                                                        int64_t* valid_until_ms);
  // A pinned published version (immutable, cached for good).
  Result<std::shared_ptr<const BundleSnapshot>> Version(std::string_view bundle_uuid,
                                                        int64_t version);

  // Forgets every view of `bundle_uuid` (after writing to it).
  void Invalidate(std::string_view bundle_uuid);
  // Moves on with every Invalidate(): callers that keep views of their own
  // compare it to know they must look again.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  int64_t recheck_ms() const { return recheck_ms_; }

 private:
  struct Entry {
    std::shared_ptr<const BundleSnapshot> snapshot;
    int64_t checked_at_ms = 0;  // CoarseNowMs() when last confirmed current
    bool pinned = false;        // a numbered version never changes
  };
  // kind: 'd' draft, 'l' latest, 'v' version.
  Result<std::shared_ptr<const BundleSnapshot>> Get(char kind, std::string_view bundle_uuid,
                                                    std::string_view draft, int64_t version,
                                                    int64_t* valid_until_ms = nullptr);
  Result<std::shared_ptr<const BundleSnapshot>> Build(std::string_view bundle_uuid,
                                                      std::string_view draft, int64_t version,
                                                      int64_t latest_hint);
  // Is `snap` still what the store would give? One cheap query.
  Result<bool> StillCurrent(const BundleSnapshot& snap, char kind, std::string_view draft);

  store::Store* store_;
  int64_t recheck_ms_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::atomic<uint64_t> generation_{0};
};

// The hash the contexts' flat tables use for paths and usage ids: 8 bytes per
// multiply, enough mixing for slots and a 32-bit tag (equality is always
// checked on the bytes, so it need not resist collisions).
uint64_t PathHash(std::string_view s);

// A millisecond monotonic clock cheap enough to read on every lookup (the
// coarse clock skips the TSC read; its ~4 ms tick is plenty for rechecks).
int64_t CoarseNowMs();

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_BUNDLE_SNAPSHOTS_H_
