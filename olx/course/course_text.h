// CourseText: everything a load produced (identity, every block with its
// attributes, fields, body, links and origin, policies, diagnostics) as one
// canonical text, so two loads of the same files through different sources
// (directory, memory, store snapshot) can be compared whole.
#ifndef BLOCKRT_OLX_COURSE_COURSE_TEXT_H_
#define BLOCKRT_OLX_COURSE_COURSE_TEXT_H_

#include <string>

#include "olx/course/course.h"

namespace blockrt::olx {

// One line per item, values escaped (\n, \\) so each stays on its line.
// root_dir is left out: it names the source, not the content.
std::string CourseText(const Course& course);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_COURSE_COURSE_TEXT_H_
