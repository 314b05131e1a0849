// What a library_content block holds of its library (seed 003): one copy per
// top-level library block, in library order, at DERIVE_ID keys under the
// block (keys/derive.h), each descendant derived under its parent's copy, and
// the v1 capa_type filter. Also the way back: which library block a child id
// is the copy of (DERIVE_ID is not reversible, so the library is derived
// again and matched).
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTENT_LIBRARY_COPIES_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTENT_LIBRARY_COPIES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "contexts/library_source.h"
#include "keys/key.h"
#include "olx/course/library_copy_edit.h"

namespace blockrt::contexts::library_content {

// The key DERIVE_ID hashes for a library block: lb: keys as they are (the
// v2 mapping is DERIVE_ID's own), v1 blocks on the library branch
// (lib-block-v1:ORG+LIB+branch@library+type@T+block@ID), as copy_from_template
// requires.
Result<keys::Key> DeriveSourceKey(const LibraryBlock& block);

// The copies of `library`'s top-level blocks for the library_content block
// `lcb` (a block-v1 key), filtered by `capa_type` ("any" keeps all).
// InvalidArgument "One or more library component IDs is a duplicate." when
// two siblings derive to one key; a block whose OLX does not parse is an
// InvalidArgument naming it.
Result<std::vector<olx::LibraryCopy>> CopiesFor(const keys::KeyView& lcb,
                                                const LibrarySnapshot& library,
                                                std::string_view capa_type);

// One library block as seen from its copy under some parent.
struct LinkedBlock {
  const LibraryBlock* block = nullptr;  // into the snapshot
  std::string parent_id;                // "TYPE/ID" of the copy's parent ("" at the top)
};

// "TYPE/ID" of every copy the library's blocks would have under `parent`
// (a block-v1 key; descendants under their parent's copy, no filter) ->
// the library block. Views `library`: valid while it lives.
Result<std::unordered_map<std::string, LinkedBlock>> LinkedIds(const keys::KeyView& parent,
                                                               const LibrarySnapshot& library);

}  // namespace blockrt::contexts::library_content

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTENT_LIBRARY_COPIES_H_
