// FileSource: the files of one export tree (a course or v1-library export),
// addressed by paths relative to its root. The course loader reads only
// through it, so one loader serves a directory on disk, a store snapshot
// (contexts/ implements that one) or files held in memory (tests, edits).
#ifndef BLOCKRT_OLX_FILE_SOURCE_H_
#define BLOCKRT_OLX_FILE_SOURCE_H_

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace blockrt::olx {

class FileSource {
 public:
  virtual ~FileSource() = default;
  // Replaces *out with the bytes of `rel` (its capacity may be reused).
  // NotFound when there is no such file; InvalidArgument for a path that
  // fails CheckRelativePath or leads out of the tree, or a file over
  // `max_bytes`; IOError otherwise. Messages name Describe(rel).
  virtual Status Read(std::string_view rel, size_t max_bytes, std::string* out) const = 0;
  virtual bool IsFile(std::string_view rel) const = 0;
  // "" is the root, which always is one.
  virtual bool IsDirectory(std::string_view rel) const = 0;
  // Names (not paths) of the files / subdirectories directly in `rel_dir`
  // ("" = the root), sorted bytewise; empty when it is not a directory.
  virtual std::vector<std::string> ListFiles(std::string_view rel_dir) const = 0;
  virtual std::vector<std::string> ListDirectories(std::string_view rel_dir) const = 0;
  // How messages name `rel`: "ROOT/rel" for a directory; the root itself
  // (ending in '/') for "".
  virtual std::string Describe(std::string_view rel) const = 0;
};

// The directory `dir` on disk, held open: every path is resolved beneath it
// and a symlink leading out of it is refused like "../" in a path.
std::unique_ptr<FileSource> OpenDirectorySource(std::string dir);

// Files kept in memory by path; directories are implied by the paths.
class MemoryFileSource : public FileSource {
 public:
  explicit MemoryFileSource(std::string name = "memory:") : name_(std::move(name)) {}
  // Adds or replaces a file. InvalidArgument when `rel` fails
  // CheckRelativePath, or is (below) an existing file's path used as a
  // directory, or is a directory the paths imply.
  Status Put(std::string rel, std::string bytes);
  bool Remove(std::string_view rel);
  const std::map<std::string, std::string, std::less<>>& files() const { return files_; }

  Status Read(std::string_view rel, size_t max_bytes, std::string* out) const override;
  bool IsFile(std::string_view rel) const override;
  bool IsDirectory(std::string_view rel) const override;
  std::vector<std::string> ListFiles(std::string_view rel_dir) const override;
  std::vector<std::string> ListDirectories(std::string_view rel_dir) const override;
  std::string Describe(std::string_view rel) const override;

 private:
  std::string name_;  // ends with ':' or '/'
  std::map<std::string, std::string, std::less<>> files_;
};

// Every file of `from`, found through its listings, Put into `to` under the
// same path (e.g. a directory read into memory). Stops at the first failed
// read (files over max_bytes included).
Status CopyFiles(const FileSource& from, size_t max_bytes, MemoryFileSource* to);

// The one listing rule for sources that hold a sorted path list (bytewise,
// as std::string_view compares): the names directly below `rel_dir` ("" =
// root), files when `dirs` is false, first-level subdirectory names otherwise;
// sorted bytewise, like FileSource's listings. `first_at_or_after(key)` gives the smallest path >=
// key (nullopt past the end; the view must stay valid until the next call). It is called once per
// name listed plus once, and a subdirectory's subtree is skipped in one
// call: O(names * log n) over a sorted array or map of n paths, whatever the
// size of the subtrees. E.g. over a sorted std::vector<std::string> v:
//   [&](std::string_view k) -> std::optional<std::string_view> {
//     auto it = std::lower_bound(v.begin(), v.end(), k);
//     return it == v.end() ? std::nullopt : std::optional<std::string_view>(*it); }
using SortedPathLookup = std::function<std::optional<std::string_view>(std::string_view key)>;
std::vector<std::string> ListSortedPaths(const SortedPathLookup& first_at_or_after,
                                         std::string_view rel_dir, bool dirs);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_FILE_SOURCE_H_
