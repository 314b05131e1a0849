// Named drafts: creation, file writes and deletions, diff, discard.
#include <functional>

#include "store/internal/blobs.h"
#include "store/internal/draft_ops.h"
#include "store/internal/impl.h"
#include "store/internal/snapshot.h"
#include "store/internal/validate.h"
#include "store/path.h"
#include "store/store.h"

namespace blockrt::store {
namespace {

DraftInfo DraftInfoFromRow(SQLite::Statement& q) {
  DraftInfo d;
  d.name = q.getColumn(0).getString();
  d.base_version = q.getColumn(1).getInt64();
  d.revision = q.getColumn(2).getInt64();
  d.created_at = q.getColumn(3).getInt64();
  d.updated_at = q.getColumn(4).getInt64();
  return d;
}

}  // namespace

Result<DraftRow> Store::Impl::ResolveDraft(const BundleRow& b, std::string_view name, bool create) {
  BLOCKRT_RETURN_IF_ERROR(ValidateName("draft", name));
  {
    Query q =
        Prepare("SELECT id, base_version, revision FROM draft WHERE bundle_id = ? AND name = ?");
    q->bind(1, static_cast<int64_t>(b.id));
    q->bind(2, std::string(name));
    if (q->executeStep()) {
      return DraftRow{q->getColumn(0).getInt64(), std::string(name), q->getColumn(1).getInt64(),
                      q->getColumn(2).getInt64()};
    }
  }
  if (!create) {
    return Status::NotFound("bundle '" + b.slug + "' has no draft '" + std::string(name) + "'");
  }
  if (txn_depth == 0) return Status::Internal("draft creation outside a write transaction");
  int64_t now = Now();
  Query ins = Prepare(
      "INSERT INTO draft(bundle_id, name, base_version, revision, created_at, updated_at) "
      "VALUES(?, ?, ?, 0, ?, ?)");
  ins->bind(1, static_cast<int64_t>(b.id));
  ins->bind(2, std::string(name));
  ins->bind(3, static_cast<int64_t>(b.latest_version));
  ins->bind(4, static_cast<int64_t>(now));
  ins->bind(5, static_cast<int64_t>(now));
  ins->exec();
  return DraftRow{db.getLastInsertRowid(), std::string(name), b.latest_version, 0};
}

Status Store::Impl::CheckRevision(const DraftRow& d, const WriteOptions& opts) {
  if (opts.expected_revision && *opts.expected_revision != d.revision) {
    return Status::Conflict("draft '" + d.name + "' is at revision " + std::to_string(d.revision) +
                            ", expected " + std::to_string(*opts.expected_revision) +
                            ": another writer changed it first");
  }
  return Status::OK();
}

void Store::Impl::TouchDraft(const DraftRow& d) {
  Query q = Prepare("UPDATE draft SET revision = revision + 1, updated_at = ? WHERE id = ?");
  q->bind(1, static_cast<int64_t>(Now()));
  q->bind(2, static_cast<int64_t>(d.id));
  q->exec();
}

Status CheckNoFileDirClash(Store::Impl& s, const BundleRow& b, const DraftRow& d,
                           std::string_view path) {
  for (size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    std::string_view parent = path.substr(0, slash);
    if (LookupVisible(s, b.id, &d, d.base_version, parent)) {
      return Status::InvalidArgument("cannot write '" + std::string(path) + "': '" +
                                     std::string(parent) + "' is a file");
    }
  }
  std::string dir = std::string(path) + "/";
  if (!ListVisible(s, b.id, &d, d.base_version, dir).empty()) {
    return Status::InvalidArgument("cannot write '" + std::string(path) +
                                   "': it is a directory holding other files");
  }
  return Status::OK();
}

Result<bool> StageFile(Store::Impl& s, const BundleRow& b, const DraftRow& d, std::string_view path,
                       const BlobRef& blob, bool check_clash) {
  std::optional<Entry> change = LookupDraftChange(s, d.id, path);
  if (change && change->blob_id == blob.id) return false;
  std::optional<Entry> base = LookupPublished(s, b.id, d.base_version, path);
  if (base && base->blob_id == blob.id) {
    if (!change) return false;
    Query del = s.Prepare("DELETE FROM draft_file WHERE draft_id = ? AND path = ?");
    del->bind(1, static_cast<int64_t>(d.id));
    del->bind(2, std::string(path));
    del->exec();
    return true;
  }
  if (check_clash && (!change || change->blob_id == 0)) {
    BLOCKRT_RETURN_IF_ERROR(CheckNoFileDirClash(s, b, d, path));
  }
  Query up = s.Prepare(
      "INSERT OR REPLACE INTO draft_file(draft_id, path, blob_id, digest) "
      "VALUES(?, ?, ?, ?)");
  up->bind(1, static_cast<int64_t>(d.id));
  up->bind(2, std::string(path));
  up->bind(3, static_cast<int64_t>(blob.id));
  up->bind(4, blob.digest);
  up->exec();
  return true;
}

Status StageDelete(Store::Impl& s, const BundleRow& b, const DraftRow& d, std::string_view path) {
  if (!LookupVisible(s, b.id, &d, d.base_version, path)) {
    return Status::NotFound("no file '" + std::string(path) + "' in draft '" + d.name +
                            "' of bundle '" + b.slug + "'");
  }
  if (LookupPublished(s, b.id, d.base_version, path)) {
    Query up = s.Prepare(
        "INSERT OR REPLACE INTO draft_file(draft_id, path, blob_id, digest) "
        "VALUES(?, ?, NULL, NULL)");
    up->bind(1, static_cast<int64_t>(d.id));
    up->bind(2, std::string(path));
    up->exec();
  } else {
    Query del = s.Prepare("DELETE FROM draft_file WHERE draft_id = ? AND path = ?");
    del->bind(1, static_cast<int64_t>(d.id));
    del->bind(2, std::string(path));
    del->exec();
  }
  return Status::OK();
}

Result<DraftInfo> Store::CreateDraft(std::string_view bundle, std::string_view draft) {
  Status st = impl_->Write([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    if (impl_->ResolveDraft(b, draft, false).ok()) {
      return Status::AlreadyExists("bundle '" + b.slug + "' already has a draft '" +
                                   std::string(draft) + "'");
    }
    return impl_->ResolveDraft(b, draft, true).status();
  });
  if (!st.ok()) return st;
  return GetDraft(bundle, draft);
}

Result<DraftInfo> Store::GetDraft(std::string_view bundle, std::string_view draft) {
  DraftInfo out;
  Status st = impl_->Read([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    BLOCKRT_ASSIGN_OR_RETURN(DraftRow d, impl_->ResolveDraft(b, draft, false));
    Query q = impl_->Prepare(
        "SELECT name, base_version, revision, created_at, updated_at FROM draft WHERE id = ?");
    q->bind(1, static_cast<int64_t>(d.id));
    if (!q->executeStep()) return Status::NotFound("draft vanished");
    out = DraftInfoFromRow(*q);
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<DraftInfo>> Store::ListDrafts(std::string_view bundle) {
  std::vector<DraftInfo> out;
  Status st = impl_->Read([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    Query q = impl_->Prepare(
        "SELECT name, base_version, revision, created_at, updated_at FROM draft "
        "WHERE bundle_id = ? ORDER BY name");
    q->bind(1, static_cast<int64_t>(b.id));
    while (q->executeStep()) out.push_back(DraftInfoFromRow(*q));
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

bool Store::DraftExists(std::string_view bundle, std::string_view draft) {
  return GetDraft(bundle, draft).ok();
}

namespace {

// The body both file writes share; `put_blob` stores the bytes and returns
// their reference (from memory or streamed from disk).
Status WriteStagedFile(Store::Impl& s, std::string_view bundle, std::string_view draft,
                       std::string_view path, const WriteOptions& opts,
                       const std::function<Result<BlobRef>()>& put_blob) {
  BLOCKRT_RETURN_IF_ERROR(ValidatePath(path));
  return s.Write([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, s.ResolveBundle(bundle));
    BLOCKRT_ASSIGN_OR_RETURN(DraftRow d, s.ResolveDraft(b, draft, true));
    BLOCKRT_RETURN_IF_ERROR(s.CheckRevision(d, opts));
    BLOCKRT_ASSIGN_OR_RETURN(BlobRef blob, put_blob());
    BLOCKRT_ASSIGN_OR_RETURN(bool changed, StageFile(s, b, d, path, blob));
    if (changed) s.TouchDraft(d);
    return Status::OK();
  });
}

}  // namespace

Status Store::WriteFile(std::string_view bundle, std::string_view draft, std::string_view path,
                        std::string_view bytes, const WriteOptions& opts) {
  return WriteStagedFile(*impl_, bundle, draft, path, opts, [&] { return PutBlob(*impl_, bytes); });
}

Status Store::WriteFileFromDisk(std::string_view bundle, std::string_view draft,
                                std::string_view path, const std::string& source_file,
                                const WriteOptions& opts) {
  return WriteStagedFile(*impl_, bundle, draft, path, opts,
                         [&] { return PutBlobFromFile(*impl_, source_file); });
}

Status Store::DeleteFile(std::string_view bundle, std::string_view draft, std::string_view path,
                         const WriteOptions& opts) {
  BLOCKRT_RETURN_IF_ERROR(ValidatePath(path));
  return impl_->Write([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    BLOCKRT_ASSIGN_OR_RETURN(DraftRow d, impl_->ResolveDraft(b, draft, true));
    BLOCKRT_RETURN_IF_ERROR(impl_->CheckRevision(d, opts));
    BLOCKRT_RETURN_IF_ERROR(StageDelete(*impl_, b, d, path));
    impl_->TouchDraft(d);
    return Status::OK();
  });
}

Result<bool> Store::HasChanges(std::string_view bundle, std::string_view draft) {
  bool has = false;
  Status st = impl_->Read([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    BLOCKRT_ASSIGN_OR_RETURN(DraftRow d, impl_->ResolveDraft(b, draft, false));
    Query q = impl_->Prepare(
        "SELECT EXISTS(SELECT 1 FROM draft_file WHERE draft_id = ?1) OR "
        "EXISTS(SELECT 1 FROM draft_link WHERE draft_id = ?1)");
    q->bind(1, static_cast<int64_t>(d.id));
    has = q->executeStep() && q->getColumn(0).getInt() != 0;
    return Status::OK();
  });
  if (!st.ok()) return st;
  return has;
}

Result<std::vector<DraftChange>> Store::Diff(std::string_view bundle, std::string_view draft) {
  std::vector<DraftChange> out;
  Status st = impl_->Read([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    BLOCKRT_ASSIGN_OR_RETURN(DraftRow d, impl_->ResolveDraft(b, draft, false));
    for (Entry& e : ListDraftChanges(*impl_, d.id, "")) {
      DraftChange c;
      if (e.blob_id == 0) {
        c.kind = DraftChange::Kind::kDeleted;
      } else if (LookupPublished(*impl_, b.id, d.base_version, e.path)) {
        c.kind = DraftChange::Kind::kModified;
      } else {
        c.kind = DraftChange::Kind::kAdded;
      }
      c.name = std::move(e.path);
      c.digest = std::move(e.digest);
      c.size = e.size;
      out.push_back(std::move(c));
    }
    for (auto& [name, target] : DraftLinkChanges(*impl_, d.id)) {
      DraftChange c;
      c.name = name;
      if (target) {
        c.kind = DraftChange::Kind::kLinkSet;
        c.digest = BundleUuid(*impl_, target->bundle_id) + "@" + std::to_string(target->version);
      } else {
        c.kind = DraftChange::Kind::kLinkRemoved;
      }
      out.push_back(std::move(c));
    }
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

Status Store::DiscardDraft(std::string_view bundle, std::string_view draft) {
  return impl_->Write([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    BLOCKRT_ASSIGN_OR_RETURN(DraftRow d, impl_->ResolveDraft(b, draft, false));
    for (const char* sql :
         {"DELETE FROM draft_file WHERE draft_id = ?", "DELETE FROM draft_link WHERE draft_id = ?",
          "DELETE FROM draft WHERE id = ?"}) {
      Query q = impl_->Prepare(sql);
      q->bind(1, static_cast<int64_t>(d.id));
      q->exec();
    }
    return Status::OK();
  });
}

}  // namespace blockrt::store
