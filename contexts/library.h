// Content libraries (v2): the `lib` learning context's records. A library maps
// a key "lib:ORG:SLUG" to one store bundle plus who may do what with it.
// Stored in the store's record table "libraries" as JSON.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_H_
#define BLOCKRT_CONTEXTS_LIBRARY_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace blockrt::contexts {

// Authoring (Studio) reads and writes this draft; the LMS reads published versions.
inline constexpr std::string_view kStudioDraft = "studio_draft";

// Ordered: each role can do what the ones below it can.
enum class LibraryRole { kNone = 0, kLearner, kAuthor, kAdmin };
std::string_view LibraryRoleName(LibraryRole role);  // "none", "learner", "author", "admin"
std::optional<LibraryRole> LibraryRoleFromName(std::string_view name);

struct LibraryInfo {
  std::string key;  // canonical "lib:ORG:SLUG"
  std::string bundle_uuid;
  std::string title;
  // Any user, anonymous ones included, may learn from the library.
  bool allow_public_learning = false;
  std::map<std::string, LibraryRole> roles;  // user id -> role

  LibraryRole RoleOf(std::string_view user_id) const;
};

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_LIBRARY_H_
