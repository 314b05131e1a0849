#include "contexts/builtin_contexts.h"

namespace blockrt::contexts {

Result<std::shared_ptr<LibraryContext>> RegisterBuiltinContexts(
    ContextRegistry* registry, std::shared_ptr<BundleSnapshots> snapshots,
    std::shared_ptr<DefinitionCache> definitions) {
  auto lib = std::make_shared<LibraryContext>(std::move(snapshots), std::move(definitions));
  BLOCKRT_RETURN_IF_ERROR(registry->Register("lib", lib));
  return lib;
}

}  // namespace blockrt::contexts
