// Importing a v1 library export under another library key
// (library-v1:O+L exported, imported as library-v1:O2+L2) keeps every block
// id and sets library.xml's org and library attributes to the target's (the
// only place a library export names itself); every other byte stays.
#ifndef BLOCKRT_OLX_COURSE_LIBRARY_REWRITE_H_
#define BLOCKRT_OLX_COURSE_LIBRARY_REWRITE_H_

#include <cstddef>

#include "base/result.h"
#include "olx/course/run_rewrite.h"
#include "olx/file_source.h"

namespace blockrt::olx {

// `to` and the plan's `from` name a library as {org, library, ""} (run
// unused). The plan writes library.xml when it names another library, or
// names none (the store keeps no directory name to default it from); empty
// otherwise. NotFound without library.xml; InvalidArgument for a course
// export or a root that is not <library>; the XML error (path:line:col) for
// an unparsable library.xml.
Result<RunRewrite> PlanLibraryRewrite(const FileSource& files, const CourseIdentity& to,
                                      size_t max_file_bytes = 16u << 20);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_COURSE_LIBRARY_REWRITE_H_
