#include "store/internal/schema.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

namespace blockrt::store {
namespace {

// Version 1. Files use "latest entry <= V" rows: file_version holds one row
// per (path, version that wrote or deleted it), so a commit writes only the
// changed paths and a read at V is one descending index probe.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE bundle(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  latest_version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL);
CREATE TABLE version(
  bundle_id INTEGER NOT NULL REFERENCES bundle(id),
  num INTEGER NOT NULL CHECK(num >= 1),
  change_description TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  files_changed INTEGER NOT NULL,
  links_version INTEGER NOT NULL,
  PRIMARY KEY(bundle_id, num)) WITHOUT ROWID;
CREATE TABLE blob(
  id INTEGER PRIMARY KEY,
  digest TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  inline_data BLOB);
CREATE TABLE blob_chunk(
  blob_id INTEGER NOT NULL REFERENCES blob(id),
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY(blob_id, seq));
CREATE TABLE path(
  id INTEGER PRIMARY KEY,
  bundle_id INTEGER NOT NULL REFERENCES bundle(id),
  path TEXT NOT NULL,
  UNIQUE(bundle_id, path));
CREATE TABLE file_version(
  path_id INTEGER NOT NULL REFERENCES path(id),
  version INTEGER NOT NULL,
  blob_id INTEGER REFERENCES blob(id),
  PRIMARY KEY(path_id, version)) WITHOUT ROWID;
CREATE INDEX file_version_by_blob ON file_version(blob_id);
CREATE TABLE version_link(
  bundle_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  target_bundle_id INTEGER NOT NULL REFERENCES bundle(id),
  target_version INTEGER NOT NULL,
  PRIMARY KEY(bundle_id, version, name)) WITHOUT ROWID;
CREATE TABLE version_dependency(
  bundle_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  dep_bundle_id INTEGER NOT NULL REFERENCES bundle(id),
  dep_version INTEGER NOT NULL,
  PRIMARY KEY(bundle_id, version, dep_bundle_id, dep_version)) WITHOUT ROWID;
CREATE TABLE draft(
  id INTEGER PRIMARY KEY,
  bundle_id INTEGER NOT NULL REFERENCES bundle(id),
  name TEXT NOT NULL,
  base_version INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE(bundle_id, name));
CREATE TABLE draft_file(
  draft_id INTEGER NOT NULL REFERENCES draft(id),
  path TEXT NOT NULL,
  blob_id INTEGER REFERENCES blob(id),
  PRIMARY KEY(draft_id, path)) WITHOUT ROWID;
CREATE INDEX draft_file_by_blob ON draft_file(blob_id);
CREATE TABLE draft_link(
  draft_id INTEGER NOT NULL REFERENCES draft(id),
  name TEXT NOT NULL,
  target_bundle_id INTEGER REFERENCES bundle(id),
  target_version INTEGER,
  PRIMARY KEY(draft_id, name)) WITHOUT ROWID;
CREATE TABLE record(
  id INTEGER PRIMARY KEY,
  tbl TEXT NOT NULL,
  key TEXT NOT NULL,
  value BLOB NOT NULL,
  UNIQUE(tbl, key));
)sql";

// Version 2: every file row records the digest of the bytes written at that
// path, independently of the blob it points at, so a blob_id pointed at
// another blob (or a blob row gone) is Corruption on read and in verify
// instead of another file's bytes or a silently vanished file.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE file_version ADD COLUMN digest TEXT;
ALTER TABLE draft_file ADD COLUMN digest TEXT;
UPDATE file_version SET digest = (SELECT digest FROM blob WHERE blob.id = file_version.blob_id)
  WHERE blob_id IS NOT NULL;
UPDATE draft_file SET digest = (SELECT digest FROM blob WHERE blob.id = draft_file.blob_id)
  WHERE blob_id IS NOT NULL;
)sql";

// migrations[i] takes a store from schema version i to i + 1. Index 0 creates
// the schema from nothing; later steps ALTER in place.
constexpr const char* kMigrations[] = {kSchemaV1, kSchemaV2};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion);

}  // namespace

Status EnsureSchema(SQLite::Database& db, bool read_only) {
  int version = db.execAndGet("PRAGMA user_version").getInt();
  int app_id = db.execAndGet("PRAGMA application_id").getInt();
  int tables = db.execAndGet("SELECT count(*) FROM sqlite_master").getInt();
  if (version < 0) {
    // Only a foreign or hand-edited file has a negative user_version; the
    // migration table is indexed by it, so it must never get that far.
    return Status::Corruption("not a blockrt store: unsupported schema version " +
                              std::to_string(version));
  }
  if (version == 0 && tables > 0) {
    return Status::Corruption("not a blockrt store: database has tables but no schema version");
  }
  if (version > 0 && app_id != kApplicationId) {
    return Status::Corruption("not a blockrt store: application_id is " + std::to_string(app_id));
  }
  if (version > kSchemaVersion) {
    return Status::NotSupported("store schema version " + std::to_string(version) +
                                " is newer than this build supports (" +
                                std::to_string(kSchemaVersion) + ")");
  }
  if (version == kSchemaVersion) return Status::OK();
  if (read_only) {
    return Status::FailedPrecondition("store needs migration from schema " +
                                      std::to_string(version) + " but was opened read-only");
  }
  SQLite::Transaction txn(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Re-read under the write lock: another process may have migrated meanwhile.
  version = db.execAndGet("PRAGMA user_version").getInt();
  for (int v = version; v < kSchemaVersion; ++v) db.exec(kMigrations[v]);
  db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  txn.commit();
  return Status::OK();
}

}  // namespace blockrt::store
