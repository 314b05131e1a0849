// Which definitions deleting a library block removes. A block owns the
// definitions it includes only while nothing else includes them: a child that
// another remaining block (directly, or through blocks that stay) still
// includes is kept, so delete-block never leaves a dangling include behind.
#ifndef BLOCKRT_CONTEXTS_INTERNAL_DELETE_PLAN_H_
#define BLOCKRT_CONTEXTS_INTERNAL_DELETE_PLAN_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "contexts/bundle_snapshots.h"
#include "contexts/definition_cache.h"

namespace blockrt::contexts::internal {

// The own definition paths ("TYPE/ID/definition.xml") of `snap` to delete with
// the block defined at `root_path`: it, and what it reaches through own-bundle
// includes that no remaining definition reaches. Sorted; root_path included.
Result<std::vector<std::string>> DefinitionsToDelete(store::Store& store,
                                                     DefinitionCache& definitions,
                                                     const BundleSnapshot& snap,
                                                     std::string_view root_path);

}  // namespace blockrt::contexts::internal

#endif  // BLOCKRT_CONTEXTS_INTERNAL_DELETE_PLAN_H_
