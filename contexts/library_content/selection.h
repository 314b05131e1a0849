// A learner's selection of a library_content block's children: edx-platform's
// ItemBankMixin.make_selection (library-content-semantics.md §1). Pure: the
// stored `selected` list, the block's children and max_count in, the new
// list and what changed out.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SELECTION_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SELECTION_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "contexts/library_content/random_source.h"

namespace blockrt::contexts::library_content {

// A child as `selected` names it: [block_type, block_id].
using BlockRef = std::pair<std::string, std::string>;

struct Selection {
  std::vector<BlockRef> selected;  // what the learner sees, in order
  // Each sorted: stored entries no child has any more, entries dropped to
  // meet max_count, entries drawn to fill it.
  std::vector<BlockRef> invalid, overlimit, added;
  bool changed() const { return !invalid.empty() || !overlimit.empty() || !added.empty(); }
};

// 1. drop stored entries that are no child (invalid); 2. over `max_count`
// (negative: every child), drop a random sample (overlimit); 3. under it,
// add a random sample of the other children (added); 4. if anything
// changed the whole list is shuffled, else the stored list is returned as
// it was (same order, duplicates included). Samples are drawn from sorted
// pools, so a RandomSource fixes the result.
Selection MakeSelection(const std::vector<BlockRef>& stored, const std::vector<BlockRef>& children,
                        int64_t max_count, RandomSource& random);

}  // namespace blockrt::contexts::library_content

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SELECTION_H_
