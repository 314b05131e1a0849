// Per-learner children: which of a block's children a learner sees in the
// LMS, asked by the course context of the filter registered for the block's
// type (library_content: the learner's selection, library_content/). A
// filter may keep learner state and report events. Thread-safe: one
// instance serves every runtime.
#ifndef BLOCKRT_CONTEXTS_CHILDREN_FILTER_H_
#define BLOCKRT_CONTEXTS_CHILDREN_FILTER_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "contexts/learning_context.h"
#include "contexts/user.h"
#include "keys/key.h"
#include "olx/definition.h"

namespace blockrt::contexts {

struct ChildrenRequest {
  const User& user;                        // the learner (never none)
  std::string_view usage;                  // the block's canonical key
  const olx::Definition& definition;       // its fields resolved
  const std::vector<keys::Key>& children;  // all of them, in order
  // The descendants of one of `children` (usage key text), flat, in the
  // order edx-platform's event summaries walk them (a stack: last child
  // first); may be empty.
  std::function<std::vector<std::string>(std::string_view child)> descendants;
};

class ChildrenFilter {
 public:
  virtual ~ChildrenFilter() = default;
  // The children request.user sees, in the order shown; what this decided
  // that analytics should hear of goes to *events.
  virtual Result<std::vector<keys::Key>> Filter(const ChildrenRequest& request,
                                                std::vector<TrackingEvent>* events) const = 0;
};

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_CHILDREN_FILTER_H_
