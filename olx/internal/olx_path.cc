#include "olx/internal/olx_path.h"

#include <string>

namespace blockrt::olx::internal {

Status CheckRelativePath(std::string_view rel) {
  if (rel.empty()) return Status::InvalidArgument("empty path");
  if (rel.size() > kMaxRelativePathBytes) {
    return Status::InvalidArgument("path longer than " + std::to_string(kMaxRelativePathBytes) +
                                   " bytes");
  }
  if (rel.front() == '/') return Status::InvalidArgument("absolute path");
  size_t begin = 0;
  while (begin <= rel.size()) {
    size_t end = rel.find('/', begin);
    if (end == std::string_view::npos) end = rel.size();
    std::string_view seg = rel.substr(begin, end - begin);
    if (seg.empty()) return Status::InvalidArgument("empty path segment");
    if (seg == "." || seg == "..") {
      return Status::InvalidArgument("path segment '" + std::string(seg) + "'");
    }
    if (seg.size() > kMaxPathSegmentBytes) {
      return Status::InvalidArgument("path segment longer than " +
                                     std::to_string(kMaxPathSegmentBytes) + " bytes");
    }
    for (char c : seg) {
      if (c == '\0') return Status::InvalidArgument("NUL byte in path");
      if (c == '\\') return Status::InvalidArgument("backslash in path");
    }
    begin = end + 1;
  }
  return Status::OK();
}

}  // namespace blockrt::olx::internal
