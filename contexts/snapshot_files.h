// The files of one bundle snapshot as an olx::FileSource, so the course
// loader reads a stored course (draft or version) exactly as it reads an
// export directory. Listings come from the snapshot (no store query); file
// bytes are read from the store, verified, at the snapshot's own version.
#ifndef BLOCKRT_CONTEXTS_SNAPSHOT_FILES_H_
#define BLOCKRT_CONTEXTS_SNAPSHOT_FILES_H_

#include <memory>
#include <string>

#include "contexts/bundle_snapshots.h"
#include "olx/file_source.h"
#include "store/store.h"

namespace blockrt::contexts {

// `label` names the tree in messages ("course-v1:O+C+R@studio_draft/").
std::unique_ptr<olx::FileSource> SnapshotFileSource(store::Store* store,
                                                    std::shared_ptr<const BundleSnapshot> snap,
                                                    std::string label);

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_SNAPSHOT_FILES_H_
