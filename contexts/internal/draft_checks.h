// Write-time checks of a library's OLX: what set-olx, add-block, import and
// publish store must parse, have a root tag equal to its block type, and
// include only definitions that exist through links that exist, with no
// include cycle (a block that includes itself twice renders as 2^depth). The
// include rules themselves are olx::BuildIncludeGraph's; this backs it with a
// draft snapshot and turns its issues into one precise error.
#ifndef BLOCKRT_CONTEXTS_INTERNAL_DRAFT_CHECKS_H_
#define BLOCKRT_CONTEXTS_INTERNAL_DRAFT_CHECKS_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "contexts/bundle_snapshots.h"

namespace blockrt::contexts::internal {

// OLX to check in place of the snapshot's bytes, by path (a path the snapshot
// lacks is a new file).
using OlxOverrides = std::map<std::string, std::string, std::less<>>;

// Checks the own definition files `paths` of `snap` (every TYPE/ID/definition.xml
// in it, overrides included, when `paths` is empty) and everything they
// include. InvalidArgument listing the problems ("path:line:col: ...") when
// any is found.
Status CheckDefinitions(BundleSnapshots& snapshots, const BundleSnapshot& snap,
                        const std::vector<std::string>& paths, const OlxOverrides& overrides = {});

}  // namespace blockrt::contexts::internal

#endif  // BLOCKRT_CONTEXTS_INTERNAL_DRAFT_CHECKS_H_
