// A git symlink checked out without symlink support is a text file holding
// the target path (observed: conditional_and_poll/course.xml,
// word_cloud/course.xml). The one rule for recognizing and following one.
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_TEXT_SYMLINK_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_TEXT_SYMLINK_H_

#include <optional>
#include <string>

#include "olx/file_source.h"

namespace blockrt::olx::internal {

// The path `rel` names when it is such a text symlink to a file inside the
// export (a safe relative path, one line, no markup); nullopt otherwise.
std::optional<std::string> TextSymlinkTarget(const FileSource& files, const std::string& rel);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_TEXT_SYMLINK_H_
