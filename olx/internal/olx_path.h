// The one path-safety rule for file names that come from content: url_names
// (':' -> '/'), filename= attributes, the course run, policy-derived names.
// The loader checks every path it builds from OLX against it before reading,
// RootDir refuses any other path (and any symlink leading out of the root),
// and the exporter checks every path it writes: a hostile export can neither
// read nor write outside its directory.
#ifndef BLOCKRT_OLX_INTERNAL_OLX_PATH_H_
#define BLOCKRT_OLX_INTERNAL_OLX_PATH_H_

#include <cstddef>
#include <string_view>

#include "base/status.h"

namespace blockrt::olx::internal {

// NAME_MAX and PATH_MAX of the file systems exports live on.
inline constexpr size_t kMaxPathSegmentBytes = 255;
inline constexpr size_t kMaxRelativePathBytes = 4095;

// OK when `rel` is a relative path that stays below its root: non-empty, not
// absolute, segments separated by single '/', none empty, "." or "..", none
// longer than kMaxPathSegmentBytes, no NUL or backslash (a Windows separator
// on the other side of an export). InvalidArgument naming the problem
// otherwise (the message does not repeat `rel`).
Status CheckRelativePath(std::string_view rel);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_INTERNAL_OLX_PATH_H_
