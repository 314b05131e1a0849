#include "contexts/builtin_contexts.h"

#include "contexts/library_content/selection_filter.h"

namespace blockrt::contexts {

Result<std::shared_ptr<LibraryContext>> RegisterBuiltinContexts(
    ContextRegistry* registry, std::shared_ptr<BundleSnapshots> snapshots,
    std::shared_ptr<DefinitionCache> definitions, std::shared_ptr<CourseContext>* course,
    std::shared_ptr<CourseContext>* v1_libraries) {
  auto courses = std::make_shared<CourseContext>(snapshots);
  auto v1 = std::make_shared<CourseContext>(snapshots, olx::Course::Kind::kLibrary);
  store::Store* store = snapshots->store();
  auto lib = std::make_shared<LibraryContext>(std::move(snapshots), std::move(definitions));
  // What each learner sees of a library_content block (its selection).
  courses->SetChildrenFilter(
      "library_content", std::make_shared<library_content::SelectionFilter>(
                             store, LibrarySource(lib.get(), v1.get())));
  BLOCKRT_RETURN_IF_ERROR(registry->Register("lib", lib));
  BLOCKRT_RETURN_IF_ERROR(registry->Register("course-v1", courses));
  BLOCKRT_RETURN_IF_ERROR(registry->Register("library-v1", v1));
  if (course != nullptr) *course = std::move(courses);
  if (v1_libraries != nullptr) *v1_libraries = std::move(v1);
  return lib;
}

}  // namespace blockrt::contexts
