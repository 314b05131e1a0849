#include "contexts/bundle_snapshots.h"

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace blockrt::contexts {
namespace {

// Builds the map key without allocating once the thread's buffer has grown.
const std::string& EntryKey(char kind, std::string_view bundle, std::string_view draft,
                            int64_t version) {
  thread_local std::string key;
  key.clear();
  key.push_back(kind);
  key.append(bundle);
  key.push_back('\0');
  if (kind == 'd') key.append(draft);
  if (kind == 'v') key.append(std::to_string(version));
  return key;
}

}  // namespace

uint64_t PathHash(std::string_view s) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  uint64_t h = s.size() * kMul;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  if (i < s.size()) std::memcpy(&tail, s.data() + i, s.size() - i);
  h = (h ^ tail) * kMul;
  h ^= h >> 32;
  return h * kMul;
}

int64_t CoarseNowMs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

void BundleSnapshot::BuildIndex() {
  size_t capacity = 8;
  while (capacity < files.size() * 2) capacity *= 2;
  path_slots.assign(capacity, 0);
  const size_t mask = capacity - 1;
  size_t bytes = 0;
  for (const store::FileInfo& f : files) bytes += f.path.size();
  path_bytes.clear();
  path_bytes.reserve(bytes);
  path_start.clear();
  path_start.reserve(files.size() + 1);
  for (const store::FileInfo& f : files) {
    path_start.push_back(static_cast<uint32_t>(path_bytes.size()));
    path_bytes.append(f.path);
  }
  path_start.push_back(static_cast<uint32_t>(path_bytes.size()));
  for (size_t i = 0; i < files.size(); ++i) {
    const uint64_t h = PathHash(files[i].path);
    size_t at = h & mask;
    while (path_slots[at] != 0) at = (at + 1) & mask;
    path_slots[at] = (h & ~uint64_t{0xffffffff}) | (i + 1);
  }
  parsed = std::make_unique<Parsed[]>(files.size());
}

int64_t BundleSnapshot::IndexOf(std::string_view path) const {
  if (path_slots.empty()) return -1;
  const uint64_t h = PathHash(path);
  const size_t mask = path_slots.size() - 1;
  for (size_t at = h & mask;; at = (at + 1) & mask) {
    const uint64_t slot = path_slots[at];
    if (slot == 0) return -1;
    const size_t index = (slot & 0xffffffff) - 1;
    if ((slot >> 32) != (h >> 32)) continue;
    const uint32_t start = path_start[index], size = path_start[index + 1] - start;
    if (size == path.size() && path_bytes.compare(start, size, path) == 0) {
      return static_cast<int64_t>(index);
    }
  }
}

int64_t BundleSnapshot::Candidate(uint64_t hash) const {
  if (path_slots.empty()) return -1;
  const size_t mask = path_slots.size() - 1;
  for (size_t at = hash & mask;; at = (at + 1) & mask) {
    const uint64_t slot = path_slots[at];
    if (slot == 0) return -1;
    if ((slot >> 32) == (hash >> 32)) return static_cast<int64_t>((slot & 0xffffffff) - 1);
  }
}

const store::FileInfo* BundleSnapshot::Find(std::string_view path) const {
  int64_t index = IndexOf(path);
  return index < 0 ? nullptr : &files[static_cast<size_t>(index)];
}

const store::LinkInfo* BundleSnapshot::FindLink(std::string_view name) const {
  for (const store::LinkInfo& l : links) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

BundleSnapshots::BundleSnapshots(store::Store* store, std::chrono::milliseconds recheck)
    : store_(store), recheck_ms_(recheck.count()) {}

Result<std::shared_ptr<const BundleSnapshot>> BundleSnapshots::Latest(std::string_view bundle) {
  return Get('l', bundle, {}, 0);
}

Result<std::shared_ptr<const BundleSnapshot>> BundleSnapshots::Draft(std::string_view bundle,
                                                                     std::string_view draft) {
  if (draft.empty()) return Get('l', bundle, {}, 0);
  return Get('d', bundle, draft, 0);
}

Result<std::shared_ptr<const BundleSnapshot>> BundleSnapshots::Current(std::string_view bundle,
                                                                       std::string_view draft,
                                                                       int64_t* valid_until_ms) {
  if (draft.empty()) return Get('l', bundle, {}, 0, valid_until_ms);
  return Get('d', bundle, draft, 0, valid_until_ms);
}

Result<std::shared_ptr<const BundleSnapshot>> BundleSnapshots::Version(std::string_view bundle,
                                                                       int64_t version) {
  if (version <= 0) {
    return Status::InvalidArgument("bundle version must be positive, got " +
                                   std::to_string(version));
  }
  return Get('v', bundle, {}, version);
}

void BundleSnapshots::Invalidate(std::string_view bundle) {
  std::unique_lock lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    std::string_view k = it->first;
    if (k.size() > bundle.size() + 1 && k.substr(1, bundle.size()) == bundle &&
        k[bundle.size() + 1] == '\0' && !it->second.pinned) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

Result<std::shared_ptr<const BundleSnapshot>> BundleSnapshots::Get(char kind,
                                                                   std::string_view bundle,
                                                                   std::string_view draft,
                                                                   int64_t version,
                                                                   int64_t* valid_until_ms) {
  const int64_t now = CoarseNowMs();
  // A view read from the store while an Invalidate() ran may predate the
  // write: it is returned (the read raced the write) but not cached.
  const uint64_t generation = generation_.load(std::memory_order_acquire);
  int64_t unused;
  int64_t& valid_until = valid_until_ms != nullptr ? *valid_until_ms : unused;
  valid_until = kind == 'v' ? INT64_MAX : now + recheck_ms_;
  const std::string& key = EntryKey(kind, bundle, draft, version);
  std::shared_ptr<const BundleSnapshot> stale;
  {
    std::shared_lock lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
      if (it->second.pinned) return it->second.snapshot;
      if (now - it->second.checked_at_ms < recheck_ms_) {
        valid_until = it->second.checked_at_ms + recheck_ms_;
        return it->second.snapshot;
      }
      stale = it->second.snapshot;
    }
  }
  std::string owned_key = key;  // `key` is a thread-local buffer reused below
  // Called with mu_ held exclusively (Invalidate() moves the generation so).
  auto cache = [&](std::shared_ptr<const BundleSnapshot> snap, bool pinned) {
    if (generation_.load(std::memory_order_relaxed) == generation) {
      entries_[owned_key] = Entry{std::move(snap), now, pinned};
    }
  };
  if (stale) {
    BLOCKRT_ASSIGN_OR_RETURN(bool current, StillCurrent(*stale, kind, draft));
    if (current) {
      std::unique_lock lock(mu_);
      cache(stale, false);
      return stale;
    }
  }
  if (kind == 'v') {
    // The latest view is usually built already and lists the same files.
    std::shared_lock lock(mu_);
    auto it = entries_.find(EntryKey('l', bundle, {}, 0));
    if (it != entries_.end() && it->second.snapshot->draft.empty() &&
        it->second.snapshot->version == version) {
      std::shared_ptr<const BundleSnapshot> same = it->second.snapshot;
      lock.unlock();
      std::unique_lock wlock(mu_);
      cache(same, true);
      return same;
    }
  }
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, Build(bundle, kind == 'd' ? draft : std::string_view(),
                                            kind == 'v' ? version : 0, 0));
  std::unique_lock lock(mu_);
  cache(snap, kind == 'v');
  return snap;
}

Result<bool> BundleSnapshots::StillCurrent(const BundleSnapshot& snap, char kind,
                                           std::string_view draft) {
  if (kind == 'd' && store_->DraftExists(snap.bundle_uuid, draft)) {
    BLOCKRT_ASSIGN_OR_RETURN(store::DraftInfo info, store_->GetDraft(snap.bundle_uuid, draft));
    return !snap.draft.empty() && info.revision == snap.revision &&
           info.base_version == snap.version;
  }
  BLOCKRT_ASSIGN_OR_RETURN(store::BundleInfo info, store_->GetBundle(snap.bundle_uuid));
  return snap.draft.empty() && info.latest_version == snap.version;
}

Result<std::shared_ptr<const BundleSnapshot>> BundleSnapshots::Build(std::string_view bundle,
                                                                     std::string_view draft,
                                                                     int64_t version, int64_t) {
  BLOCKRT_ASSIGN_OR_RETURN(store::BundleInfo info, store_->GetBundle(bundle));
  // A draft's info, files and links are separate reads (the store's only
  // multi-statement transaction takes the write lock), so a write landing
  // between them is caught by reading the revision again and retrying. The
  // revision kept is the one read first: a torn view can only look older than
  // its contents, which the next recheck replaces.
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    auto snap = std::make_shared<BundleSnapshot>();
    snap->bundle_uuid = info.uuid;
    Result<store::DraftInfo> d = draft.empty() ? Result<store::DraftInfo>(Status::NotFound(""))
                                               : store_->GetDraft(info.uuid, draft);
    if (d.ok()) {
      snap->draft = std::string(draft);
      snap->version = d->base_version;
      snap->revision = d->revision;
    } else if (!d.status().IsNotFound()) {
      return d.status();
    } else if (version > 0) {
      if (version > info.latest_version) {
        return Status::NotFound("bundle " + info.uuid + " has no version " +
                                std::to_string(version));
      }
      snap->version = version;
    } else {
      snap->version = info.latest_version;
    }
    if (snap->draft.empty() && snap->version == 0) {
      return std::shared_ptr<const BundleSnapshot>(std::move(snap));  // never published: empty
    }
    store::Ref ref = snap->ref();
    BLOCKRT_ASSIGN_OR_RETURN(snap->files, store_->ListFiles(info.uuid, ref));
    auto by_path = [](const store::FileInfo& a, const store::FileInfo& b) {
      return a.path < b.path;
    };
    if (!std::is_sorted(snap->files.begin(), snap->files.end(), by_path)) {
      std::sort(snap->files.begin(), snap->files.end(), by_path);
    }
    BLOCKRT_ASSIGN_OR_RETURN(snap->links, store_->ListLinks(info.uuid, ref));
    if (!snap->draft.empty() && attempt < kAttempts) {
      Result<store::DraftInfo> again = store_->GetDraft(info.uuid, draft);
      if (!again.ok() || again->revision != snap->revision) continue;
    }
    snap->BuildIndex();
    return std::shared_ptr<const BundleSnapshot>(std::move(snap));
  }
}

}  // namespace blockrt::contexts
