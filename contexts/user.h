// Who is asking. The runtime and learning contexts take a User for permission
// checks and learner state. An empty id means "no user" (authoring tools, batch
// jobs); ids starting with "anon" are anonymous learners, as in edx-platform.
#ifndef BLOCKRT_CONTEXTS_USER_H_
#define BLOCKRT_CONTEXTS_USER_H_

#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

namespace blockrt::contexts {

struct User {
  std::string id;

  User() = default;
  explicit User(std::string user_id) : id(std::move(user_id)) {}

  bool is_none() const { return id.empty(); }
  bool is_anonymous() const { return id.size() >= 4 && id.compare(0, 4, "anon") == 0; }
};

// The rule for a user id taken from outside (command line, embedding
// application): 1..255 bytes of valid UTF-8 without control characters or
// whitespace. InvalidArgument naming the offending byte otherwise; the id is
// quoted with PrintableBytes so the message itself stays valid UTF-8.
Status ValidateUserId(std::string_view id);

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_USER_H_
