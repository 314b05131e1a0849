// What each learner sees of a library_content block in the LMS: the course
// context's ChildrenFilter for library_content. On a learner's load the
// stored selection (user_state `selected`, [[type, id], ...]) goes through
// MakeSelection; a changed one is saved (computed and saved on first access,
// as the LMS does) and reported as the reference's events
// (edx.librarycontentblock.content.removed / .assigned). Anonymous learners
// get the same deterministic draw, neither saved nor reported. The state's
// `resets` field counts resets (reset.h) and seeds the next draw.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SELECTION_FILTER_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SELECTION_FILTER_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "contexts/children_filter.h"
#include "contexts/library_content/random_source.h"
#include "contexts/library_content/selection.h"
#include "contexts/library_source.h"
#include "store/store.h"

namespace blockrt::contexts::library_content {

inline constexpr char kSelectedField[] = "selected";
inline constexpr char kResetsField[] = "resets";
inline constexpr char kEventPrefix[] = "edx.librarycontentblock.content.";

// The stored selection and reset count of a learner's state (fields ->
// JSON text, contexts/user_state.h); malformed entries are skipped.
std::vector<BlockRef> StoredSelection(const std::map<std::string, std::string>& state);
int64_t StoredResets(const std::map<std::string, std::string>& state);
// `selected` as the state stores it: [["problem","id"],...].
std::string SelectionJson(const std::vector<BlockRef>& selected);

class SelectionFilter : public ChildrenFilter {
 public:
  // `libraries` names each child's library block in events (original_usage_key);
  // `random` makes each draw's source.
  SelectionFilter(store::Store* store, LibrarySource libraries,
                  RandomSourceFactory random = DeterministicRandom);

  Result<std::vector<keys::Key>> Filter(const ChildrenRequest& request,
                                        std::vector<TrackingEvent>* events) const override;

 private:
  // "TYPE/ID" of each copy under `lcb` -> its library block key, for the
  // library at `version`; empty when it cannot be read. Cached.
  std::shared_ptr<const std::unordered_map<std::string, std::string>> Originals(
      std::string_view lcb, const std::string& library, const std::string& version) const;

  store::Store* store_;
  LibrarySource libraries_;
  RandomSourceFactory random_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string,
                             std::shared_ptr<const std::unordered_map<std::string, std::string>>>
      originals_;
};

}  // namespace blockrt::contexts::library_content

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SELECTION_FILTER_H_
