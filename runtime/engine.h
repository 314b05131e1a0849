// Engine: the embedded default wiring. Opens (or creates) the SQLite store,
// registers the built-in learning contexts and owns the shared caches, so an
// application needs one Engine and then one Runtime per user and thread.
// Signing keys the options leave empty are the store's own (generated on the
// first open, see runtime/signing_secrets.h).
#ifndef BLOCKRT_RUNTIME_ENGINE_H_
#define BLOCKRT_RUNTIME_ENGINE_H_

#include <memory>
#include <string>

#include "base/result.h"
#include "contexts/course_context.h"
#include "contexts/library_authoring.h"
#include "contexts/library_context.h"
#include "contexts/registry.h"
#include "runtime/runtime.h"
#include "store/store.h"

namespace blockrt::runtime {

struct EngineOptions {
  RuntimeOptions runtime;
  bool create_if_missing = true;
};

class Engine {
 public:
  // IOError/Corruption from the store when `db_path` cannot be used.
  static Result<std::unique_ptr<Engine>> Open(const std::string& db_path,
                                              EngineOptions options = {});
  ~Engine();

  store::Store& store() { return *store_; }
  contexts::ContextRegistry& registry() { return *registry_; }
  contexts::LibraryContext& libraries() { return *library_; }
  contexts::CourseContext& courses() { return *course_; }
  // v1 libraries (library-v1): the course machinery over library.xml exports.
  contexts::CourseContext& v1_libraries() { return *v1_libraries_; }
  contexts::LibraryAuthoring& authoring() { return *authoring_; }
  const RuntimeSystem& system() const { return *system_; }

  Runtime NewRuntime(Mode mode, contexts::User user) const {
    return Runtime(system_.get(), mode, std::move(user));
  }

 private:
  Engine() = default;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<contexts::ContextRegistry> registry_;
  std::shared_ptr<contexts::LibraryContext> library_;
  std::shared_ptr<contexts::CourseContext> course_;
  std::shared_ptr<contexts::CourseContext> v1_libraries_;
  std::unique_ptr<contexts::LibraryAuthoring> authoring_;
  std::unique_ptr<RuntimeSystem> system_;
};

}  // namespace blockrt::runtime

#endif  // BLOCKRT_RUNTIME_ENGINE_H_
