#include "runtime/engine.h"

#include "contexts/builtin_contexts.h"

namespace blockrt::runtime {

Engine::~Engine() {
  // The registry's contexts reference the store; drop them first.
  system_.reset();
  authoring_.reset();
  library_.reset();
  registry_.reset();
  store_.reset();
}

Result<std::unique_ptr<Engine>> Engine::Open(const std::string& db_path, EngineOptions options) {
  store::StoreOptions store_options;
  store_options.create_if_missing = options.create_if_missing;
  std::unique_ptr<Engine> engine(new Engine());
  BLOCKRT_ASSIGN_OR_RETURN(engine->store_, store::Store::Open(db_path, store_options));
  auto snapshots = std::make_shared<contexts::BundleSnapshots>(engine->store_.get());
  auto definitions = std::make_shared<contexts::DefinitionCache>();
  engine->registry_ = std::make_unique<contexts::ContextRegistry>();
  BLOCKRT_ASSIGN_OR_RETURN(engine->library_, contexts::RegisterBuiltinContexts(
                                                 engine->registry_.get(), snapshots, definitions));
  engine->authoring_ = std::make_unique<contexts::LibraryAuthoring>(engine->library_.get());
  engine->system_ =
      std::make_unique<RuntimeSystem>(engine->registry_.get(), std::move(snapshots),
                                      std::move(definitions), std::move(options.runtime));
  return engine;
}

}  // namespace blockrt::runtime
