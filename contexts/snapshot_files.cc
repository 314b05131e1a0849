#include "contexts/snapshot_files.h"

#include <algorithm>

namespace blockrt::contexts {
namespace {

class SnapshotFiles : public olx::FileSource {
 public:
  SnapshotFiles(store::Store* store, std::shared_ptr<const BundleSnapshot> snap, std::string label)
      : store_(store), snap_(std::move(snap)), label_(std::move(label)) {
    paths_.reserve(snap_->files.size());
    for (const store::FileInfo& f : snap_->files) paths_.push_back(f.path);
  }

  Status Read(std::string_view rel, size_t max_bytes, std::string* out) const override {
    const store::FileInfo* info = snap_->Find(rel);
    if (info == nullptr) return Status::NotFound(Describe(rel) + ": no such file");
    if (static_cast<uint64_t>(info->size) > max_bytes) {
      return Status::InvalidArgument(Describe(rel) + ": file is " + std::to_string(info->size) +
                                     " bytes, over the limit of " + std::to_string(max_bytes));
    }
    // By digest: the snapshot already resolved bundle, ref and path.
    Result<std::string> bytes = store_->ReadBlob(info->digest);
    if (!bytes.ok()) return bytes.status().WithContext(Describe(rel));
    *out = std::move(*bytes);
    return Status::OK();
  }

  bool IsFile(std::string_view rel) const override { return snap_->Find(rel) != nullptr; }

  bool IsDirectory(std::string_view rel) const override {
    if (rel.empty()) return true;
    std::string prefix(rel);
    prefix.push_back('/');
    auto it = std::lower_bound(paths_.begin(), paths_.end(), std::string_view(prefix));
    return it != paths_.end() && it->substr(0, prefix.size()) == prefix;
  }

  std::vector<std::string> ListFiles(std::string_view rel_dir) const override {
    return olx::ListSortedPaths(Lookup(), rel_dir, false);
  }
  std::vector<std::string> ListDirectories(std::string_view rel_dir) const override {
    return olx::ListSortedPaths(Lookup(), rel_dir, true);
  }

  std::string Describe(std::string_view rel) const override { return label_ + std::string(rel); }

 private:
  olx::SortedPathLookup Lookup() const {
    return [this](std::string_view key) -> std::optional<std::string_view> {
      auto it = std::lower_bound(paths_.begin(), paths_.end(), key);
      if (it == paths_.end()) return std::nullopt;
      return *it;
    };
  }

  store::Store* store_;
  std::shared_ptr<const BundleSnapshot> snap_;
  std::string label_;
  std::vector<std::string_view> paths_;  // views of snap_->files' paths, sorted
};

}  // namespace

std::unique_ptr<olx::FileSource> SnapshotFileSource(store::Store* store,
                                                    std::shared_ptr<const BundleSnapshot> snap,
                                                    std::string label) {
  return std::make_unique<SnapshotFiles>(store, std::move(snap), std::move(label));
}

}  // namespace blockrt::contexts
