// Bundle deletion: all rows go in one transaction; blobs become garbage.
#include "store/internal/impl.h"
#include "store/store.h"

namespace blockrt::store {

Status Store::DeleteBundle(std::string_view bundle) {
  return impl_->Write([&]() -> Status {
    Store::Impl& s = *impl_;
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, s.ResolveBundle(bundle));
    {
      // Pinned versions of other bundles must stay readable, so a bundle
      // that is linked to (in a version or a pending draft) cannot go.
      Query q = s.Prepare(
          "SELECT o.slug FROM version_link l JOIN bundle o ON o.id = l.bundle_id "
          "WHERE l.target_bundle_id = ?1 AND l.bundle_id != ?1 "
          "UNION SELECT o.slug FROM draft_link l JOIN draft d ON d.id = l.draft_id "
          "JOIN bundle o ON o.id = d.bundle_id "
          "WHERE l.target_bundle_id = ?1 AND d.bundle_id != ?1 LIMIT 1");
      q->bind(1, static_cast<int64_t>(b.id));
      if (q->executeStep()) {
        return Status::FailedPrecondition("bundle '" + b.slug + "' is linked from bundle '" +
                                          q->getColumn(0).getString() + "'");
      }
    }
    {
      // An upper layer that keeps a bundle's uuid in a record (a content
      // library, say) owns the bundle: deleting it under the record would
      // leave a zombie that no longer resolves. The owner deletes through
      // its own API, which drops the record first.
      Query q = s.Prepare(
          "SELECT tbl, key FROM record WHERE instr(value, CAST(?1 AS BLOB)) > 0 "
          "ORDER BY tbl, key LIMIT 1");
      q->bind(1, b.uuid);
      if (q->executeStep()) {
        return Status::FailedPrecondition(
            "bundle '" + b.slug + "' is owned by record '" + q->getColumn(1).getString() +
            "' in table '" + q->getColumn(0).getString() +
            "' (for a content library: 'blockrt lib delete " + q->getColumn(1).getString() + "')");
      }
    }
    static const char* const kDeletes[] = {
        "DELETE FROM draft_link WHERE draft_id IN (SELECT id FROM draft WHERE bundle_id = ?)",
        "DELETE FROM draft_file WHERE draft_id IN (SELECT id FROM draft WHERE bundle_id = ?)",
        "DELETE FROM draft WHERE bundle_id = ?",
        "DELETE FROM version_dependency WHERE bundle_id = ?",
        "DELETE FROM version_link WHERE bundle_id = ?",
        "DELETE FROM file_version WHERE path_id IN (SELECT id FROM path WHERE bundle_id = ?)",
        "DELETE FROM path WHERE bundle_id = ?",
        "DELETE FROM version WHERE bundle_id = ?",
        "DELETE FROM bundle WHERE id = ?",
    };
    for (const char* sql : kDeletes) {
      Query q = s.Prepare(sql);
      q->bind(1, static_cast<int64_t>(b.id));
      q->exec();
    }
    return Status::OK();
  });
}

}  // namespace blockrt::store
