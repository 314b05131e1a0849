#include "store/path.h"

#include <cstdint>
#include <string>

#include "store/internal/validate.h"

namespace blockrt::store {
namespace {

Status Reject(std::string_view path, size_t pos, std::string_view why) {
  std::string shown(path.substr(0, 80));
  if (path.size() > 80) shown += "...";
  return Status::InvalidArgument("invalid path '" + shown + "' at byte " + std::to_string(pos) +
                                 ": " + std::string(why));
}

// A name longer than NAME_MAX could be stored but never exported or imported.
Status SegmentTooLong(std::string_view path, size_t pos, size_t len) {
  return Reject(path, pos,
                "segment of " + std::to_string(len) + " bytes, over the " +
                    std::to_string(kMaxSegmentBytes) +
                    "-byte limit of a file name (it could not be exported)");
}

}  // namespace

Status ValidatePath(std::string_view path) {
  if (path.empty()) return Status::InvalidArgument("invalid path '': empty");
  if (path.size() > kMaxPathBytes) {
    return Reject(path, kMaxPathBytes,
                  "longer than " + std::to_string(kMaxPathBytes) + " bytes (" +
                      std::to_string(path.size()) + ")");
  }
  if (path[0] == '/') return Reject(path, 0, "absolute (leading '/')");
  size_t seg_start = 0;
  for (size_t i = 0; i < path.size();) {
    unsigned char c = static_cast<unsigned char>(path[i]);
    if (c == 0) return Reject(path, i, "NUL byte");
    if (c < 0x20 || c == 0x7f) return Reject(path, i, "control character");
    if (c == '\\') return Reject(path, i, "backslash (use '/')");
    if (c == '/') {
      std::string_view seg = path.substr(seg_start, i - seg_start);
      if (seg.empty()) return Reject(path, i, "empty segment ('//')");
      if (seg.size() > kMaxSegmentBytes) return SegmentTooLong(path, seg_start, seg.size());
      if (seg == ".") return Reject(path, seg_start, "'.' segment");
      if (seg == "..") return Reject(path, seg_start, "'..' segment");
      seg_start = i + 1;
      ++i;
      continue;
    }
    size_t len = Utf8SequenceLength(path, i);
    if (len == 0) return Reject(path, i, "invalid UTF-8");
    if (len == 2 && static_cast<unsigned char>(path[i]) == 0xc2 &&
        static_cast<unsigned char>(path[i + 1]) < 0xa0) {
      return Reject(path, i, "control character (C1)");
    }
    i += len;
  }
  std::string_view last = path.substr(seg_start);
  if (last.empty()) return Reject(path, path.size(), "trailing '/'");
  if (last.size() > kMaxSegmentBytes) return SegmentTooLong(path, seg_start, last.size());
  if (last == ".") return Reject(path, seg_start, "'.' segment");
  if (last == "..") return Reject(path, seg_start, "'..' segment");
  return Status::OK();
}

}  // namespace blockrt::store
