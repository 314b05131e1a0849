#include "runtime/engine.h"

#include "contexts/builtin_contexts.h"
#include "runtime/signing_secrets.h"

namespace blockrt::runtime {

Engine::~Engine() {
  // The registry's contexts reference the store; drop them first.
  system_.reset();
  authoring_.reset();
  library_.reset();
  course_.reset();
  v1_libraries_.reset();
  registry_.reset();
  store_.reset();
}

Result<std::unique_ptr<Engine>> Engine::Open(const std::string& db_path, EngineOptions options) {
  store::StoreOptions store_options;
  store_options.create_if_missing = options.create_if_missing;
  std::unique_ptr<Engine> engine(new Engine());
  BLOCKRT_ASSIGN_OR_RETURN(engine->store_, store::Store::Open(db_path, store_options));
  RuntimeOptions& rt = options.runtime;
  if (rt.asset_keys.empty() || rt.handler_token_keys.empty()) {
    // Keys the application did not supply come from the store (made on first use).
    Result<SigningSecrets> secrets = EnsureSigningSecrets(*engine->store_);
    if (!secrets.ok()) return secrets.status().WithContext("signing keys of " + db_path);
    if (rt.asset_keys.empty()) rt.asset_keys = std::move(secrets->asset_keys);
    if (rt.handler_token_keys.empty()) rt.handler_token_keys = std::move(secrets->handler_keys);
  }
  auto snapshots = std::make_shared<contexts::BundleSnapshots>(engine->store_.get());
  auto definitions = std::make_shared<contexts::DefinitionCache>();
  engine->registry_ = std::make_unique<contexts::ContextRegistry>();
  BLOCKRT_ASSIGN_OR_RETURN(engine->library_, contexts::RegisterBuiltinContexts(
                                                 engine->registry_.get(), snapshots, definitions,
                                                 &engine->course_, &engine->v1_libraries_));
  engine->authoring_ = std::make_unique<contexts::LibraryAuthoring>(engine->library_.get());
  engine->system_ =
      std::make_unique<RuntimeSystem>(engine->registry_.get(), std::move(snapshots),
                                      std::move(definitions), std::move(options.runtime));
  return engine;
}

}  // namespace blockrt::runtime
