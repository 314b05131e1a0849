// The generic record table the upper layers keep their own state in.
#include "store/internal/impl.h"
#include "store/internal/validate.h"
#include "store/store.h"

namespace blockrt::store {

Status Store::PutRecord(std::string_view table, std::string_view key, std::string_view value) {
  BLOCKRT_RETURN_IF_ERROR(ValidateTableName(table));
  if (key.empty()) return Status::InvalidArgument("record key is empty");
  return impl_->Write([&]() -> Status {
    Query q = impl_->Prepare(
        "INSERT INTO record(tbl, key, value) VALUES(?, ?, ?) "
        "ON CONFLICT(tbl, key) DO UPDATE SET value = excluded.value");
    q->bind(1, std::string(table));
    q->bind(2, std::string(key));
    q->bindNoCopy(3, value.data(), static_cast<int>(value.size()));
    q->exec();
    return Status::OK();
  });
}

Result<std::string> Store::GetRecord(std::string_view table, std::string_view key) {
  BLOCKRT_RETURN_IF_ERROR(ValidateTableName(table));
  std::string out;
  Status st = impl_->Read([&]() -> Status {
    Query q = impl_->Prepare("SELECT value FROM record WHERE tbl = ? AND key = ?");
    q->bind(1, std::string(table));
    q->bind(2, std::string(key));
    if (!q->executeStep()) {
      return Status::NotFound("no record '" + std::string(key) + "' in table '" +
                              std::string(table) + "'");
    }
    SQLite::Column c = q->getColumn(0);
    out.assign(static_cast<const char*>(c.getBlob()), static_cast<size_t>(c.getBytes()));
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

Status Store::DeleteRecord(std::string_view table, std::string_view key) {
  BLOCKRT_RETURN_IF_ERROR(ValidateTableName(table));
  return impl_->Write([&]() -> Status {
    Query q = impl_->Prepare("DELETE FROM record WHERE tbl = ? AND key = ?");
    q->bind(1, std::string(table));
    q->bind(2, std::string(key));
    if (q->exec() == 0) {
      return Status::NotFound("no record '" + std::string(key) + "' in table '" +
                              std::string(table) + "'");
    }
    return Status::OK();
  });
}

Result<std::vector<Record>> Store::ListRecords(std::string_view table,
                                               std::string_view key_prefix) {
  BLOCKRT_RETURN_IF_ERROR(ValidateTableName(table));
  std::vector<Record> out;
  Status st = impl_->Read([&]() -> Status {
    Query q =
        impl_->Prepare("SELECT key, value FROM record WHERE tbl = ? AND key >= ? ORDER BY key");
    q->bind(1, std::string(table));
    q->bind(2, std::string(key_prefix));
    while (q->executeStep()) {
      SQLite::Column k = q->getColumn(0);
      std::string_view key(k.getText(), static_cast<size_t>(k.getBytes()));
      if (key.compare(0, key_prefix.size(), key_prefix) != 0) break;
      SQLite::Column v = q->getColumn(1);
      out.push_back(Record{std::string(key), std::string(static_cast<const char*>(v.getBlob()),
                                                         static_cast<size_t>(v.getBytes()))});
    }
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

}  // namespace blockrt::store
