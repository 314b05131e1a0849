// Link validation: targets must exist, a bundle may not link to itself, and a
// target that (transitively) depends on the linking bundle would be a cycle.
#ifndef BLOCKRT_STORE_INTERNAL_LINK_RULES_H_
#define BLOCKRT_STORE_INTERNAL_LINK_RULES_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/internal/impl.h"
#include "store/internal/snapshot.h"
#include "store/types.h"

namespace blockrt::store {

// Resolves a LinkTarget to ids; NotFound for an unknown bundle or version.
Result<LinkRow> ResolveLinkTarget(Store::Impl& s, const LinkTarget& target);
// Self-link and cycle checks for link `name` of bundle `b` pointing at `target`.
Status CheckLinkAllowed(Store::Impl& s, const BundleRow& b, std::string_view name,
                        const LinkRow& target);
// The flat dependency set of a link set: each target plus its own closure.
std::vector<LinkRow> ClosureOf(Store::Impl& s, const std::map<std::string, LinkRow>& links);

}  // namespace blockrt::store

#endif  // BLOCKRT_STORE_INTERNAL_LINK_RULES_H_
