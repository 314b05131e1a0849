// DefinitionCache: parsed OLX definitions keyed by the content digest of their
// file, so identical bytes parse once whatever bundle, version or draft holds
// them. Shared by every runtime and thread; entries are immutable. A loaded
// definition is also kept in its snapshot's slot (BundleSnapshot::parsed), so
// later loads through the same snapshot are one atomic load, without a lock;
// those stay alive as long as the snapshot does, whatever the capacity.
#ifndef BLOCKRT_CONTEXTS_DEFINITION_CACHE_H_
#define BLOCKRT_CONTEXTS_DEFINITION_CACHE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "contexts/bundle_snapshots.h"
#include "olx/definition.h"

namespace blockrt::contexts {

class DefinitionCache {
 public:
  // Past `capacity` entries an arbitrary half is dropped (blocks in use keep
  // their definitions alive through shared_ptr).
  explicit DefinitionCache(size_t capacity = size_t{1} << 17);
  DefinitionCache(const DefinitionCache&) = delete;
  DefinitionCache& operator=(const DefinitionCache&) = delete;

  // The definition at `path` in `snap`: cached by digest, else read from the
  // store and parsed. NotFound when the snapshot has no such file; ParseError
  // (with location) for malformed OLX.
  Result<std::shared_ptr<const olx::Definition>> Load(store::Store& store,
                                                      const BundleSnapshot& snap,
                                                      std::string_view path);
  // The same for files[index] of `snap` (index < snap.files.size()).
  Result<std::shared_ptr<const olx::Definition>> LoadFile(store::Store& store,
                                                          const BundleSnapshot& snap, size_t index);
  std::shared_ptr<const olx::Definition> Find(std::string_view digest) const;
  // The definition of files[index] when `snap` already holds it (then owned by
  // the snapshot for its lifetime), else null. No reference is taken.
  const olx::Definition* Held(const BundleSnapshot& snap, size_t index) const;

  // Forgets every parsed definition, snapshot slots included (their contents
  // are ignored from then on; the next load of each file reads and parses).
  void Clear();
  size_t size() const;
  // Lookups of the digest map (snapshot slot hits are not counted: a shared
  // counter would make every thread's warm load write one cache line).
  uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }

 private:
  static constexpr size_t kShards = 16;
  struct Cached {
    // The digest inline when it fits (the store's are 40 hex digits), so an
    // entry is one allocation with its definition.
    static constexpr size_t kInline = 64;
    Cached(std::string_view digest, olx::Definition&& def);
    std::string_view digest() const {
      return long_digest.empty() ? std::string_view(inline_digest, inline_size) : long_digest;
    }
    char inline_digest[kInline];
    size_t inline_size = 0;
    std::string long_digest;
    olx::Definition definition;
  };
  // Open addressing on the digest's hash (never 0, which marks an empty slot):
  // one flat array per shard instead of a node and a key string per entry.
  struct Slot {
    uint64_t hash = 0;
    std::shared_ptr<const Cached> entry;
  };
  struct Shard {
    mutable std::shared_mutex mu;
    std::vector<Slot> slots;  // size 0 or a power of two, at most half full
    size_t size = 0;
    const Slot* Find(uint64_t hash, std::string_view digest) const;
    void Insert(uint64_t hash, std::shared_ptr<const Cached> entry);  // absent digest
  };
  static uint64_t HashOf(std::string_view digest);
  Shard& ShardFor(uint64_t hash) const;
  // *as_listed: the bytes read are the ones `file` lists (a draft may have
  // changed since).
  Result<std::shared_ptr<const olx::Definition>> LoadDigest(store::Store& store,
                                                            const BundleSnapshot& snap,
                                                            const store::FileInfo& file,
                                                            bool* as_listed);
  // The cached definition of `digest` (whose hash is `hash`), or null.
  std::shared_ptr<const olx::Definition> Lookup(uint64_t hash, std::string_view digest) const;
  static std::shared_ptr<const olx::Definition> Shared(const Slot& slot);
  // Adds `entry` unless its digest is there already; either way returns the
  // cached definition.
  std::shared_ptr<const olx::Definition> Insert(Shard& shard, uint64_t hash,
                                                std::shared_ptr<const Cached> entry);

  size_t per_shard_capacity_;
  std::atomic<uint64_t> epoch_{1};
  mutable Shard shards_[kShards];
  std::atomic<uint64_t> hits_{0}, misses_{0};
};

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_DEFINITION_CACHE_H_
