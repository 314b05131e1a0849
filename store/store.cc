// Store lifecycle, the Impl transaction discipline, bundles and versions.
#include "store/store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <random>

#include "store/internal/impl.h"
#include "store/internal/schema.h"
#include "store/internal/validate.h"

namespace blockrt::store {

Status StatusFromException(const std::exception& e) {
  if (const auto* se = dynamic_cast<const SQLite::Exception*>(&e)) {
    switch (se->getErrorCode()) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return Status::Conflict(std::string("store is locked by another writer: ") + e.what());
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        return Status::Corruption(std::string("database file is damaged: ") + e.what());
      case SQLITE_CANTOPEN:
      case SQLITE_IOERR:
      case SQLITE_FULL:
      case SQLITE_READONLY:
        return Status::IOError(std::string("database I/O failed: ") + e.what());
      case SQLITE_CONSTRAINT:
        return Status::Conflict(std::string("concurrent change: ") + e.what());
      default:
        return Status::Internal(std::string("sqlite: ") + e.what());
    }
  }
  if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) {
    return Status::Internal("out of memory");
  }
  return Status::Internal(e.what());
}

Query Store::Impl::Prepare(const char* sql) {
  Cached& c = cache_[sql];
  if (c.in_use) return Query(std::make_unique<SQLite::Statement>(db, sql));
  if (!c.stmt) c.stmt = std::make_unique<SQLite::Statement>(db, sql);
  c.in_use = true;
  return Query(c.stmt.get(), &c.in_use);
}

int64_t Store::Impl::Now() const {
  if (options.now_micros) return options.now_micros();
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status Store::Impl::Write(const std::function<Status()>& body) {
  std::lock_guard<std::recursive_mutex> lock(mu);
  if (options.read_only) return Status::PermissionDenied("store was opened read-only");
  std::string savepoint;
  try {
    if (txn_depth == 0) {
      db.exec("BEGIN IMMEDIATE");
    } else {
      savepoint = "sp" + std::to_string(++savepoint_seq);
      db.exec("SAVEPOINT " + savepoint);
    }
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
  ++txn_depth;
  Status st;
  try {
    st = body();
  } catch (const std::exception& e) {
    st = StatusFromException(e);
  }
  --txn_depth;
  try {
    if (savepoint.empty()) {
      if (st.ok()) {
        db.exec("COMMIT");
      } else {
        db.exec("ROLLBACK");
      }
    } else {
      if (!st.ok()) db.exec("ROLLBACK TO " + savepoint);
      db.exec("RELEASE " + savepoint);
    }
  } catch (const std::exception& e) {
    Status commit_st = StatusFromException(e);
    if (savepoint.empty() && !db.getHandle()) return commit_st;
    // A failed COMMIT leaves the transaction open; roll it back so the
    // connection stays usable and nothing half-done survives.
    if (savepoint.empty()) sqlite3_exec(db.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
    return st.ok() ? commit_st : st;
  }
  return st;
}

Status Store::Impl::Read(const std::function<Status()>& body) {
  std::lock_guard<std::recursive_mutex> lock(mu);
  bool own_txn = txn_depth == 0;
  try {
    // One read transaction so multi-statement reads see one snapshot.
    if (own_txn) Prepare("BEGIN")->exec();  // cached: reads are the hot path
    ++txn_depth;
    Status st = body();
    --txn_depth;
    if (own_txn) Prepare("COMMIT")->exec();
    return st;
  } catch (const std::exception& e) {
    if (own_txn) {
      txn_depth = 0;
      sqlite3_exec(db.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
    } else {
      --txn_depth;
    }
    return StatusFromException(e);
  }
}

Result<BundleRow> Store::Impl::ResolveBundle(std::string_view bundle) {
  Query q = Prepare(LooksLikeUuid(bundle)
                        ? "SELECT id, uuid, slug, latest_version FROM bundle WHERE uuid = ?"
                        : "SELECT id, uuid, slug, latest_version FROM bundle WHERE slug = ?");
  q->bind(1, std::string(bundle));
  if (!q->executeStep()) {
    return Status::NotFound("no bundle with " +
                            std::string(LooksLikeUuid(bundle) ? "uuid" : "slug") + " '" +
                            std::string(bundle) + "'");
  }
  BundleRow row;
  row.id = q->getColumn(0).getInt64();
  row.uuid = q->getColumn(1).getString();
  row.slug = q->getColumn(2).getString();
  row.latest_version = q->getColumn(3).getInt64();
  return row;
}

Result<int64_t> Store::Impl::VersionFor(const BundleRow& b, const Ref& at, DraftRow* draft_out) {
  if (at.is_draft()) {
    BLOCKRT_ASSIGN_OR_RETURN(DraftRow d, ResolveDraft(b, at.draft(), false));
    int64_t base = d.base_version;
    if (draft_out != nullptr) *draft_out = std::move(d);
    return base;
  }
  if (at.is_latest()) return b.latest_version;
  if (at.version() < 1 || at.version() > b.latest_version) {
    return Status::NotFound("bundle '" + b.slug + "' has no version " +
                            std::to_string(at.version()) + " (latest is " +
                            std::to_string(b.latest_version) + ")");
  }
  return at.version();
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

const std::string& Store::path() const { return impl_->path; }

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  if (path.empty()) return Status::InvalidArgument("store path is empty");
  if (!options.create_if_missing || options.read_only) {
    // SQLite's CANTOPEN does not say why; a missing file is the usual typo.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) {
      return Status::IOError("no store at '" + path + "': file does not exist");
    }
  }
  int flags = options.read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
  if (options.create_if_missing && !options.read_only) flags |= SQLite::OPEN_CREATE;
  std::unique_ptr<Impl> impl;
  try {
    impl = std::make_unique<Impl>(path, flags, options.busy_timeout_ms);
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_CANTOPEN) {
      return Status::IOError("cannot open store '" + path + "': " + e.what());
    }
    return StatusFromException(e).WithContext(path);
  }
  impl->options = options;
  try {
    if (!options.read_only) {
      // WAL lets readers run beside the one writer; NORMAL sync in WAL mode
      // cannot corrupt on a crash, only lose the last commits on power loss.
      impl->db.exec("PRAGMA journal_mode = WAL");
      impl->db.exec(options.sync_full ? "PRAGMA synchronous = FULL"
                                      : "PRAGMA synchronous = NORMAL");
    }
    impl->db.exec("PRAGMA foreign_keys = ON");
    // A larger page cache than SQLite's 2 MiB default lets warm reads of a
    // large bundle come from memory instead of a pread per page.
    impl->db.exec("PRAGMA cache_size = " +
                  std::to_string(-std::max<int64_t>(options.cache_bytes >> 10, 256)));
    BLOCKRT_RETURN_IF_ERROR(EnsureSchema(impl->db, options.read_only).WithContext(path));
  } catch (const std::exception& e) {
    return StatusFromException(e).WithContext(path);
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

namespace {

std::string NewUuid4() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  uint64_t hi = gen(), lo = gen();
  hi = (hi & ~0xf000ULL) | 0x4000ULL;                          // version 4
  lo = (lo & ~0xc000000000000000ULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    uint64_t word = i < 16 ? hi : lo;
    int shift = 60 - 4 * (i % 16);
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    out += kHex[(word >> shift) & 0xf];
  }
  return out;
}

BundleInfo BundleFromRow(SQLite::Statement& q) {
  BundleInfo b;
  b.uuid = q.getColumn(0).getString();
  b.slug = q.getColumn(1).getString();
  b.title = q.getColumn(2).getString();
  b.description = q.getColumn(3).getString();
  b.latest_version = q.getColumn(4).getInt64();
  b.created_at = q.getColumn(5).getInt64();
  return b;
}

VersionInfo VersionFromRow(SQLite::Statement& q) {
  VersionInfo v;
  v.version = q.getColumn(0).getInt64();
  v.change_description = q.getColumn(1).getString();
  v.author = q.getColumn(2).getString();
  v.created_at = q.getColumn(3).getInt64();
  v.files_changed = q.getColumn(4).getInt64();
  return v;
}

}  // namespace

Result<BundleInfo> Store::CreateBundle(const NewBundle& spec) {
  std::string uuid = spec.uuid.empty() ? NewUuid4() : spec.uuid;
  if (!LooksLikeUuid(uuid)) {
    return Status::InvalidArgument("bundle uuid '" + uuid +
                                   "' is not a lowercase 8-4-4-4-12 hex uuid");
  }
  BLOCKRT_RETURN_IF_ERROR(ValidateSlug(spec.slug));
  BLOCKRT_RETURN_IF_ERROR(ValidateText("title", spec.title, kMaxTitleBytes));
  BLOCKRT_RETURN_IF_ERROR(ValidateText("description", spec.description, kMaxDescriptionBytes));
  BundleInfo info;
  Status st = impl_->Write([&]() -> Status {
    Query dup = impl_->Prepare("SELECT uuid, slug FROM bundle WHERE uuid = ? OR slug = ?");
    dup->bind(1, uuid);
    dup->bind(2, spec.slug);
    if (dup->executeStep()) {
      if (dup->getColumn(0).getString() == uuid) {
        return Status::AlreadyExists("a bundle with uuid " + uuid + " already exists");
      }
      return Status::AlreadyExists("a bundle with slug '" + spec.slug + "' already exists");
    }
    info = BundleInfo{uuid, spec.slug, spec.title, spec.description, 0, impl_->Now()};
    Query ins = impl_->Prepare(
        "INSERT INTO bundle(uuid, slug, title, description, latest_version, created_at) "
        "VALUES(?, ?, ?, ?, 0, ?)");
    ins->bind(1, info.uuid);
    ins->bind(2, info.slug);
    ins->bind(3, info.title);
    ins->bind(4, info.description);
    ins->bind(5, static_cast<int64_t>(info.created_at));
    ins->exec();
    return Status::OK();
  });
  if (!st.ok()) return st;
  return info;
}

Result<BundleInfo> Store::GetBundle(std::string_view bundle) {
  BundleInfo out;
  Status st = impl_->Read([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    Query q = impl_->Prepare(
        "SELECT uuid, slug, title, description, latest_version, created_at FROM bundle "
        "WHERE id = ?");
    q->bind(1, static_cast<int64_t>(b.id));
    if (!q->executeStep()) return Status::NotFound("bundle vanished");
    out = BundleFromRow(*q);
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<BundleInfo>> Store::ListBundles() {
  std::vector<BundleInfo> out;
  Status st = impl_->Read([&]() -> Status {
    Query q = impl_->Prepare(
        "SELECT uuid, slug, title, description, latest_version, created_at FROM bundle "
        "ORDER BY slug");
    while (q->executeStep()) out.push_back(BundleFromRow(*q));
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<VersionInfo>> Store::ListVersions(std::string_view bundle) {
  std::vector<VersionInfo> out;
  Status st = impl_->Read([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    Query q = impl_->Prepare(
        "SELECT num, change_description, author, created_at, files_changed FROM version "
        "WHERE bundle_id = ? ORDER BY num");
    q->bind(1, static_cast<int64_t>(b.id));
    while (q->executeStep()) out.push_back(VersionFromRow(*q));
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

Result<VersionInfo> Store::GetVersion(std::string_view bundle, int64_t version) {
  VersionInfo out;
  Status st = impl_->Read([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    Query q = impl_->Prepare(
        "SELECT num, change_description, author, created_at, files_changed FROM version "
        "WHERE bundle_id = ? AND num = ?");
    q->bind(1, static_cast<int64_t>(b.id));
    q->bind(2, static_cast<int64_t>(version));
    if (!q->executeStep()) {
      return Status::NotFound("bundle '" + b.slug + "' has no version " + std::to_string(version) +
                              " (latest is " + std::to_string(b.latest_version) + ")");
    }
    out = VersionFromRow(*q);
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

Status Store::Transact(const std::function<Status()>& fn) { return impl_->Write(fn); }

}  // namespace blockrt::store
