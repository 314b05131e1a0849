#include "olx/overlay_source.h"

#include <algorithm>

#include "olx/internal/olx_path.h"

namespace blockrt::olx {
namespace {

std::string DirPrefix(std::string_view rel_dir) {
  return rel_dir.empty() ? std::string() : std::string(rel_dir) + "/";
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

Status OverlayFileSource::Put(std::string rel, std::string bytes) {
  BLOCKRT_RETURN_IF_ERROR(internal::CheckRelativePath(rel));
  removed_.erase(rel);
  added_[std::move(rel)] = std::move(bytes);
  return Status::OK();
}

void OverlayFileSource::Remove(std::string rel) {
  added_.erase(rel);
  if (base_->IsFile(rel)) removed_.insert(std::move(rel));
}

Status OverlayFileSource::Read(std::string_view rel, size_t max_bytes, std::string* out) const {
  if (auto it = added_.find(rel); it != added_.end()) {
    if (it->second.size() > max_bytes) {
      return Status::InvalidArgument(Describe(rel) + ": file is larger than " +
                                     std::to_string(max_bytes) + " bytes");
    }
    out->assign(it->second);
    return Status::OK();
  }
  if (removed_.count(rel) != 0) return Status::NotFound(Describe(rel) + ": no such file");
  return base_->Read(rel, max_bytes, out);
}

bool OverlayFileSource::IsFile(std::string_view rel) const {
  if (added_.count(rel) != 0) return true;
  return removed_.count(rel) == 0 && base_->IsFile(rel);
}

bool OverlayFileSource::HasVisibleFile(const std::string& rel_dir) const {
  const std::string prefix = DirPrefix(rel_dir);
  auto added = added_.lower_bound(prefix);
  if (added != added_.end() && StartsWith(added->first, prefix)) return true;
  if (!ListFiles(rel_dir).empty()) return true;
  for (const std::string& sub : base_->ListDirectories(rel_dir)) {
    if (HasVisibleFile(prefix + sub)) return true;
  }
  return false;
}

bool OverlayFileSource::IsDirectory(std::string_view rel) const {
  if (rel.empty()) return true;
  const std::string prefix = DirPrefix(rel);
  auto added = added_.lower_bound(prefix);
  if (added != added_.end() && StartsWith(added->first, prefix)) return true;
  if (!base_->IsDirectory(rel)) return false;
  // A base directory whose files were all removed is gone (as in a store
  // snapshot, which has no empty directories). Only removals below it make
  // the walk necessary.
  auto removed = removed_.lower_bound(prefix);
  if (removed == removed_.end() || !StartsWith(*removed, prefix)) return true;
  return HasVisibleFile(std::string(rel));
}

std::vector<std::string> OverlayFileSource::ListFiles(std::string_view rel_dir) const {
  const std::string prefix = DirPrefix(rel_dir);
  std::vector<std::string> out;
  for (std::string& name : base_->ListFiles(rel_dir)) {
    if (removed_.count(prefix + name) == 0) out.push_back(std::move(name));
  }
  for (auto it = added_.lower_bound(prefix); it != added_.end() && StartsWith(it->first, prefix);
       ++it) {
    std::string_view name = std::string_view(it->first).substr(prefix.size());
    if (name.find('/') == std::string_view::npos) out.emplace_back(name);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> OverlayFileSource::ListDirectories(std::string_view rel_dir) const {
  const std::string prefix = DirPrefix(rel_dir);
  std::vector<std::string> out;
  for (std::string& name : base_->ListDirectories(rel_dir)) {
    if (IsDirectory(prefix + name)) out.push_back(std::move(name));
  }
  for (auto it = added_.lower_bound(prefix); it != added_.end() && StartsWith(it->first, prefix);
       ++it) {
    std::string_view rest = std::string_view(it->first).substr(prefix.size());
    size_t slash = rest.find('/');
    if (slash != std::string_view::npos) out.emplace_back(rest.substr(0, slash));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace blockrt::olx
