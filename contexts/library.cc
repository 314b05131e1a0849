#include "contexts/library.h"

#include "contexts/internal/roles.h"

namespace blockrt::contexts {
namespace {
// Indexed by LibraryRole.
constexpr std::string_view kRoleNames[] = {"none", "learner", "author", "admin"};
}  // namespace

std::string_view LibraryRoleName(LibraryRole role) { return internal::RoleName(kRoleNames, role); }

std::optional<LibraryRole> LibraryRoleFromName(std::string_view name) {
  return internal::RoleFromName<LibraryRole>(kRoleNames, name);
}

LibraryRole LibraryInfo::RoleOf(std::string_view user_id) const {
  return internal::RoleIn(roles, user_id);
}

}  // namespace blockrt::contexts
