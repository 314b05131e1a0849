#include "contexts/definition_cache.h"

#include <functional>
#include <mutex>

namespace blockrt::contexts {

DefinitionCache::DefinitionCache(size_t capacity)
    : per_shard_capacity_(capacity / kShards > 0 ? capacity / kShards : 1) {}

DefinitionCache::Shard& DefinitionCache::ShardFor(std::string_view digest) const {
  return shards_[std::hash<std::string_view>()(digest) % kShards];
}

std::shared_ptr<const olx::Definition> DefinitionCache::Find(std::string_view digest) const {
  Shard& shard = ShardFor(digest);
  std::shared_lock lock(shard.mu);
  auto it = shard.map.find(std::string(digest));
  return it == shard.map.end() ? nullptr : it->second;
}

Result<std::shared_ptr<const olx::Definition>> DefinitionCache::Load(store::Store& store,
                                                                     const BundleSnapshot& snap,
                                                                     std::string_view path) {
  int64_t index = snap.IndexOf(path);
  if (index < 0) {
    return Status::NotFound("OLX file " + std::string(path) + " not found in bundle " +
                            snap.bundle_uuid + " (" + snap.ref().ToString() + ")");
  }
  return LoadFile(store, snap, static_cast<size_t>(index));
}

Result<std::shared_ptr<const olx::Definition>> DefinitionCache::LoadFile(store::Store& store,
                                                                         const BundleSnapshot& snap,
                                                                         size_t index) {
  const uint64_t epoch = epoch_.load(std::memory_order_acquire);
  std::atomic<const BundleSnapshot::Parsed*>& slot = snap.parsed[index];
  const BundleSnapshot::Parsed* have = slot.load(std::memory_order_acquire);
  if (have != nullptr && have->epoch == epoch) return have->definition;
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const olx::Definition> def,
                           LoadDigest(store, snap, snap.files[index]));
  if (have == nullptr) {
    // Set once: a reader may hold `have` at any time, so a filled slot is
    // never replaced (after Clear() it is only ignored).
    auto* fill = new BundleSnapshot::Parsed{def, epoch};
    const BundleSnapshot::Parsed* expected = nullptr;
    if (!slot.compare_exchange_strong(expected, fill, std::memory_order_acq_rel)) delete fill;
  }
  return def;
}

Result<std::shared_ptr<const olx::Definition>> DefinitionCache::LoadDigest(
    store::Store& store, const BundleSnapshot& snap, const store::FileInfo& file) {
  Shard& shard = ShardFor(file.digest);
  {
    std::shared_lock lock(shard.mu);
    auto it = shard.map.find(file.digest);
    if (it != shard.map.end()) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      return it->second;
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  BLOCKRT_ASSIGN_OR_RETURN(std::string bytes,
                           store.ReadFile(snap.bundle_uuid, snap.ref(), file.path));
  BLOCKRT_ASSIGN_OR_RETURN(olx::Definition def, olx::ParseDefinition(file.path, bytes));
  auto shared = std::make_shared<const olx::Definition>(std::move(def));
  std::unique_lock lock(shard.mu);
  if (shard.map.size() >= per_shard_capacity_) {
    // Dropping half at once keeps eviction amortized O(1) per insert.
    size_t drop = shard.map.size() / 2 + 1;
    for (auto it = shard.map.begin(); it != shard.map.end() && drop > 0; --drop) {
      it = shard.map.erase(it);
    }
  }
  auto [it, inserted] = shard.map.emplace(file.digest, std::move(shared));
  return it->second;
}

void DefinitionCache::Clear() {
  epoch_.fetch_add(1, std::memory_order_acq_rel);
  for (Shard& shard : shards_) {
    std::unique_lock lock(shard.mu);
    shard.map.clear();
  }
}

size_t DefinitionCache::size() const {
  size_t n = 0;
  for (Shard& shard : shards_) {
    std::shared_lock lock(shard.mu);
    n += shard.map.size();
  }
  return n;
}

}  // namespace blockrt::contexts
