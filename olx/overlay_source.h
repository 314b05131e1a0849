// A FileSource that reads another one with some files replaced, added or
// removed: what a tree will be once a few changes land on it (an import's
// run rewrite, an edit), loaded without copying the rest of the tree.
#ifndef BLOCKRT_OLX_OVERLAY_SOURCE_H_
#define BLOCKRT_OLX_OVERLAY_SOURCE_H_

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "olx/file_source.h"

namespace blockrt::olx {

class OverlayFileSource : public FileSource {
 public:
  // `base` must outlive the overlay.
  explicit OverlayFileSource(const FileSource* base) : base_(base) {}

  // Adds or replaces a file (InvalidArgument when `rel` fails CheckRelativePath).
  Status Put(std::string rel, std::string bytes);
  // Hides a file of the base (or drops one Put before).
  void Remove(std::string rel);

  Status Read(std::string_view rel, size_t max_bytes, std::string* out) const override;
  bool IsFile(std::string_view rel) const override;
  bool IsDirectory(std::string_view rel) const override;
  std::vector<std::string> ListFiles(std::string_view rel_dir) const override;
  std::vector<std::string> ListDirectories(std::string_view rel_dir) const override;
  std::string Describe(std::string_view rel) const override { return base_->Describe(rel); }

 private:
  // Some file at or below `rel_dir` is visible.
  bool HasVisibleFile(const std::string& rel_dir) const;

  const FileSource* base_;
  std::map<std::string, std::string, std::less<>> added_;
  std::set<std::string, std::less<>> removed_;  // base files hidden (none also in added_)
};

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_OVERLAY_SOURCE_H_
