#include "contexts/builtin_contexts.h"

namespace blockrt::contexts {

Result<std::shared_ptr<LibraryContext>> RegisterBuiltinContexts(
    ContextRegistry* registry, std::shared_ptr<BundleSnapshots> snapshots,
    std::shared_ptr<DefinitionCache> definitions, std::shared_ptr<CourseContext>* course) {
  auto courses = std::make_shared<CourseContext>(snapshots);
  auto lib = std::make_shared<LibraryContext>(std::move(snapshots), std::move(definitions));
  BLOCKRT_RETURN_IF_ERROR(registry->Register("lib", lib));
  BLOCKRT_RETURN_IF_ERROR(registry->Register("course-v1", courses));
  if (course != nullptr) *course = std::move(courses);
  return lib;
}

}  // namespace blockrt::contexts
