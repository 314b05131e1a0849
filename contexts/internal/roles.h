// The role rules every learning context's records share: roles are small
// ordered enums named by a fixed table, and a user without an entry (or
// with no id) holds kNone.
#ifndef BLOCKRT_CONTEXTS_INTERNAL_ROLES_H_
#define BLOCKRT_CONTEXTS_INTERNAL_ROLES_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "contexts/user.h"

namespace blockrt::contexts::internal {

// names[i] names the role whose value is i; out of range reads as names[0].
template <typename Role, size_t N>
std::string_view RoleName(const std::string_view (&names)[N], Role role) {
  const size_t i = static_cast<size_t>(role);
  return i < N ? names[i] : names[0];
}

template <typename Role, size_t N>
std::optional<Role> RoleFromName(const std::string_view (&names)[N], std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Role>(i);
  }
  return std::nullopt;
}

template <typename Role>
Role RoleIn(const std::map<std::string, Role>& roles, std::string_view user_id) {
  if (user_id.empty()) return Role{};
  auto it = roles.find(std::string(user_id));
  return it == roles.end() ? Role{} : it->second;
}

// The one grant rule of every context's records: a valid, non-anonymous id;
// kNone (the Role{} value) revokes. `what` names the context kind
// ("library", "course") in the message.
inline Status CheckGrantee(std::string_view user, std::string_view what) {
  BLOCKRT_RETURN_IF_ERROR(ValidateUserId(user));
  if (User(std::string(user)).is_anonymous()) {
    return Status::InvalidArgument("anonymous users ('" + std::string(user) + "') cannot hold " +
                                   std::string(what) + " roles");
  }
  return Status::OK();
}

template <typename Role>
void ApplyRole(std::map<std::string, Role>* roles, std::string_view user, Role role) {
  if (role == Role{}) {
    roles->erase(std::string(user));
  } else {
    (*roles)[std::string(user)] = role;
  }
}

}  // namespace blockrt::contexts::internal

#endif  // BLOCKRT_CONTEXTS_INTERNAL_ROLES_H_
