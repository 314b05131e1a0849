// Store: versioned bundles of files in one SQLite file (the Blockstore model:
// immutable numbered versions, named drafts holding change sets, commit,
// pinned links), plus a generic record table for the layers above.
// Thread-safety: every method may be called from any thread; calls on one
// Store are serialized by an internal mutex. For parallel reads open one Store
// per thread on the same file (WAL lets readers run beside a writer).
#ifndef BLOCKRT_STORE_STORE_H_
#define BLOCKRT_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/status.h"
#include "store/types.h"

namespace blockrt::store {

struct StoreOptions {
  bool create_if_missing = true;
  bool read_only = false;
  // How long a writer waits for another process's write lock before the
  // operation fails with Conflict.
  int busy_timeout_ms = 5000;
  // FULL fsyncs every commit (survives power loss); NORMAL survives process
  // crashes, which is what the tests prove.
  bool sync_full = false;
  // SQLite page cache per connection; the main term of memory use, since
  // file bytes stream through in 1 MiB chunks.
  int64_t cache_bytes = 32 << 20;
  // Clock for created_at/updated_at; tests inject a fixed one. Null = system.
  std::function<int64_t()> now_micros;
};

struct NewBundle {
  std::string uuid;  // empty = generate a random v4 uuid
  std::string slug;  // required, unique; [A-Za-z0-9_-] and non-ASCII letters
  std::string title;
  std::string description;
};

struct WriteOptions {
  // When set, the write fails with Conflict unless the draft's revision is
  // exactly this (optimistic concurrency across processes).
  std::optional<int64_t> expected_revision;
};

struct CommitOptions {
  std::vector<std::string> paths;  // empty = commit every pending change
  bool include_links = true;       // with `paths`, also commit link changes
  std::string change_description;  // at most 1000 bytes
  std::string author;
  std::optional<int64_t> expected_revision;  // as in WriteOptions
};

struct ImportOptions {
  // Files present in the draft's view but absent from the directory become
  // deletions, so the draft mirrors the directory exactly.
  bool mirror = true;
};

struct ImportStats {
  int64_t files_seen = 0;
  int64_t files_changed = 0;  // written with new bytes
  int64_t files_deleted = 0;
  int64_t bytes_seen = 0;
};

struct GcStats {
  int64_t blobs_removed = 0;
  int64_t bytes_removed = 0;
};

// One blob that failed verification, with every place that uses it.
struct VerifyProblem {
  std::string digest;
  std::string message;               // what was wrong
  std::vector<std::string> used_by;  // "bundle-slug v3:path" / "bundle draft 'x':path"
};

struct VerifyReport {
  int64_t blobs_checked = 0;
  int64_t bytes_checked = 0;
  std::vector<VerifyProblem> problems;  // empty = store is sound
};

// A key/value pair from the record table.
struct Record {
  std::string key;
  std::string value;
};

class Store {
 public:
  // Opens (or creates, per options) the store at `path`, migrating an older
  // schema. IOError if the file cannot be opened, Corruption if it is not a
  // blockrt store, NotSupported if written by a newer schema version.
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // ---- Bundles. `bundle` arguments accept a uuid or a slug.
  Result<BundleInfo> CreateBundle(const NewBundle& spec);
  Result<BundleInfo> GetBundle(std::string_view bundle);
  Result<std::vector<BundleInfo>> ListBundles();
  // Deletes the bundle with all its versions and drafts; FailedPrecondition
  // while another bundle links to it or a record names its uuid (the record's
  // owner, e.g. a content library, must delete it). Its bytes go at the next
  // CollectGarbage.
  Status DeleteBundle(std::string_view bundle);
  Result<std::vector<VersionInfo>> ListVersions(std::string_view bundle);
  Result<VersionInfo> GetVersion(std::string_view bundle, int64_t version);

  // ---- Drafts, named per bundle. Writes create the draft on first use,
  // based on the latest version. All writes are one transaction each.
  Result<DraftInfo> CreateDraft(std::string_view bundle, std::string_view draft);
  Result<DraftInfo> GetDraft(std::string_view bundle, std::string_view draft);
  Result<std::vector<DraftInfo>> ListDrafts(std::string_view bundle);
  bool DraftExists(std::string_view bundle, std::string_view draft);
  // Writing bytes equal to the base version's drops the pending change.
  Status WriteFile(std::string_view bundle, std::string_view draft, std::string_view path,
                   std::string_view bytes, const WriteOptions& opts = {});
  // Streams a file from disk in bounded memory (files up to and over 50 MB).
  Status WriteFileFromDisk(std::string_view bundle, std::string_view draft, std::string_view path,
                           const std::string& source_file, const WriteOptions& opts = {});
  // NotFound if the path is not visible in the draft.
  Status DeleteFile(std::string_view bundle, std::string_view draft, std::string_view path,
                    const WriteOptions& opts = {});
  // AlreadyExists if the draft already has a link of that name unless
  // `replace`; InvalidArgument for self-links; NotFound for a missing target;
  // FailedPrecondition for a cycle (target depends on this bundle).
  Status SetLink(std::string_view bundle, std::string_view draft, std::string_view name,
                 const LinkTarget& target, bool replace = false, const WriteOptions& opts = {});
  Status RemoveLink(std::string_view bundle, std::string_view draft, std::string_view name,
                    const WriteOptions& opts = {});
  Result<bool> HasChanges(std::string_view bundle, std::string_view draft);
  Result<std::vector<DraftChange>> Diff(std::string_view bundle, std::string_view draft);
  // Drops the draft and its changes. NotFound if absent.
  Status DiscardDraft(std::string_view bundle, std::string_view draft);
  // Commits pending changes into version latest+1 and rebases the draft on it;
  // uncommitted changes (with `paths`) stay in the draft. FailedPrecondition if
  // nothing would change; Conflict if a committed path also changed in a
  // version newer than the draft's base, or on a lost lock race.
  Result<int64_t> Commit(std::string_view bundle, std::string_view draft,
                         const CommitOptions& opts = {});

  // ---- Reads at a Ref (version, latest, or draft falling through to base).
  // Bytes are verified against their digest: Corruption names path and version.
  // *digest (when given) is set to the digest of the bytes returned: a draft
  // read by path may be newer than a listing taken before it.
  Result<std::string> ReadFile(std::string_view bundle, const Ref& at, std::string_view path,
                               std::string* digest = nullptr);
  // Streams the bytes to `sink` chunk by chunk (bounded memory). On Corruption
  // the sink has seen unverified bytes and must discard them.
  Status ReadFileTo(std::string_view bundle, const Ref& at, std::string_view path,
                    const std::function<Status(std::string_view)>& sink);
  // The bytes whose digest is `digest` (FileInfo::digest from a listing),
  // verified like ReadFile: one lookup instead of resolving bundle, ref and
  // path again, for callers reading many files of a listing they hold.
  // NotFound when the store holds no such blob (a GC after the listing).
  Result<std::string> ReadBlob(std::string_view digest);
  Result<FileInfo> StatFile(std::string_view bundle, const Ref& at, std::string_view path);
  bool FileExists(std::string_view bundle, const Ref& at, std::string_view path);
  // Sorted by path; `prefix` filters ("problem/" lists one folder tree).
  Result<std::vector<FileInfo>> ListFiles(std::string_view bundle, const Ref& at,
                                          std::string_view prefix = {});
  Result<std::vector<LinkInfo>> ListLinks(std::string_view bundle, const Ref& at);
  // Versions that wrote or deleted `path`, oldest first (per-block history).
  // A deletion shows as size -1 and an empty digest.
  Result<std::vector<std::pair<VersionInfo, FileInfo>>> History(std::string_view bundle,
                                                                std::string_view path);

  // ---- Directories. Import into a draft / export a snapshot, byte-identical.
  Result<ImportStats> ImportDirectory(std::string_view bundle, std::string_view draft,
                                      const std::string& dir, const ImportOptions& opts = {});
  // `dir` must not exist or be empty; files are written to a sibling temp
  // directory and renamed into place, so a failure leaves nothing behind.
  Result<int64_t> ExportDirectory(std::string_view bundle, const Ref& at, const std::string& dir);

  // ---- Maintenance.
  Result<GcStats> CollectGarbage();  // drops blobs no version or draft uses
  Result<VerifyReport> Verify();     // rehashes every blob

  // ---- Generic record table for upper layers (libraries, learner state).
  // Tables are plain names (1..64 bytes, [a-z0-9_.]). Values are opaque bytes.
  Status PutRecord(std::string_view table, std::string_view key, std::string_view value);
  Result<std::string> GetRecord(std::string_view table, std::string_view key);  // NotFound
  Status DeleteRecord(std::string_view table, std::string_view key);            // NotFound
  // Sorted by key.
  Result<std::vector<Record>> ListRecords(std::string_view table, std::string_view key_prefix = {});

  // Runs `fn` in one write transaction: every Store call it makes on this
  // thread joins it, and all of them commit together iff `fn` returns OK.
  // Other threads block until it ends. Nesting joins the outer transaction.
  Status Transact(const std::function<Status()>& fn);

  // Where the SQLite file lives.
  const std::string& path() const;

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace blockrt::store

#endif  // BLOCKRT_STORE_STORE_H_
