// DERIVE_ID: the block id edx-platform gives a library block copied under a
// parent (library_content children), xmodule/util/keys.py derive_key with the
// v2 mapping of content_libraries/tasks.py. The id is sha1(unique_data)[:20],
// unique_data = str(CONTEXT.encode('utf-8')) + ':' + SOURCE_ID + ':' + PARENT_ID.
#ifndef BLOCKRT_KEYS_DERIVE_H_
#define BLOCKRT_KEYS_DERIVE_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "keys/key.h"

namespace blockrt::keys {

// The text hashed for `source_usage` copied under a parent whose block id is
// `dest_parent_block_id`. CONTEXT is the source's context without its version:
// lb:ORG:SLUG:... hashes as library-v1:ORG+SLUG+branch@library; lib-block-v1:
// and block-v1: sources keep their branch (or lack of one) and drop version@.
// InvalidArgument for other kinds (asides, deprecated keys, non-usage keys).
Result<std::string> DeriveUniqueData(const KeyView& source_usage,
                                     std::string_view dest_parent_block_id);

// sha1(DeriveUniqueData(...))[:20] in lowercase hex.
Result<std::string> DeriveBlockId(const KeyView& source_usage,
                                  std::string_view dest_parent_block_id);

// dest_parent.context_key.make_usage_key(source.block_type, DeriveBlockId(source,
// dest_parent.block_id)): a library block's key once copied under dest_parent.
Result<Key> DeriveUsageKey(const KeyView& source_usage, const KeyView& dest_parent_usage);
// The same on key strings (each parsed as a UsageKey; errors name which one failed).
Result<Key> DeriveUsageKey(std::string_view source_usage, std::string_view dest_parent_usage);
// DeriveUsageKey's canonical text appended to *out without building a Key (for
// batches: no allocation once warm). On error *out is left as it was.
Status AppendDerivedUsageKey(const KeyView& source_usage, const KeyView& dest_parent_usage,
                             std::string* out);

// A descendant of a copied block: `source_path` runs from the library block
// copied under dest_parent down to the descendant, and each step derives under
// the previous step's DERIVED key (as _copy_from_template / _import_block
// recurse), so {libVert, libBlockW} gives libBlockW's copy inside libVert's copy.
// A path of one is DeriveUsageKey. InvalidArgument for an empty path.
Result<Key> DeriveDescendantUsageKey(const std::vector<KeyView>& source_path,
                                     const KeyView& dest_parent_usage);

}  // namespace blockrt::keys

#endif  // BLOCKRT_KEYS_DERIVE_H_
