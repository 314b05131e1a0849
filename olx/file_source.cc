// FileSource implementations: a directory on disk (through RootDir, which
// resolves every path beneath the root) and files in memory; and the listing
// rule over sorted path lists that MemoryFileSource and store snapshots share.
#include "olx/file_source.h"

#include <algorithm>

#include "olx/internal/file_io.h"
#include "olx/internal/olx_path.h"
#include "olx/internal/root_dir.h"

namespace blockrt::olx {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::vector<std::string> ListMap(const std::map<std::string, std::string, std::less<>>& files,
                                 std::string_view rel_dir, bool dirs) {
  return ListSortedPaths(
      [&files](std::string_view key) -> std::optional<std::string_view> {
        auto it = files.lower_bound(key);
        if (it == files.end()) return std::nullopt;
        return std::string_view(it->first);
      },
      rel_dir, dirs);
}

class DirectoryFileSource final : public FileSource {
 public:
  explicit DirectoryFileSource(std::string root) : root_(std::move(root)) {}

  Status Read(std::string_view rel, size_t max_bytes, std::string* out) const override {
    return root_.Read(rel, max_bytes, out);
  }
  bool IsFile(std::string_view rel) const override { return root_.IsRegularFile(rel); }
  bool IsDirectory(std::string_view rel) const override {
    return rel.empty() || root_.IsDirectory(rel);
  }
  std::vector<std::string> ListFiles(std::string_view rel_dir) const override {
    return root_.List(rel_dir, false);
  }
  std::vector<std::string> ListDirectories(std::string_view rel_dir) const override {
    return root_.List(rel_dir, true);
  }
  std::string Describe(std::string_view rel) const override { return root_.Full(rel); }

 private:
  internal::RootDir root_;
};

}  // namespace

std::unique_ptr<FileSource> OpenDirectorySource(std::string dir) {
  if (!dir.empty() && dir.back() != '/') dir += '/';
  return std::make_unique<DirectoryFileSource>(std::move(dir));
}

std::vector<std::string> ListSortedPaths(const SortedPathLookup& first_at_or_after,
                                         std::string_view rel_dir, bool dirs) {
  std::vector<std::string> out;
  std::string prefix(rel_dir);
  if (!prefix.empty()) prefix += '/';
  std::string key = prefix;
  for (;;) {
    std::optional<std::string_view> path = first_at_or_after(key);
    if (!path || !StartsWith(*path, prefix)) break;
    std::string_view rest = path->substr(prefix.size());
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos) {
      if (!dirs) out.emplace_back(rest);
      key.assign(*path);
      key += '\0';  // the next path after this one
    } else {
      std::string_view name = rest.substr(0, slash);
      if (dirs) out.emplace_back(name);
      key.assign(prefix);
      key += name;
      key += static_cast<char>('/' + 1);  // past NAME/...: its whole subtree
    }
  }
  // Subtrees come in path order, which is not name order: "b.c/x" < "b/x".
  if (dirs) std::sort(out.begin(), out.end());
  return out;
}

namespace {
// A directory symlink back up the tree (allowed: it stays beneath the root)
// would otherwise be walked until paths reach their length limit.
constexpr int kMaxCopyDepth = 64;

Status CopyDir(const FileSource& from, const std::string& rel_dir, int depth, size_t max_bytes,
               MemoryFileSource* to) {
  if (depth > kMaxCopyDepth) {
    return Status::InvalidArgument(from.Describe(rel_dir) + ": directories nested deeper than " +
                                   std::to_string(kMaxCopyDepth) + " (a symlink loop?)");
  }
  std::string prefix = rel_dir.empty() ? rel_dir : rel_dir + "/";
  for (const std::string& name : from.ListFiles(rel_dir)) {
    std::string bytes;
    BLOCKRT_RETURN_IF_ERROR(from.Read(prefix + name, max_bytes, &bytes));
    BLOCKRT_RETURN_IF_ERROR(to->Put(prefix + name, std::move(bytes)));
  }
  for (const std::string& name : from.ListDirectories(rel_dir)) {
    BLOCKRT_RETURN_IF_ERROR(CopyDir(from, prefix + name, depth + 1, max_bytes, to));
  }
  return Status::OK();
}
}  // namespace

Status CopyFiles(const FileSource& from, size_t max_bytes, MemoryFileSource* to) {
  return CopyDir(from, "", 0, max_bytes, to);
}

Status MemoryFileSource::Put(std::string rel, std::string bytes) {
  Status safe = internal::CheckRelativePath(rel);
  if (!safe.ok()) {
    return Status::InvalidArgument(Describe(rel) + ": unsafe path: " + safe.message());
  }
  for (size_t slash = rel.find('/'); slash != std::string::npos; slash = rel.find('/', slash + 1)) {
    if (files_.count(std::string_view(rel).substr(0, slash)) != 0) {
      return Status::InvalidArgument(Describe(rel) + ": " + rel.substr(0, slash) +
                                     " is a file, not a directory");
    }
  }
  if (IsDirectory(rel)) return Status::InvalidArgument(Describe(rel) + ": is a directory");
  files_[std::move(rel)] = std::move(bytes);
  return Status::OK();
}

bool MemoryFileSource::Remove(std::string_view rel) {
  auto it = files_.find(rel);
  if (it == files_.end()) return false;
  files_.erase(it);
  return true;
}

Status MemoryFileSource::Read(std::string_view rel, size_t max_bytes, std::string* out) const {
  Status safe = internal::CheckRelativePath(rel);
  if (!safe.ok()) {
    return Status::InvalidArgument(Describe(rel) + ": unsafe path: " + safe.message());
  }
  auto it = files_.find(rel);
  if (it == files_.end()) {
    if (IsDirectory(rel)) return Status::IOError(Describe(rel) + ": not a regular file");
    return Status::NotFound(Describe(rel) + ": no such file");
  }
  if (it->second.size() > max_bytes) {
    return internal::OversizeError(Describe(rel), it->second.size(), max_bytes);
  }
  out->assign(it->second);
  return Status::OK();
}

bool MemoryFileSource::IsFile(std::string_view rel) const { return files_.count(rel) != 0; }

bool MemoryFileSource::IsDirectory(std::string_view rel) const {
  if (rel.empty()) return true;
  std::string prefix(rel);
  prefix += '/';
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && StartsWith(it->first, prefix);
}

std::vector<std::string> MemoryFileSource::ListFiles(std::string_view rel_dir) const {
  return ListMap(files_, rel_dir, false);
}

std::vector<std::string> MemoryFileSource::ListDirectories(std::string_view rel_dir) const {
  return ListMap(files_, rel_dir, true);
}

std::string MemoryFileSource::Describe(std::string_view rel) const {
  std::string out = name_;
  out += rel;
  return out;
}

}  // namespace blockrt::olx
