// The learning-context registry: one context per key namespace ("lib" serves
// lb:/lib: keys). Built-ins, application contexts (C++ API) and shared-object
// plugins (C entry point, see plugin_abi.h) all register here. Thread-safe.
#ifndef BLOCKRT_CONTEXTS_REGISTRY_H_
#define BLOCKRT_CONTEXTS_REGISTRY_H_

#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "contexts/learning_context.h"
#include "keys/key.h"

namespace blockrt::contexts {

class ContextRegistry {
 public:
  ContextRegistry() = default;
  ~ContextRegistry();
  ContextRegistry(const ContextRegistry&) = delete;
  ContextRegistry& operator=(const ContextRegistry&) = delete;

  // AlreadyExists when the namespace is taken; InvalidArgument for "" or null.
  Status Register(std::string name_space, std::shared_ptr<LearningContext> context);

  // dlopen()s `path`, checks the ABI version and registers the context it
  // serves, created with `params`. IOError when it cannot be loaded.
  Status LoadPlugin(const std::string& path, const std::string& params);

  // The context serving `key`: a context key's own namespace, or a usage key's
  // context's. NotSupported when no plugin serves it; InvalidArgument for keys
  // that have no learning context (definition keys...).
  Result<LearningContext*> ForKey(const keys::KeyView& key) const;
  Result<LearningContext*> ForNamespace(std::string_view name_space) const;

  std::vector<std::string> Namespaces() const;

 private:
  struct Entry {
    std::string name_space;
    std::shared_ptr<LearningContext> context;
  };
  mutable std::shared_mutex mu_;
  std::vector<Entry> entries_;
  std::vector<void*> dl_handles_;  // closed after the contexts they back
};

// The namespace a key's learning context is registered under.
Result<std::string_view> ContextNamespaceOf(const keys::KeyView& key);

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_REGISTRY_H_
