// Plain values the store hands out: bundles, versions, drafts, files, links,
// and Ref, which names the snapshot a read looks at (a version or a draft).
// All strings are UTF-8. Times are microseconds since the Unix epoch, UTC.
#ifndef BLOCKRT_STORE_TYPES_H_
#define BLOCKRT_STORE_TYPES_H_

#include <cstdint>
#include <string>
#include <vector>

namespace blockrt::store {

struct BundleInfo {
  std::string uuid;  // immutable, lowercase 8-4-4-4-12 hex
  std::string slug;  // unique per store
  std::string title;
  std::string description;
  int64_t latest_version = 0;  // 0 = never published
  int64_t created_at = 0;
};

struct VersionInfo {
  int64_t version = 0;  // 1..n per bundle
  std::string change_description;
  std::string author;
  int64_t created_at = 0;
  int64_t files_changed = 0;  // paths written or deleted by this version
};

struct DraftInfo {
  std::string name;          // e.g. "studio_draft"
  int64_t base_version = 0;  // 0 = draft of a never-published bundle
  // Bumped by every successful write to the draft; use it as a cache key and
  // as WriteOptions::expected_revision for optimistic concurrency.
  int64_t revision = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct FileInfo {
  std::string path;
  int64_t size = 0;
  std::string digest;  // BLAKE2b-160 of the bytes, 40 lowercase hex chars
};

// A pinned target of a link: a bundle at one published version.
struct LinkTarget {
  std::string bundle_uuid;
  int64_t version = 0;
  bool operator==(const LinkTarget& o) const {
    return version == o.version && bundle_uuid == o.bundle_uuid;
  }
};

struct LinkInfo {
  std::string name;
  LinkTarget direct;
  // Flat transitive closure of the target's own links, sorted by (uuid, version).
  std::vector<LinkTarget> indirect;
};

// One pending change in a draft, as shown by diff.
struct DraftChange {
  enum class Kind { kAdded, kModified, kDeleted, kLinkSet, kLinkRemoved };
  Kind kind = Kind::kAdded;
  std::string name;    // path, or link name for link changes
  std::string digest;  // new digest for files; "uuid@version" for kLinkSet
  int64_t size = 0;
};
// "added", "modified", "deleted", "link-set", "link-removed".
const char* DraftChangeKindName(DraftChange::Kind kind);

// Which snapshot a read sees. Latest() is the newest published version (reading
// a never-published bundle through it gives NotFound for files, empty lists).
// A draft read sees the draft's changes over its base version.
class Ref {
 public:
  static Ref Latest() { return Ref(0, {}); }
  static Ref Version(int64_t v) { return Ref(v, {}); }
  static Ref Draft(std::string name) { return Ref(-1, std::move(name)); }

  bool is_draft() const { return version_ < 0; }
  bool is_latest() const { return version_ == 0; }
  int64_t version() const { return version_; }  // 0 for Latest, -1 for drafts
  const std::string& draft() const { return draft_; }
  // "v3", "latest" or "draft 'studio_draft'", for messages.
  std::string ToString() const;

 private:
  Ref(int64_t v, std::string d) : version_(v), draft_(std::move(d)) {}
  int64_t version_;
  std::string draft_;
};

}  // namespace blockrt::store

#endif  // BLOCKRT_STORE_TYPES_H_
