// Store::Impl: the SQLite connection, its statement cache and the
// transaction discipline every operation goes through. Internal to store/.
#ifndef BLOCKRT_STORE_INTERNAL_IMPL_H_
#define BLOCKRT_STORE_INTERNAL_IMPL_H_

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"
#include "base/status.h"
#include "store/store.h"

namespace blockrt::store {

// Maps an exception thrown by SQLiteCpp (or the allocator) to a Status.
Status StatusFromException(const std::exception& e);

// A prepared statement borrowed from the cache; reset on destruction so no
// read snapshot outlives the call that used it.
class Query {
 public:
  Query(SQLite::Statement* cached, bool* in_use) : stmt_(cached), in_use_(in_use) {}
  explicit Query(std::unique_ptr<SQLite::Statement> own)
      : own_(std::move(own)), stmt_(own_.get()) {}
  Query(Query&& o) noexcept : own_(std::move(o.own_)), stmt_(o.stmt_), in_use_(o.in_use_) {
    o.stmt_ = nullptr;
    o.in_use_ = nullptr;
  }
  Query(const Query&) = delete;
  ~Query() {
    if (stmt_ != nullptr) {
      stmt_->tryReset();
      stmt_->clearBindings();
    }
    if (in_use_ != nullptr) *in_use_ = false;
  }
  SQLite::Statement* operator->() { return stmt_; }
  SQLite::Statement& operator*() { return *stmt_; }

 private:
  std::unique_ptr<SQLite::Statement> own_;
  SQLite::Statement* stmt_;
  bool* in_use_ = nullptr;
};

// A bundle row resolved from a uuid or slug.
struct BundleRow {
  int64_t id = 0;
  std::string uuid;
  std::string slug;
  int64_t latest_version = 0;
};

struct DraftRow {
  int64_t id = 0;
  std::string name;
  int64_t base_version = 0;
  int64_t revision = 0;
};

struct Store::Impl {
  Impl(const std::string& path, int flags, int busy_ms) : path(path), db(path, flags, busy_ms) {}

  std::string path;
  SQLite::Database db;
  StoreOptions options;
  std::recursive_mutex mu;
  int txn_depth = 0;
  int64_t savepoint_seq = 0;

  Query Prepare(const char* sql);
  int64_t Now() const;

  // Runs `body` inside a write transaction (BEGIN IMMEDIATE at the outermost
  // level, a SAVEPOINT when nested) and commits iff it returns OK. Lock
  // timeouts become Conflict. Exceptions are caught and mapped.
  Status Write(const std::function<Status()>& body);
  // Runs `body` under the mutex, mapping exceptions; reads need no explicit
  // transaction (each statement sees a consistent WAL snapshot) except where
  // noted, and take one when they issue several statements.
  Status Read(const std::function<Status()>& body);

  Result<BundleRow> ResolveBundle(std::string_view bundle);
  // Draft by name; NotFound unless `create`, which makes one on the latest version.
  Result<DraftRow> ResolveDraft(const BundleRow& b, std::string_view name, bool create);
  // Bumps revision/updated_at after a draft write, checking expected_revision first.
  Status CheckRevision(const DraftRow& d, const WriteOptions& opts);
  void TouchDraft(const DraftRow& d);
  // Version number a Ref reads (latest, or the draft's base), validated.
  Result<int64_t> VersionFor(const BundleRow& b, const Ref& at, DraftRow* draft_out);

 private:
  struct Cached {
    std::unique_ptr<SQLite::Statement> stmt;
    bool in_use = false;
  };
  std::unordered_map<const char*, Cached> cache_;
};

}  // namespace blockrt::store

#endif  // BLOCKRT_STORE_INTERNAL_IMPL_H_
