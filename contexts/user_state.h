// Learner state (user_state scope) as the store keeps it for identified
// users: record table "user_state", key "USER\nUSAGE", one JSON object of
// fields. The one home of that layout: the runtime's UserState and
// SetUserState, and library_content's selection, read and write it here.
#ifndef BLOCKRT_CONTEXTS_USER_STATE_H_
#define BLOCKRT_CONTEXTS_USER_STATE_H_

#include <map>
#include <string>
#include <string_view>

#include "base/result.h"
#include "store/store.h"

namespace blockrt::contexts {

// Field -> JSON text. Empty when the user has none for the block; Corruption
// when the record is not a JSON object.
Result<std::map<std::string, std::string>> ReadUserState(store::Store& store, std::string_view user,
                                                         std::string_view usage);
// Sets each field to its JSON text (InvalidArgument when one is not JSON),
// keeping the others, in one transaction.
Status WriteUserState(store::Store& store, std::string_view user, std::string_view usage,
                      const std::map<std::string, std::string>& fields);
// Forgets every field of the block for the user (OK when there were none).
Status ClearUserState(store::Store& store, std::string_view user, std::string_view usage);

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_USER_STATE_H_
