// Bundle path rules: relative, '/'-separated, no empty, "." or ".." segments,
// no leading '/', backslash, NUL or control characters, valid UTF-8, at most
// 500 bytes, and every segment at most 255 bytes (NAME_MAX on Linux, macOS
// and Windows), so whatever the store accepts can be exported to disk.
// A rejection is InvalidArgument saying which rule and where.
#ifndef BLOCKRT_STORE_PATH_H_
#define BLOCKRT_STORE_PATH_H_

#include <cstddef>
#include <string_view>

#include "base/status.h"

namespace blockrt::store {

inline constexpr size_t kMaxPathBytes = 500;
inline constexpr size_t kMaxSegmentBytes = 255;

Status ValidatePath(std::string_view path);

}  // namespace blockrt::store

#endif  // BLOCKRT_STORE_PATH_H_
