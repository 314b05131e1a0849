#include "store/internal/snapshot.h"

namespace blockrt::store {
namespace {

bool HasPrefix(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// Columns: path, blob_id, recorded digest, blob digest, blob size.
Entry EntryFromRow(SQLite::Statement& q) {
  Entry e;
  e.path = q.getColumn(0).getString();
  if (!q.isColumnNull(1)) {
    e.blob_id = q.getColumn(1).getInt64();
    e.digest = q.getColumn(2).getString();
    e.blob_found = !q.isColumnNull(3);
    e.blob_digest = q.getColumn(3).getString();
    e.size = q.getColumn(4).getInt64();
  }
  return e;
}

}  // namespace

Status CheckEntry(const Entry& e, const std::function<std::string()>& where) {
  if (e.blob_id == 0) return Status::OK();
  if (!e.blob_found) {
    return Status::Corruption(where() + ": blob " + std::to_string(e.blob_id) + " is missing");
  }
  if (e.digest.empty()) {
    return Status::Corruption(where() + ": no digest recorded for the path");
  }
  if (e.digest != e.blob_digest) {
    return Status::Corruption(where() + ": the path records digest " + e.digest +
                              " but points at blob " + e.blob_digest);
  }
  return Status::OK();
}

std::optional<Entry> LookupPublished(Store::Impl& s, int64_t bundle_id, int64_t version,
                                     std::string_view path) {
  if (version <= 0) return std::nullopt;
  Query q = s.Prepare(
      "SELECT p.path, fv.blob_id, fv.digest, b.digest, b.size FROM path p "
      "JOIN file_version fv ON fv.path_id = p.id "
      "LEFT JOIN blob b ON b.id = fv.blob_id "
      "WHERE p.bundle_id = ? AND p.path = ? AND fv.version <= ? "
      "ORDER BY fv.version DESC LIMIT 1");
  q->bind(1, static_cast<int64_t>(bundle_id));
  q->bind(2, std::string(path));
  q->bind(3, static_cast<int64_t>(version));
  if (!q->executeStep() || q->isColumnNull(1)) return std::nullopt;
  return EntryFromRow(*q);
}

std::optional<Entry> LookupDraftChange(Store::Impl& s, int64_t draft_id, std::string_view path) {
  Query q = s.Prepare(
      "SELECT df.path, df.blob_id, df.digest, b.digest, b.size FROM draft_file df "
      "LEFT JOIN blob b ON b.id = df.blob_id WHERE df.draft_id = ? AND df.path = ?");
  q->bind(1, static_cast<int64_t>(draft_id));
  q->bind(2, std::string(path));
  if (!q->executeStep()) return std::nullopt;
  return EntryFromRow(*q);
}

std::optional<Entry> LookupVisible(Store::Impl& s, int64_t bundle_id, const DraftRow* draft,
                                   int64_t version, std::string_view path) {
  if (draft != nullptr) {
    std::optional<Entry> change = LookupDraftChange(s, draft->id, path);
    if (change) {
      if (change->blob_id == 0) return std::nullopt;
      return change;
    }
  }
  return LookupPublished(s, bundle_id, version, path);
}

std::vector<Entry> ListPublished(Store::Impl& s, int64_t bundle_id, int64_t version,
                                 std::string_view prefix) {
  std::vector<Entry> out;
  if (version <= 0) return out;
  // For every path of the bundle (from `prefix` on, in order), the newest
  // row at or before `version`; deletions (NULL blob_id) are filtered. The
  // blob is LEFT JOINed: a missing blob row must surface (CheckEntry), not
  // make the file vanish from the listing.
  Query q = s.Prepare(
      "SELECT p.path, fv.blob_id, fv.digest, b.digest, b.size FROM path p "
      "JOIN file_version fv ON fv.path_id = p.id AND fv.version = "
      "  (SELECT max(version) FROM file_version WHERE path_id = p.id AND version <= ?2) "
      "LEFT JOIN blob b ON b.id = fv.blob_id "
      "WHERE p.bundle_id = ?1 AND p.path >= ?3 AND fv.blob_id IS NOT NULL ORDER BY p.path");
  q->bind(1, static_cast<int64_t>(bundle_id));
  q->bind(2, static_cast<int64_t>(version));
  q->bind(3, std::string(prefix));
  while (q->executeStep()) {
    const char* p = q->getColumn(0).getText();
    if (!HasPrefix(p, prefix)) break;
    out.push_back(EntryFromRow(*q));
  }
  return out;
}

std::vector<Entry> ListDraftChanges(Store::Impl& s, int64_t draft_id, std::string_view prefix) {
  std::vector<Entry> out;
  Query q = s.Prepare(
      "SELECT df.path, df.blob_id, df.digest, b.digest, b.size FROM draft_file df "
      "LEFT JOIN blob b ON b.id = df.blob_id WHERE df.draft_id = ? AND df.path >= ? "
      "ORDER BY df.path");
  q->bind(1, static_cast<int64_t>(draft_id));
  q->bind(2, std::string(prefix));
  while (q->executeStep()) {
    const char* p = q->getColumn(0).getText();
    if (!HasPrefix(p, prefix)) break;
    out.push_back(EntryFromRow(*q));
  }
  return out;
}

std::vector<Entry> ListVisible(Store::Impl& s, int64_t bundle_id, const DraftRow* draft,
                               int64_t version, std::string_view prefix) {
  std::vector<Entry> base = ListPublished(s, bundle_id, version, prefix);
  if (draft == nullptr) return base;
  std::vector<Entry> changes = ListDraftChanges(s, draft->id, prefix);
  if (changes.empty()) return base;
  std::vector<Entry> out;
  out.reserve(base.size() + changes.size());
  size_t i = 0, j = 0;
  while (i < base.size() || j < changes.size()) {
    if (j == changes.size() || (i < base.size() && base[i].path < changes[j].path)) {
      out.push_back(std::move(base[i++]));
      continue;
    }
    if (i < base.size() && base[i].path == changes[j].path) ++i;
    if (changes[j].blob_id != 0) out.push_back(std::move(changes[j]));
    ++j;
  }
  return out;
}

std::map<std::string, LinkRow> LinksPublished(Store::Impl& s, int64_t bundle_id, int64_t version) {
  std::map<std::string, LinkRow> out;
  if (version <= 0) return out;
  // A version stores its full link set only when it changed links;
  // links_version points at the version that did.
  Query q = s.Prepare(
      "SELECT l.name, l.target_bundle_id, l.target_version FROM version v "
      "JOIN version_link l ON l.bundle_id = v.bundle_id AND l.version = v.links_version "
      "WHERE v.bundle_id = ? AND v.num = ?");
  q->bind(1, static_cast<int64_t>(bundle_id));
  q->bind(2, static_cast<int64_t>(version));
  while (q->executeStep()) {
    out[q->getColumn(0).getString()] =
        LinkRow{q->getColumn(1).getInt64(), q->getColumn(2).getInt64()};
  }
  return out;
}

std::map<std::string, std::optional<LinkRow>> DraftLinkChanges(Store::Impl& s, int64_t draft_id) {
  std::map<std::string, std::optional<LinkRow>> out;
  Query q =
      s.Prepare("SELECT name, target_bundle_id, target_version FROM draft_link WHERE draft_id = ?");
  q->bind(1, static_cast<int64_t>(draft_id));
  while (q->executeStep()) {
    std::optional<LinkRow> target;
    if (!q->isColumnNull(1)) {
      target = LinkRow{q->getColumn(1).getInt64(), q->getColumn(2).getInt64()};
    }
    out[q->getColumn(0).getString()] = target;
  }
  return out;
}

std::map<std::string, LinkRow> LinksVisible(Store::Impl& s, int64_t bundle_id,
                                            const DraftRow* draft, int64_t version) {
  std::map<std::string, LinkRow> links = LinksPublished(s, bundle_id, version);
  if (draft == nullptr) return links;
  for (auto& [name, change] : DraftLinkChanges(s, draft->id)) {
    if (change) {
      links[name] = *change;
    } else {
      links.erase(name);
    }
  }
  return links;
}

std::vector<LinkRow> Dependencies(Store::Impl& s, int64_t bundle_id, int64_t version) {
  std::vector<LinkRow> out;
  Query q = s.Prepare(
      "SELECT d.dep_bundle_id, d.dep_version FROM version v "
      "JOIN version_dependency d ON d.bundle_id = v.bundle_id AND d.version = v.links_version "
      "WHERE v.bundle_id = ? AND v.num = ? ORDER BY d.dep_bundle_id, d.dep_version");
  q->bind(1, static_cast<int64_t>(bundle_id));
  q->bind(2, static_cast<int64_t>(version));
  while (q->executeStep())
    out.push_back(LinkRow{q->getColumn(0).getInt64(), q->getColumn(1).getInt64()});
  return out;
}

std::string BundleUuid(Store::Impl& s, int64_t bundle_id) {
  Query q = s.Prepare("SELECT uuid FROM bundle WHERE id = ?");
  q->bind(1, static_cast<int64_t>(bundle_id));
  return q->executeStep() ? q->getColumn(0).getString() : std::string();
}

}  // namespace blockrt::store
