// Courses (course-v1): the `course-v1` learning context's records. A course
// maps a key "course-v1:ORG+COURSE+RUN" to one store bundle holding the course
// exactly as an OLX export, plus who may do what with it. Stored in the
// store's record table "courses" as JSON.
#ifndef BLOCKRT_CONTEXTS_COURSE_H_
#define BLOCKRT_CONTEXTS_COURSE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace blockrt::contexts {

// Ordered: staff can do what learners can. Staff edit and see the draft
// (Studio); learners see the latest published version (LMS).
enum class CourseRole { kNone = 0, kLearner, kStaff };
std::string_view CourseRoleName(CourseRole role);  // "none", "learner", "staff"
std::optional<CourseRole> CourseRoleFromName(std::string_view name);

struct CourseInfo {
  std::string key;  // canonical "course-v1:ORG+COURSE+RUN"
  std::string bundle_uuid;
  std::string title;
  // Any user, anonymous ones included, may learn from the course.
  bool allow_public_learning = false;
  std::map<std::string, CourseRole> roles;  // user id -> role

  CourseRole RoleOf(std::string_view user_id) const;
};

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_COURSE_H_
