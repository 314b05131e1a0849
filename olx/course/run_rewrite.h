// Importing a course export under another course key (course-v1:O+C+R
// exported, imported as course-v1:O2+C2+R2) keeps every block id and
// rewrites what names the export's own key, as Studio's import does:
//   course.xml             url_name, org, course set to the target's (added when absent)
//   course/R.xml           moves to course/R2.xml; a <wiki slug> of "O.C.R" (or "C") becomes
//   "O2.C2.R2" policies/R/**          moves to policies/R2/** (policies/R.json to
//   policies/R2.json); in the
//                          course policy the "course/R" key, its wiki_slug and xml_attributes
//                          filename follow
//   about|info|tabs|custom_tags/R/**  move to .../R2/**
//   policies/assets.json   asset keys and content_son / thumbnail_location org, course, run
//   drafts/** and policies  block-v1:/asset-v1: keys and course-v1:O+C+R of the export's own course
// Every other file keeps its bytes: block XML and html name blocks by id only.
#ifndef BLOCKRT_OLX_COURSE_RUN_REWRITE_H_
#define BLOCKRT_OLX_COURSE_RUN_REWRITE_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "olx/file_source.h"

namespace blockrt::olx {

struct CourseIdentity {
  std::string org, course, run;
  std::string Key() const { return "course-v1:" + org + "+" + course + "+" + run; }
  bool operator==(const CourseIdentity& o) const {
    return org == o.org && course == o.course && run == o.run;
  }
};

// Where a pointer course.xml leads for `run`: "course/RUN.xml" (':' in the
// run -> '/', as for every url_name).
std::string CourseFilePath(std::string_view run);

struct RunRewrite {
  CourseIdentity from;  // what the export names itself, read as the loader reads course.xml
  CourseIdentity to;
  std::vector<std::string> removes;           // export paths that go (renamed away), sorted
  std::map<std::string, std::string> writes;  // path -> bytes: renamed and rewritten files
  bool empty() const { return removes.empty() && writes.empty(); }
};

// The rewrite that turns the export in `files` into course `to`; empty when
// the export already names `to` (and names its course number in course.xml,
// which the store keeps no directory name to default it from). NotFound
// without course.xml; InvalidArgument for a library export or a course.xml
// whose root is not <course>; the XML error (path:line:col) for an
// unparsable course.xml or course/R.xml.
Result<RunRewrite> PlanRunRewrite(const FileSource& files, const CourseIdentity& to,
                                  size_t max_file_bytes = 16u << 20);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_COURSE_RUN_REWRITE_H_
