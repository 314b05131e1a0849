// The on-disk schema (documented in store/FORMAT.md) and its migrations.
#ifndef BLOCKRT_STORE_INTERNAL_SCHEMA_H_
#define BLOCKRT_STORE_INTERNAL_SCHEMA_H_

#include <cstdint>

#include "base/status.h"

namespace SQLite {
class Database;
}

namespace blockrt::store {

inline constexpr int kSchemaVersion = 2;
// PRAGMA application_id marking a blockrt store ("BlRt").
inline constexpr int32_t kApplicationId = 0x426c5274;

// Creates the schema in an empty database, or migrates an older one to
// kSchemaVersion in one transaction. May throw SQLite::Exception.
Status EnsureSchema(SQLite::Database& db, bool read_only);

}  // namespace blockrt::store

#endif  // BLOCKRT_STORE_INTERNAL_SCHEMA_H_
