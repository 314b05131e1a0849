// The export's root directory, held open: files below it are opened relative
// to one directory descriptor, so the kernel walks only the relative part of
// each path (a course load opens ~1,000 small files; the absolute walk was a
// tenth of its time). Messages still name the full path.
//
// Every path is checked against CheckRelativePath (olx_path.h) and resolved
// beneath the root: a symlink leading out of the export is refused like a
// "../" in a url_name.
#ifndef BLOCKRT_OLX_INTERNAL_ROOT_DIR_H_
#define BLOCKRT_OLX_INTERNAL_ROOT_DIR_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace blockrt::olx::internal {

class RootDir {
 public:
  // `root` ends with '/' (or is empty for the working directory).
  explicit RootDir(std::string root);
  ~RootDir();
  RootDir(const RootDir&) = delete;
  RootDir& operator=(const RootDir&) = delete;

  const std::string& path() const { return root_; }
  std::string Full(std::string_view rel) const { return root_ + std::string(rel); }

  // Replaces *out with the file's bytes (its capacity is reused). NotFound for
  // a missing file, InvalidArgument for an unsafe path or one leading out of
  // the root, or over max_bytes; IOError otherwise.
  Status Read(std::string_view rel, size_t max_bytes, std::string* out) const;
  bool IsRegularFile(std::string_view rel) const;
  bool IsDirectory(std::string_view rel) const;
  // Names of the regular files (dirs false) or subdirectories directly in
  // `rel` ("" = the root), sorted; empty when it is not a directory.
  std::vector<std::string> List(std::string_view rel, bool dirs) const;
  // Opens `rel` (O_RDONLY | extra_flags) beneath the root into *fd.
  Status Open(std::string_view rel, int extra_flags, int* fd) const;
  // Copies the file or directory tree `rel` to the absolute path `to`, bytes
  // unchanged; entries that lead out of the root make it fail.
  Status CopyTo(const std::string& rel, const std::string& to) const;

 private:
  int Subdir(std::string_view name) const;
  unsigned ModeOf(std::string_view rel) const;  // st_mode, or 0 when unusable

  std::string root_;
  int fd_ = -1;
  int open_errno_ = 0;  // why fd_ did not open
  // First-level directories ("problem", "vertical"...) held open too: most
  // files are TYPE/NAME.xml, and one component is the cheapest walk. -1 marks
  // a name that did not open (its files take the general path).
  mutable std::vector<std::pair<std::string, int>> subdirs_;
};

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_INTERNAL_ROOT_DIR_H_
