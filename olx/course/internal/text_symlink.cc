#include "olx/course/internal/text_symlink.h"

#include "olx/internal/olx_path.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx::internal {

std::optional<std::string> TextSymlinkTarget(const FileSource& files, const std::string& rel) {
  std::string text;
  if (!files.Read(rel, 1024, &text).ok() || text.empty() || text.find('<') != std::string::npos) {
    return std::nullopt;
  }
  std::string target = text;
  while (!target.empty() && IsBlank(target.substr(target.size() - 1))) target.pop_back();
  if (!CheckRelativePath(target).ok() || target.find('\n') != std::string::npos ||
      !files.IsFile(target)) {
    return std::nullopt;
  }
  return target;
}

}  // namespace blockrt::olx::internal
