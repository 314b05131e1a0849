// Registers the learning contexts blockrt ships with ("lib": content libraries,
// "course-v1": courses, "library-v1": v1 libraries) over one store. Call once
// at start-up, before runtimes share the registry.
#ifndef BLOCKRT_CONTEXTS_BUILTIN_CONTEXTS_H_
#define BLOCKRT_CONTEXTS_BUILTIN_CONTEXTS_H_

#include <memory>

#include "base/result.h"
#include "contexts/bundle_snapshots.h"
#include "contexts/course_context.h"
#include "contexts/definition_cache.h"
#include "contexts/library_context.h"
#include "contexts/registry.h"

namespace blockrt::contexts {

// The course context serves library_content blocks with each learner's
// selection (library_content/selection_filter.h).
// Returns the library context it registered (for the authoring API), the
// course context in *course and the v1-library context (a CourseContext of
// Kind::kLibrary) in *v1_libraries when given.
Result<std::shared_ptr<LibraryContext>> RegisterBuiltinContexts(
    ContextRegistry* registry, std::shared_ptr<BundleSnapshots> snapshots,
    std::shared_ptr<DefinitionCache> definitions, std::shared_ptr<CourseContext>* course = nullptr,
    std::shared_ptr<CourseContext>* v1_libraries = nullptr);

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_BUILTIN_CONTEXTS_H_
