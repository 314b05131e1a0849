// Garbage collection of unreferenced blobs and full digest verification.
#include "store/digest.h"
#include "store/internal/impl.h"
#include "store/store.h"

namespace blockrt::store {
namespace {

// Every place a blob is used, for verify's report.
std::vector<std::string> UsersOf(Store::Impl& s, int64_t blob_id) {
  std::vector<std::string> out;
  Query q = s.Prepare(
      "SELECT b.slug, 'v' || fv.version, p.path FROM file_version fv "
      "JOIN path p ON p.id = fv.path_id JOIN bundle b ON b.id = p.bundle_id "
      "WHERE fv.blob_id = ?1 "
      "UNION ALL SELECT b.slug, 'draft ''' || d.name || '''', df.path FROM draft_file df "
      "JOIN draft d ON d.id = df.draft_id JOIN bundle b ON b.id = d.bundle_id "
      "WHERE df.blob_id = ?1 ORDER BY 1, 2, 3");
  q->bind(1, static_cast<int64_t>(blob_id));
  while (q->executeStep()) {
    out.push_back(q->getColumn(0).getString() + " " + q->getColumn(1).getString() + ":" +
                  q->getColumn(2).getString());
  }
  return out;
}

}  // namespace

Result<GcStats> Store::CollectGarbage() {
  GcStats stats;
  Status st = impl_->Write([&]() -> Status {
    Store::Impl& s = *impl_;
    s.db.exec(
        "CREATE TEMP TABLE IF NOT EXISTS gc_dead(id INTEGER PRIMARY KEY, size INTEGER);"
        "DELETE FROM gc_dead;"
        "INSERT INTO gc_dead SELECT id, size FROM blob b "
        "WHERE NOT EXISTS(SELECT 1 FROM file_version WHERE blob_id = b.id) "
        "  AND NOT EXISTS(SELECT 1 FROM draft_file WHERE blob_id = b.id);");
    Query sum = s.Prepare("SELECT count(*), coalesce(sum(size), 0) FROM gc_dead");
    if (sum->executeStep()) {
      stats.blobs_removed = sum->getColumn(0).getInt64();
      stats.bytes_removed = sum->getColumn(1).getInt64();
    }
    s.db.exec(
        "DELETE FROM blob_chunk WHERE blob_id IN (SELECT id FROM gc_dead);"
        "DELETE FROM blob WHERE id IN (SELECT id FROM gc_dead);"
        "DELETE FROM gc_dead;");
    return Status::OK();
  });
  if (!st.ok()) return st;
  return stats;
}

Result<VerifyReport> Store::Verify() {
  VerifyReport report;
  Status st = impl_->Read([&]() -> Status {
    Store::Impl& s = *impl_;
    Query ic = s.Prepare("PRAGMA quick_check");
    while (ic->executeStep()) {
      std::string line = ic->getColumn(0).getString();
      if (line != "ok") report.problems.push_back(VerifyProblem{"", "sqlite: " + line, {}});
    }
    // Structural invariants a torn or hand-edited file could break.
    static const char* const kChecks[][2] = {
        {"SELECT b.slug FROM bundle b WHERE b.latest_version != "
         "(SELECT count(*) FROM version v WHERE v.bundle_id = b.id) OR EXISTS("
         "SELECT 1 FROM version v WHERE v.bundle_id = b.id AND v.num > b.latest_version)",
         "versions are not exactly 1..latest_version"},
        {"SELECT b.slug || ' draft ' || d.name FROM draft d JOIN bundle b ON b.id = d.bundle_id "
         "WHERE d.base_version > b.latest_version",
         "draft is based on a version that does not exist"},
        {"SELECT coalesce(o.slug, '?') || ' v' || fv.version || ':' || coalesce(p.path, '?') || "
         "' (blob ' || fv.blob_id || ')' FROM file_version fv "
         "LEFT JOIN path p ON p.id = fv.path_id LEFT JOIN bundle o ON o.id = p.bundle_id "
         "LEFT JOIN blob b ON b.id = fv.blob_id WHERE fv.blob_id IS NOT NULL AND b.id IS NULL "
         "UNION ALL SELECT coalesce(o.slug, '?') || ' draft ' || coalesce(d.name, '?') || ':' || "
         "df.path || ' (blob ' || df.blob_id || ')' FROM draft_file df "
         "LEFT JOIN draft d ON d.id = df.draft_id LEFT JOIN bundle o ON o.id = d.bundle_id "
         "LEFT JOIN blob b ON b.id = df.blob_id WHERE df.blob_id IS NOT NULL AND b.id IS NULL",
         "file refers to a missing blob"},
        // Per-path digests: a row pointed at another (sound) blob would serve
        // that blob's bytes while every blob still hashes right.
        {"SELECT b.slug || ' v' || fv.version || ':' || p.path FROM file_version fv "
         "JOIN path p ON p.id = fv.path_id JOIN bundle b ON b.id = p.bundle_id "
         "JOIN blob bl ON bl.id = fv.blob_id WHERE fv.digest IS NOT bl.digest "
         "UNION ALL SELECT b.slug || ' draft ' || d.name || ':' || df.path FROM draft_file df "
         "JOIN draft d ON d.id = df.draft_id JOIN bundle b ON b.id = d.bundle_id "
         "JOIN blob bl ON bl.id = df.blob_id WHERE df.digest IS NOT bl.digest",
         "file points at a blob whose digest is not the one recorded for its path"},
    };
    for (const auto& check : kChecks) {
      Query q = s.Prepare(check[0]);
      while (q->executeStep()) {
        report.problems.push_back(VerifyProblem{"", check[1], {q->getColumn(0).getString()}});
      }
    }
    // Walk blobs in id order, streaming chunks so memory stays bounded.
    Query blobs = s.Prepare("SELECT id, digest, size, inline_data IS NULL FROM blob ORDER BY id");
    while (blobs->executeStep()) {
      int64_t id = blobs->getColumn(0).getInt64();
      std::string digest = blobs->getColumn(1).getString();
      int64_t size = blobs->getColumn(2).getInt64();
      bool chunked = blobs->getColumn(3).getInt() != 0;
      Blake2b h(20);
      int64_t seen = 0;
      bool chunk_gap = false;
      if (!chunked) {
        Query q = s.Prepare("SELECT inline_data FROM blob WHERE id = ?");
        q->bind(1, static_cast<int64_t>(id));
        if (q->executeStep()) {
          SQLite::Column c = q->getColumn(0);
          h.Update(std::string_view(static_cast<const char*>(c.getBlob()),
                                    static_cast<size_t>(c.getBytes())));
          seen = c.getBytes();
        }
      } else {
        Query q = s.Prepare("SELECT seq, data FROM blob_chunk WHERE blob_id = ? ORDER BY seq");
        q->bind(1, static_cast<int64_t>(id));
        int64_t expect = 0;
        while (q->executeStep()) {
          if (q->getColumn(0).getInt64() != expect++) chunk_gap = true;
          SQLite::Column c = q->getColumn(1);
          h.Update(std::string_view(static_cast<const char*>(c.getBlob()),
                                    static_cast<size_t>(c.getBytes())));
          seen += c.getBytes();
        }
      }
      ++report.blobs_checked;
      report.bytes_checked += seen;
      std::string actual = ToHex(h.Final());
      std::string why;
      if (chunk_gap) {
        why = "a chunk is missing";
      } else if (seen != size) {
        why = "size is " + std::to_string(seen) + ", recorded " + std::to_string(size);
      } else if (actual != digest) {
        why = "bytes hash to " + actual;
      }
      if (!why.empty()) report.problems.push_back(VerifyProblem{digest, why, UsersOf(s, id)});
    }
    return Status::OK();
  });
  if (!st.ok()) return st;
  return report;
}

}  // namespace blockrt::store
