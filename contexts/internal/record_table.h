// One cached record table of a learning context ("libraries", "courses"):
// records of type Info (which has a `key`) kept as JSON in one store record
// table, read through a per-key cache until Forget(). The encoding is the
// caller's (RecordCodec); the caching, transactions and messages are here,
// once for every context.
#ifndef BLOCKRT_CONTEXTS_INTERNAL_RECORD_TABLE_H_
#define BLOCKRT_CONTEXTS_INTERNAL_RECORD_TABLE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/result.h"
#include "store/store.h"

namespace blockrt::contexts::internal {

template <typename Info>
struct RecordCodec {
  std::string_view table;  // the store record table
  std::string_view noun;   // in messages: "content library 'KEY' does not exist"
  std::string (*encode)(const Info& info);
  Result<Info> (*decode)(std::string_view key, std::string_view bytes);
};

template <typename Info>
class RecordTable {
 public:
  RecordTable(store::Store* store, RecordCodec<Info> codec) : store_(store), codec_(codec) {}

  // NotFound (naming the record) when no record has that key.
  Result<std::shared_ptr<const Info>> Get(std::string_view key) const {
    // A record read while a Forget() ran may predate the write: it is
    // returned (the read raced the write) but not cached.
    const uint64_t generation = generation_.load(std::memory_order_acquire);
    {
      std::shared_lock lock(mu_);
      // C++17 unordered_map has no heterogeneous find; reuse a thread buffer.
      thread_local std::string probe;
      probe.assign(key.data(), key.size());
      auto it = cache_.find(probe);
      if (it != cache_.end()) return it->second;
    }
    BLOCKRT_ASSIGN_OR_RETURN(Info info, ReadStored(key));
    auto shared = std::make_shared<const Info>(std::move(info));
    std::unique_lock lock(mu_);
    if (generation_.load(std::memory_order_relaxed) == generation)
      cache_[std::string(key)] = shared;
    return shared;
  }

  Status Put(const Info& info) {
    BLOCKRT_RETURN_IF_ERROR(store_->PutRecord(codec_.table, info.key, codec_.encode(info)));
    Forget(info.key);
    return Status::OK();
  }

  // Read-modify-write of one record in a single store write transaction
  // (BEGIN IMMEDIATE: other processes wait for it), reading the stored
  // record, not the cache, so a concurrent grant or revocation is never
  // overwritten by a stale copy. `change` returning an error writes nothing.
  Status Update(std::string_view key, const std::function<Status(Info*)>& change) {
    Status st = store_->Transact([&]() -> Status {
      BLOCKRT_ASSIGN_OR_RETURN(Info info, ReadStored(key));
      BLOCKRT_RETURN_IF_ERROR(change(&info));
      return store_->PutRecord(codec_.table, key, codec_.encode(info));
    });
    Forget(key);
    return st;
  }

  // NotFound when no record has that key.
  Status Remove(std::string_view key) {
    Status st = store_->DeleteRecord(codec_.table, key);
    Forget(key);
    return st.IsNotFound() ? Missing(key) : st;
  }

  Result<std::vector<Info>> List() const {
    BLOCKRT_ASSIGN_OR_RETURN(std::vector<store::Record> records, store_->ListRecords(codec_.table));
    std::vector<Info> out;
    out.reserve(records.size());
    for (const store::Record& r : records) {
      BLOCKRT_ASSIGN_OR_RETURN(Info info, codec_.decode(r.key, r.value));
      out.push_back(std::move(info));
    }
    return out;
  }

  void Forget(std::string_view key) {
    std::unique_lock lock(mu_);
    cache_.erase(std::string(key));
    generation_.fetch_add(1, std::memory_order_acq_rel);
  }

  // Moves on with every Forget(): callers keeping records of their own
  // compare it to know they must look again.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  Status Missing(std::string_view key) const {
    return Status::NotFound(std::string(codec_.noun) + " '" + std::string(key) +
                            "' does not exist");
  }
  // The stored record of `key` (not the cache); NotFound names the record.
  Result<Info> ReadStored(std::string_view key) const {
    Result<std::string> raw = store_->GetRecord(codec_.table, key);
    if (!raw.ok()) return raw.status().IsNotFound() ? Missing(key) : raw.status();
    return codec_.decode(key, *raw);
  }

  store::Store* store_;
  RecordCodec<Info> codec_;
  mutable std::shared_mutex mu_;
  mutable std::unordered_map<std::string, std::shared_ptr<const Info>> cache_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace blockrt::contexts::internal

#endif  // BLOCKRT_CONTEXTS_INTERNAL_RECORD_TABLE_H_
