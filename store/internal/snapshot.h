// What a bundle looks like at a published version, or through a draft:
// single-path lookups (one index probe) and sorted listings.
#ifndef BLOCKRT_STORE_INTERNAL_SNAPSHOT_H_
#define BLOCKRT_STORE_INTERNAL_SNAPSHOT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/internal/impl.h"

namespace blockrt::store {

struct Entry {
  std::string path;
  int64_t blob_id = 0;  // 0 = deleted (only in draft change lists)
  std::string digest;   // recorded for the path when it was written
  int64_t size = 0;
  bool blob_found = false;  // the blob row exists
  std::string blob_digest;  // the digest of the blob row blob_id names
};

// Corruption (naming where()) when a live entry's blob row is missing or its
// digest is not the one recorded for the path; every read and listing checks.
Status CheckEntry(const Entry& e, const std::function<std::string()>& where);

// The file at `path` as of `version` (0 = nothing published), or nullopt.
std::optional<Entry> LookupPublished(Store::Impl& s, int64_t bundle_id, int64_t version,
                                     std::string_view path);
// The draft's own change for `path`: nullopt if none; blob_id 0 if deleted.
std::optional<Entry> LookupDraftChange(Store::Impl& s, int64_t draft_id, std::string_view path);
// The visible file: the draft's change if any, else the base version's.
std::optional<Entry> LookupVisible(Store::Impl& s, int64_t bundle_id, const DraftRow* draft,
                                   int64_t version, std::string_view path);

std::vector<Entry> ListPublished(Store::Impl& s, int64_t bundle_id, int64_t version,
                                 std::string_view prefix);
// Draft changes (deletions included, blob_id 0), sorted by path.
std::vector<Entry> ListDraftChanges(Store::Impl& s, int64_t draft_id, std::string_view prefix);
std::vector<Entry> ListVisible(Store::Impl& s, int64_t bundle_id, const DraftRow* draft,
                               int64_t version, std::string_view prefix);

// Links: name -> (target bundle id, version).
struct LinkRow {
  int64_t bundle_id = 0;
  int64_t version = 0;
  bool operator<(const LinkRow& o) const {
    return bundle_id != o.bundle_id ? bundle_id < o.bundle_id : version < o.version;
  }
  bool operator==(const LinkRow& o) const {
    return bundle_id == o.bundle_id && version == o.version;
  }
};
std::map<std::string, LinkRow> LinksPublished(Store::Impl& s, int64_t bundle_id, int64_t version);
// Pending link changes: nullopt value = removal.
std::map<std::string, std::optional<LinkRow>> DraftLinkChanges(Store::Impl& s, int64_t draft_id);
std::map<std::string, LinkRow> LinksVisible(Store::Impl& s, int64_t bundle_id,
                                            const DraftRow* draft, int64_t version);
// Flat transitive dependency set recorded for bundle@version, sorted.
std::vector<LinkRow> Dependencies(Store::Impl& s, int64_t bundle_id, int64_t version);
std::string BundleUuid(Store::Impl& s, int64_t bundle_id);

}  // namespace blockrt::store

#endif  // BLOCKRT_STORE_INTERNAL_SNAPSHOT_H_
