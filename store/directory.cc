// Directory import into a draft and export of any snapshot, byte-identical.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <system_error>

#include "store/internal/blobs.h"
#include "store/internal/draft_ops.h"
#include "store/internal/impl.h"
#include "store/internal/snapshot.h"
#include "store/path.h"
#include "store/store.h"

namespace fs = std::filesystem;

namespace blockrt::store {
namespace {

// Sorted bundle paths of every regular file under `root`. Symlinks and
// special files are refused rather than silently skipped: the round trip
// would not be byte-identical.
Status ScanTree(const fs::path& root, std::vector<std::pair<std::string, fs::path>>* out) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return Status::IOError("'" + root.string() + "' is not a directory");
  }
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
  if (ec) return Status::IOError("cannot read '" + root.string() + "': " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IOError("cannot read under '" + root.string() + "': " + ec.message());
    const fs::directory_entry& e = *it;
    fs::file_status st = e.symlink_status(ec);
    if (ec) return Status::IOError("cannot stat '" + e.path().string() + "': " + ec.message());
    if (fs::is_directory(st)) continue;
    std::string rel = e.path().lexically_relative(root).generic_string();
    if (fs::is_symlink(st)) {
      return Status::NotSupported("'" + rel + "' is a symbolic link; only regular files import");
    }
    if (!fs::is_regular_file(st)) {
      return Status::NotSupported("'" + rel + "' is not a regular file");
    }
    Status valid = ValidatePath(rel);
    if (!valid.ok()) return valid.WithContext(e.path().string());
    out->emplace_back(std::move(rel), e.path());
  }
  std::sort(out->begin(), out->end());
  return Status::OK();
}

Status WriteOut(Store::Impl& s, const Entry& e, const fs::path& target, const std::string& where) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec)
    return Status::IOError("cannot create '" + target.parent_path().string() +
                           "': " + ec.message());
  // A new file in the fresh temporary tree: O_EXCL|O_NOFOLLOW so nothing
  // already there (least of all a symlink) is ever written through; 0666
  // under the umask, like any file a tool creates.
  int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  FILE* f = fd < 0 ? nullptr : ::fdopen(fd, "wb");
  if (f == nullptr) {
    if (fd >= 0) ::close(fd);
    return Status::IOError("cannot create '" + target.string() + "': " + std::strerror(errno));
  }
  Status st = ReadBlob(
      s, e.blob_id,
      [&](std::string_view chunk) -> Status {
        if (!chunk.empty() && std::fwrite(chunk.data(), 1, chunk.size(), f) != chunk.size()) {
          return Status::IOError("cannot write '" + target.string() + "': " + std::strerror(errno));
        }
        return Status::OK();
      },
      [&where] { return where; });
  if (std::fclose(f) != 0 && st.ok()) {
    st = Status::IOError("cannot write '" + target.string() + "': " + std::strerror(errno));
  }
  return st;
}

// A fresh sibling directory for the export to fill. mkdir (not mkdtemp, which
// makes 0700) so the export root gets the usual 0777-under-umask mode, like
// the folders below it.
Result<fs::path> MakeTempDir(const fs::path& parent) {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    char name[32];
    std::snprintf(name, sizeof name, ".blockrt-export-%08x", static_cast<unsigned>(rd()));
    fs::path p = parent / name;
    if (::mkdir(p.c_str(), 0777) == 0) return p;
    if (errno != EEXIST) {
      return Status::IOError("cannot create a temporary directory in '" + parent.string() +
                             "': " + std::strerror(errno));
    }
  }
  return Status::IOError("cannot create a temporary directory in '" + parent.string() +
                         "': every name taken");
}

}  // namespace

Result<ImportStats> Store::ImportDirectory(std::string_view bundle, std::string_view draft,
                                           const std::string& dir, const ImportOptions& opts) {
  std::vector<std::pair<std::string, fs::path>> files;
  BLOCKRT_RETURN_IF_ERROR(ScanTree(dir, &files));
  ImportStats stats;
  Status st = impl_->Write([&]() -> Status {
    Store::Impl& s = *impl_;
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, s.ResolveBundle(bundle));
    BLOCKRT_ASSIGN_OR_RETURN(DraftRow d, s.ResolveDraft(b, draft, true));
    bool changed = false;
    // Deletions first, so a file replaced by a directory of the same name
    // (or the reverse) does not trip the file/directory clash check.
    if (opts.mirror) {
      std::set<std::string> present;
      for (const auto& f : files) present.insert(f.first);
      for (const Entry& e : ListVisible(s, b.id, &d, d.base_version, "")) {
        if (present.count(e.path) != 0) continue;
        BLOCKRT_RETURN_IF_ERROR(StageDelete(s, b, d, e.path));
        ++stats.files_deleted;
        changed = true;
      }
    }
    for (const auto& [rel, full] : files) {
      Result<BlobRef> blob = PutBlobFromFile(s, full.string());
      if (!blob.ok()) return blob.status();
      ++stats.files_seen;
      stats.bytes_seen += blob->size;
      Result<bool> staged = StageFile(s, b, d, rel, *blob, /*check_clash=*/!opts.mirror);
      if (!staged.ok()) return staged.status();
      if (*staged) {
        ++stats.files_changed;
        changed = true;
      }
    }
    if (changed) s.TouchDraft(d);
    return Status::OK();
  });
  if (!st.ok()) return st;
  return stats;
}

Result<int64_t> Store::ExportDirectory(std::string_view bundle, const Ref& at,
                                       const std::string& dir) {
  if (dir.empty()) return Status::InvalidArgument("export directory is empty");
  fs::path target = fs::path(dir).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  // '.', '..' and '/' name a directory the export would have to replace.
  if (target.empty() || target.filename() == "." || target.filename() == ".." ||
      target == target.root_path()) {
    return Status::InvalidArgument("export target '" + dir +
                                   "' must name a new directory, not '.', '..' or '/'");
  }
  std::error_code ec;
  fs::file_status target_st = fs::symlink_status(target, ec);
  if (fs::is_symlink(target_st)) {
    return Status::FailedPrecondition("export target '" + dir +
                                      "' is a symbolic link; exports never write through one");
  }
  bool existed = fs::exists(target_st);
  if (existed && (!fs::is_directory(target_st) || !fs::is_empty(target, ec))) {
    return Status::FailedPrecondition("export target '" + dir +
                                      "' exists and is not an empty directory");
  }
  fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  Result<fs::path> made = MakeTempDir(parent);
  if (!made.ok()) return made.status();
  fs::path tmp = *made;
  int64_t count = 0;
  Status st = impl_->Read([&]() -> Status {
    Store::Impl& s = *impl_;
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, s.ResolveBundle(bundle));
    DraftRow d;
    BLOCKRT_ASSIGN_OR_RETURN(int64_t version, s.VersionFor(b, at, &d));
    for (const Entry& e : ListVisible(s, b.id, at.is_draft() ? &d : nullptr, version, "")) {
      std::string where = "path '" + e.path + "' at " + at.ToString() + " (v" +
                          std::to_string(version) + ") of bundle '" + b.slug + "'";
      BLOCKRT_RETURN_IF_ERROR(CheckEntry(e, [&] { return where; }));
      BLOCKRT_RETURN_IF_ERROR(WriteOut(s, e, tmp / e.path, where));
      ++count;
    }
    return Status::OK();
  });
  if (st.ok()) {
    if (existed) fs::remove(target, ec);
    fs::rename(tmp, target, ec);
    if (ec) st = Status::IOError("cannot move export into '" + dir + "': " + ec.message());
  }
  if (!st.ok()) {
    fs::remove_all(tmp, ec);
    return st;
  }
  return count;
}

}  // namespace blockrt::store
