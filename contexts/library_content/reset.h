// A learner's selection of a library_content block starting over (the
// reference's reset_selected_children), when the block allows it: each
// selected problem's learner state is cleared (reset_problem), `selected`
// is emptied and `resets` counted, so the next view draws a new selection.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTENT_RESET_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTENT_RESET_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "contexts/user.h"
#include "keys/key.h"
#include "olx/definition.h"
#include "store/store.h"

namespace blockrt::contexts::library_content {

struct ResetReport {
  std::vector<std::string> reset;  // the selected problems whose state was cleared
  int64_t resets = 0;              // resets of this block by this learner so far
};

// `definition` is the block's (fields resolved) and `selected` the children
// the learner sees now (a learner's load of the block). FailedPrecondition
// "\"Resetting selected children\" is not allowed for this XBlock" unless
// allow_resetting_children; InvalidArgument for an anonymous learner (no
// state is kept for them) or another block type.
Result<ResetReport> ResetSelection(store::Store& store, const User& learner, std::string_view lcb,
                                   const olx::Definition& definition,
                                   const std::vector<keys::Key>& selected);

}  // namespace blockrt::contexts::library_content

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTENT_RESET_H_
