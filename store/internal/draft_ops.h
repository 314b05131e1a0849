// Draft change staging shared by file writes, imports and commits.
#ifndef BLOCKRT_STORE_INTERNAL_DRAFT_OPS_H_
#define BLOCKRT_STORE_INTERNAL_DRAFT_OPS_H_

#include <string_view>

#include "base/result.h"
#include "store/internal/blobs.h"
#include "store/internal/impl.h"

namespace blockrt::store {

// Records `blob` as the draft's content for `path` (dropping the change when
// it equals the base version's). Returns true if the draft changed.
// `check_clash` may be false only when the caller knows the resulting tree
// has no file/directory name clash (a mirror import of a real directory).
Result<bool> StageFile(Store::Impl& s, const BundleRow& b, const DraftRow& d, std::string_view path,
                       const BlobRef& blob, bool check_clash = true);
// Records a deletion; NotFound if the path is not visible in the draft.
Status StageDelete(Store::Impl& s, const BundleRow& b, const DraftRow& d, std::string_view path);
// A file and a directory cannot share a name, or export would be impossible.
Status CheckNoFileDirClash(Store::Impl& s, const BundleRow& b, const DraftRow& d,
                           std::string_view path);

}  // namespace blockrt::store

#endif  // BLOCKRT_STORE_INTERNAL_DRAFT_OPS_H_
