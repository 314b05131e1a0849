// Commit: turns a draft's pending changes into the next immutable version in
// one transaction, writing rows only for the changed paths.
#include <set>

#include "store/internal/impl.h"
#include "store/internal/link_rules.h"
#include "store/internal/snapshot.h"
#include "store/internal/validate.h"
#include "store/path.h"
#include "store/store.h"

namespace blockrt::store {
namespace {

int64_t PathId(Store::Impl& s, int64_t bundle_id, const std::string& path) {
  {
    Query q = s.Prepare("SELECT id FROM path WHERE bundle_id = ? AND path = ?");
    q->bind(1, static_cast<int64_t>(bundle_id));
    q->bind(2, path);
    if (q->executeStep()) return q->getColumn(0).getInt64();
  }
  Query ins = s.Prepare("INSERT INTO path(bundle_id, path) VALUES(?, ?)");
  ins->bind(1, static_cast<int64_t>(bundle_id));
  ins->bind(2, path);
  ins->exec();
  return s.db.getLastInsertRowid();
}

// The newest version after `base` that wrote `path`, or 0.
int64_t ChangedSince(Store::Impl& s, int64_t bundle_id, const std::string& path, int64_t base) {
  Query q = s.Prepare(
      "SELECT max(fv.version) FROM path p JOIN file_version fv ON fv.path_id = p.id "
      "WHERE p.bundle_id = ? AND p.path = ? AND fv.version > ?");
  q->bind(1, static_cast<int64_t>(bundle_id));
  q->bind(2, path);
  q->bind(3, static_cast<int64_t>(base));
  if (!q->executeStep() || q->isColumnNull(0)) return 0;
  return q->getColumn(0).getInt64();
}

int64_t LinksVersionOf(Store::Impl& s, int64_t bundle_id, int64_t version) {
  Query q = s.Prepare("SELECT links_version FROM version WHERE bundle_id = ? AND num = ?");
  q->bind(1, static_cast<int64_t>(bundle_id));
  q->bind(2, static_cast<int64_t>(version));
  return q->executeStep() ? q->getColumn(0).getInt64() : 0;
}

}  // namespace

Result<int64_t> Store::Commit(std::string_view bundle, std::string_view draft,
                              const CommitOptions& opts) {
  BLOCKRT_RETURN_IF_ERROR(
      ValidateText("change description", opts.change_description, kMaxChangeDescriptionBytes));
  BLOCKRT_RETURN_IF_ERROR(ValidateText("author", opts.author, kMaxNameBytes));
  for (const std::string& p : opts.paths) BLOCKRT_RETURN_IF_ERROR(ValidatePath(p));
  int64_t new_version = 0;
  Status st = impl_->Write([&]() -> Status {
    Store::Impl& s = *impl_;
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, s.ResolveBundle(bundle));
    BLOCKRT_ASSIGN_OR_RETURN(DraftRow d, s.ResolveDraft(b, draft, false));
    WriteOptions wo;
    wo.expected_revision = opts.expected_revision;
    BLOCKRT_RETURN_IF_ERROR(s.CheckRevision(d, wo));

    std::vector<Entry> changes = ListDraftChanges(s, d.id, "");
    if (!opts.paths.empty()) {
      std::set<std::string> wanted(opts.paths.begin(), opts.paths.end());
      std::vector<Entry> chosen;
      for (Entry& e : changes) {
        if (wanted.erase(e.path) != 0) chosen.push_back(std::move(e));
      }
      if (!wanted.empty()) {
        return Status::InvalidArgument("draft '" + d.name + "' has no pending change for '" +
                                       *wanted.begin() + "'");
      }
      changes = std::move(chosen);
    }
    std::map<std::string, std::optional<LinkRow>> link_changes;
    if (opts.paths.empty() || opts.include_links) link_changes = DraftLinkChanges(s, d.id);
    if (changes.empty() && link_changes.empty()) {
      return Status::FailedPrecondition("draft '" + d.name + "' of bundle '" + b.slug +
                                        "' has no changes to commit");
    }

    int64_t latest = b.latest_version;
    // The draft may be based on an older version (another draft committed
    // since). Its changes apply on top of latest unless latest also changed
    // one of the same paths or links: that would silently lose an update.
    if (d.base_version < latest) {
      for (const Entry& e : changes) {
        if (int64_t v = ChangedSince(s, b.id, e.path, d.base_version)) {
          return Status::Conflict("'" + e.path + "' was changed by v" + std::to_string(v) +
                                  " after draft '" + d.name + "' was based on v" +
                                  std::to_string(d.base_version) + "; discard or redo the change");
        }
      }
      auto base_links = LinksPublished(s, b.id, d.base_version);
      auto latest_links = LinksPublished(s, b.id, latest);
      for (const auto& [name, change] : link_changes) {
        auto a = base_links.find(name);
        auto c = latest_links.find(name);
        bool same = (a == base_links.end()) == (c == latest_links.end()) &&
                    (a == base_links.end() || a->second == c->second);
        if (!same) {
          return Status::Conflict("link '" + name + "' was changed after draft '" + d.name +
                                  "' was based on v" + std::to_string(d.base_version));
        }
      }
    }

    new_version = latest + 1;
    int64_t links_version =
        link_changes.empty() && latest > 0 ? LinksVersionOf(s, b.id, latest) : new_version;
    {
      Query q = s.Prepare(
          "INSERT INTO version(bundle_id, num, change_description, author, created_at, "
          "files_changed, links_version) VALUES(?, ?, ?, ?, ?, ?, ?)");
      q->bind(1, static_cast<int64_t>(b.id));
      q->bind(2, static_cast<int64_t>(new_version));
      q->bind(3, opts.change_description);
      q->bind(4, opts.author);
      q->bind(5, static_cast<int64_t>(s.Now()));
      q->bind(6, static_cast<int64_t>(changes.size()));
      q->bind(7, static_cast<int64_t>(links_version));
      q->exec();
    }
    for (const Entry& e : changes) {
      int64_t path_id = PathId(s, b.id, e.path);
      Query q = s.Prepare(
          "INSERT INTO file_version(path_id, version, blob_id, digest) VALUES(?, ?, ?, ?)");
      q->bind(1, static_cast<int64_t>(path_id));
      q->bind(2, static_cast<int64_t>(new_version));
      if (e.blob_id != 0) {
        // The draft row's recorded digest carries over (checked on commit
        // like on any read, so a damaged draft row cannot publish).
        BLOCKRT_RETURN_IF_ERROR(CheckEntry(e, [&] { return "draft file '" + e.path + "'"; }));
        q->bind(3, static_cast<int64_t>(e.blob_id));
        q->bind(4, e.digest);
      } else {
        q->bind(3);
        q->bind(4);
      }
      q->exec();
    }
    if (!link_changes.empty()) {
      auto links = LinksPublished(s, b.id, latest);
      for (const auto& [name, change] : link_changes) {
        if (change) {
          BLOCKRT_RETURN_IF_ERROR(CheckLinkAllowed(s, b, name, *change));
          links[name] = *change;
        } else {
          links.erase(name);
        }
      }
      for (const auto& [name, target] : links) {
        Query q = s.Prepare(
            "INSERT INTO version_link(bundle_id, version, name, target_bundle_id, "
            "target_version) VALUES(?, ?, ?, ?, ?)");
        q->bind(1, static_cast<int64_t>(b.id));
        q->bind(2, static_cast<int64_t>(new_version));
        q->bind(3, name);
        q->bind(4, static_cast<int64_t>(target.bundle_id));
        q->bind(5, static_cast<int64_t>(target.version));
        q->exec();
      }
      for (const LinkRow& dep : ClosureOf(s, links)) {
        if (dep.bundle_id == b.id) {
          return Status::FailedPrecondition("commit would make bundle '" + b.slug +
                                            "' depend on itself (v" + std::to_string(dep.version) +
                                            ")");
        }
        Query q = s.Prepare(
            "INSERT INTO version_dependency(bundle_id, version, dep_bundle_id, dep_version) "
            "VALUES(?, ?, ?, ?)");
        q->bind(1, static_cast<int64_t>(b.id));
        q->bind(2, static_cast<int64_t>(new_version));
        q->bind(3, static_cast<int64_t>(dep.bundle_id));
        q->bind(4, static_cast<int64_t>(dep.version));
        q->exec();
      }
    }
    {
      Query q =
          s.Prepare("UPDATE bundle SET latest_version = ? WHERE id = ? AND latest_version = ?");
      q->bind(1, static_cast<int64_t>(new_version));
      q->bind(2, static_cast<int64_t>(b.id));
      q->bind(3, static_cast<int64_t>(latest));
      if (q->exec() != 1) return Status::Conflict("bundle '" + b.slug + "' moved during commit");
    }
    for (const Entry& e : changes) {
      Query q = s.Prepare("DELETE FROM draft_file WHERE draft_id = ? AND path = ?");
      q->bind(1, static_cast<int64_t>(d.id));
      q->bind(2, e.path);
      q->exec();
    }
    if (!link_changes.empty()) {
      Query q = s.Prepare("DELETE FROM draft_link WHERE draft_id = ?");
      q->bind(1, static_cast<int64_t>(d.id));
      q->exec();
    }
    Query q = s.Prepare(
        "UPDATE draft SET base_version = ?, revision = revision + 1, updated_at = ? WHERE id = ?");
    q->bind(1, static_cast<int64_t>(new_version));
    q->bind(2, static_cast<int64_t>(s.Now()));
    q->bind(3, static_cast<int64_t>(d.id));
    q->exec();
    return Status::OK();
  });
  if (!st.ok()) return st;
  return new_version;
}

}  // namespace blockrt::store
