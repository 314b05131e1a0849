#include "contexts/library_content/reset.h"

#include "contexts/library_content/lcb_fields.h"
#include "contexts/library_content/selection_filter.h"
#include "contexts/user_state.h"

namespace blockrt::contexts::library_content {

Result<ResetReport> ResetSelection(store::Store& store, const User& learner, std::string_view lcb,
                                   const olx::Definition& definition,
                                   const std::vector<keys::Key>& selected) {
  if (definition.block_type != kLibraryContentType) {
    return Status::InvalidArgument(std::string(lcb) + " is a " + definition.block_type +
                                   " block, not library_content");
  }
  if (learner.is_none() || learner.is_anonymous()) {
    return Status::InvalidArgument("resetting a selection needs an identified learner");
  }
  if (!FieldsOf(definition).allow_resetting_children) {
    return Status::FailedPrecondition(
        "\"Resetting selected children\" is not allowed for this XBlock");
  }
  ResetReport out;
  Status st = store.Transact([&]() -> Status {
    out.reset.clear();
    // Only problems have reset_problem.
    for (const keys::Key& child : selected) {
      if (child.view().block_type().value_or("") != "problem") continue;
      BLOCKRT_RETURN_IF_ERROR(ClearUserState(store, learner.id, child.text()));
      out.reset.push_back(child.text());
    }
    BLOCKRT_ASSIGN_OR_RETURN(auto state, ReadUserState(store, learner.id, lcb));
    out.resets = StoredResets(state) + 1;
    return WriteUserState(store, learner.id, lcb,
                          {{kSelectedField, "[]"}, {kResetsField, std::to_string(out.resets)}});
  });
  if (!st.ok()) return st;
  return out;
}

}  // namespace blockrt::contexts::library_content
