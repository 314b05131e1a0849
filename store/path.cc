#include "store/path.h"

#include <cstdint>
#include <string>

namespace blockrt::store {
namespace {

Status Reject(std::string_view path, size_t pos, std::string_view why) {
  std::string shown(path.substr(0, 80));
  if (path.size() > 80) shown += "...";
  return Status::InvalidArgument("invalid path '" + shown + "' at byte " + std::to_string(pos) +
                                 ": " + std::string(why));
}

// Length of the UTF-8 sequence starting at s[i], or 0 if it is malformed
// (overlong forms, surrogates and code points past U+10FFFF are malformed).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t len;
  uint32_t cp;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) {
    len = 2;
    cp = c & 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    len = 3;
    cp = c & 0x0f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3f);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
    return 0;
  }
  return len;
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
  if (last == ".") return Reject(path, seg_start, "'.' segment");
  if (last == "..") return Reject(path, seg_start, "'..' segment");
  return Status::OK();
}

}  // namespace blockrt::store
