#include "contexts/course.h"

#include "contexts/internal/roles.h"

namespace blockrt::contexts {
namespace {
// Indexed by CourseRole.
constexpr std::string_view kRoleNames[] = {"none", "learner", "staff"};
}  // namespace

std::string_view CourseRoleName(CourseRole role) { return internal::RoleName(kRoleNames, role); }

std::optional<CourseRole> CourseRoleFromName(std::string_view name) {
  return internal::RoleFromName<CourseRole>(kRoleNames, name);
}

CourseRole CourseInfo::RoleOf(std::string_view user_id) const {
  return internal::RoleIn(roles, user_id);
}

}  // namespace blockrt::contexts
