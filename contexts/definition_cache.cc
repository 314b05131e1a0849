#include "contexts/definition_cache.h"

#include <cstring>
#include <functional>
#include <mutex>

namespace blockrt::contexts {

DefinitionCache::DefinitionCache(size_t capacity)
    : per_shard_capacity_(capacity / kShards > 0 ? capacity / kShards : 1) {}

namespace {

// The definition inside a cache entry, sharing the entry's ownership.
std::shared_ptr<const olx::Definition> DefinitionOf(std::shared_ptr<const void> owner,
                                                    const olx::Definition* def) {
  return std::shared_ptr<const olx::Definition>(std::move(owner), def);
}

}  // namespace

DefinitionCache::Cached::Cached(std::string_view digest, olx::Definition&& def)
    : definition(std::move(def)) {
  if (digest.size() <= kInline) {
    std::memcpy(inline_digest, digest.data(), digest.size());
    inline_size = digest.size();
  } else {
    long_digest = std::string(digest);
  }
}

uint64_t DefinitionCache::HashOf(std::string_view digest) {
  uint64_t h = PathHash(digest);  // cheaper than std::hash; digests are random anyway
  return h == 0 ? 1 : h;
}

DefinitionCache::Shard& DefinitionCache::ShardFor(uint64_t hash) const {
  return shards_[(hash >> 56) % kShards];  // low bits pick the slot
}

const DefinitionCache::Slot* DefinitionCache::Shard::Find(uint64_t hash,
                                                          std::string_view digest) const {
  if (slots.empty()) return nullptr;
  const size_t mask = slots.size() - 1;
  for (size_t at = hash & mask;; at = (at + 1) & mask) {
    const Slot& s = slots[at];
    if (s.hash == 0) return nullptr;
    if (s.hash == hash && s.entry->digest() == digest) return &s;
  }
}

void DefinitionCache::Shard::Insert(uint64_t hash, std::shared_ptr<const Cached> entry) {
  if ((size + 1) * 2 > slots.size()) {
    std::vector<Slot> old = std::move(slots);
    slots.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    size = 0;
    for (Slot& s : old) {
      if (s.hash != 0) Insert(s.hash, std::move(s.entry));
    }
  }
  const size_t mask = slots.size() - 1;
  size_t at = hash & mask;
  while (slots[at].hash != 0) at = (at + 1) & mask;
  slots[at] = Slot{hash, std::move(entry)};
  ++size;
}

std::shared_ptr<const olx::Definition> DefinitionCache::Shared(const Slot& slot) {
  return DefinitionOf(slot.entry, &slot.entry->definition);  // shares the slot's ownership
}

std::shared_ptr<const olx::Definition> DefinitionCache::Lookup(uint64_t hash,
                                                               std::string_view digest) const {
  Shard& shard = ShardFor(hash);
  std::shared_lock lock(shard.mu);
  const Slot* found = shard.Find(hash, digest);
  return found != nullptr ? Shared(*found) : nullptr;
}

std::shared_ptr<const olx::Definition> DefinitionCache::Find(std::string_view digest) const {
  return Lookup(HashOf(digest), digest);
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

const olx::Definition* DefinitionCache::Held(const BundleSnapshot& snap, size_t index) const {
  const BundleSnapshot::Parsed& slot = snap.parsed[index];
  if (slot.state.load(std::memory_order_acquire) != 2) return nullptr;
  return slot.epoch == epoch_.load(std::memory_order_acquire) ? slot.definition.get() : nullptr;
}

Result<std::shared_ptr<const olx::Definition>> DefinitionCache::LoadFile(store::Store& store,
                                                                         const BundleSnapshot& snap,
                                                                         size_t index) {
  const uint64_t epoch = epoch_.load(std::memory_order_acquire);
  BundleSnapshot::Parsed& slot = snap.parsed[index];
  const uint8_t state = slot.state.load(std::memory_order_acquire);
  if (state == 2 && slot.epoch == epoch) return slot.definition;
  bool as_listed = true;
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const olx::Definition> def,
                           LoadDigest(store, snap, snap.files[index], &as_listed));
  // Set once: a reader may be copying `definition` at any time once the slot
  // is set, so it is never replaced (after Clear() it is only ignored). A
  // file that changed since the snapshot was listed is not the snapshot's.
  uint8_t empty = 0;
  if (as_listed && state == 0 &&
      slot.state.compare_exchange_strong(empty, 1, std::memory_order_acquire)) {
    slot.epoch = epoch;
    slot.definition = def;
    slot.state.store(2, std::memory_order_release);
  }
  return def;
}

Result<std::shared_ptr<const olx::Definition>> DefinitionCache::LoadDigest(
    store::Store& store, const BundleSnapshot& snap, const store::FileInfo& file, bool* as_listed) {
  uint64_t hash = HashOf(file.digest);
  if (std::shared_ptr<const olx::Definition> cached = Lookup(hash, file.digest)) {
    hits_.fetch_add(1, std::memory_order_relaxed);
    return cached;
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  // A draft is read by path, so a write since the snapshot was listed can
  // give newer bytes: they are cached under their own digest, never under
  // the listed one.
  std::string digest;
  BLOCKRT_ASSIGN_OR_RETURN(std::string bytes,
                           store.ReadFile(snap.bundle_uuid, snap.ref(), file.path, &digest));
  *as_listed = digest == file.digest;
  if (!*as_listed) {
    hash = HashOf(digest);
    // Newer bytes someone already parsed.
    if (std::shared_ptr<const olx::Definition> cached = Lookup(hash, digest)) return cached;
  }
  BLOCKRT_ASSIGN_OR_RETURN(olx::Definition def, olx::ParseDefinition(file.path, bytes));
  auto entry = std::make_shared<const Cached>(digest, std::move(def));
  return Insert(ShardFor(hash), hash, std::move(entry));
}

std::shared_ptr<const olx::Definition> DefinitionCache::Insert(
    Shard& shard, uint64_t hash, std::shared_ptr<const Cached> entry) {
  std::unique_lock lock(shard.mu);
  if (const Slot* found = shard.Find(hash, entry->digest())) {
    return Shared(*found);  // another thread parsed the same bytes first
  }
  if (shard.size >= per_shard_capacity_) {
    // Dropping an arbitrary half at once keeps eviction amortized O(1).
    std::vector<Slot> old = std::move(shard.slots);
    shard.slots.clear();
    shard.size = 0;
    size_t kept = 0;
    for (Slot& s : old) {
      if (s.hash != 0 && kept++ % 2 == 0) shard.Insert(s.hash, std::move(s.entry));
    }
  }
  const olx::Definition* def_ptr = &entry->definition;
  std::shared_ptr<const olx::Definition> out = DefinitionOf(entry, def_ptr);
  shard.Insert(hash, std::move(entry));
  return out;
}

void DefinitionCache::Clear() {
  epoch_.fetch_add(1, std::memory_order_acq_rel);
  for (Shard& shard : shards_) {
    std::unique_lock lock(shard.mu);
    shard.slots.clear();
    shard.size = 0;
  }
}

size_t DefinitionCache::size() const {
  size_t n = 0;
  for (Shard& shard : shards_) {
    std::shared_lock lock(shard.mu);
    n += shard.size;
  }
  return n;
}

}  // namespace blockrt::contexts
