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

// The one permission rule of every authoring API: no actor is trusted; an
// actor holding `needed` (or, for `learner`, any user of a public record)
// passes; anyone else is PermissionDenied naming what they tried and the
// role it needs. `Info` has key, allow_public_learning and RoleOf(id);
// `role_name` names a Role.
template <typename Info, typename Role, typename RoleNameFn>
Status RequireRole(const User& actor, const Info& info, Role needed, Role learner,
                   std::string_view what, RoleNameFn role_name) {
  if (actor.is_none()) return Status::OK();
  BLOCKRT_RETURN_IF_ERROR(ValidateUserId(actor.id));
  const Role has = info.RoleOf(actor.id);
  if (has >= needed || (needed == learner && info.allow_public_learning)) return Status::OK();
  return Status::PermissionDenied("user '" + actor.id + "' may not " + std::string(what) + " " +
                                  info.key + ": that needs the " + std::string(role_name(needed)) +
                                  " role (has " + std::string(role_name(has)) + ")");
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
