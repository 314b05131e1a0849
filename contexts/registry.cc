#include "contexts/registry.h"

#include <dlfcn.h>

#include <mutex>

#include "contexts/internal/plugin_context.h"

namespace blockrt::contexts {

ContextRegistry::~ContextRegistry() {
  // Plugin contexts call into their shared objects when destroyed.
  entries_.clear();
  for (void* h : dl_handles_) dlclose(h);
}

Status ContextRegistry::Register(std::string name_space, std::shared_ptr<LearningContext> context) {
  if (name_space.empty()) return Status::InvalidArgument("empty learning context namespace");
  if (!context) {
    return Status::InvalidArgument("null learning context for namespace '" + name_space + "'");
  }
  std::unique_lock lock(mu_);
  for (const Entry& e : entries_) {
    if (e.name_space == name_space) {
      return Status::AlreadyExists("a learning context is already registered for namespace '" +
                                   name_space + "'");
    }
  }
  entries_.push_back(Entry{std::move(name_space), std::move(context)});
  return Status::OK();
}

Status ContextRegistry::LoadPlugin(const std::string& path, const std::string& params) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    return Status::IOError("cannot load plugin '" + path + "': " + (why ? why : "unknown error"));
  }
  auto fail = [&](Status st) {
    dlclose(handle);
    return st;
  };
  auto entry = reinterpret_cast<blockrt_context_plugin_entry_fn>(
      dlsym(handle, BLOCKRT_CONTEXT_PLUGIN_ENTRY));
  if (entry == nullptr) {
    return fail(Status::InvalidArgument("plugin '" + path + "' does not export " +
                                        BLOCKRT_CONTEXT_PLUGIN_ENTRY));
  }
  Result<std::shared_ptr<LearningContext>> ctx = internal::MakePluginContext(entry(), params, path);
  if (!ctx.ok()) return fail(ctx.status());
  std::string ns = static_cast<internal::PluginContext&>(**ctx).name_space();
  Status st = Register(ns, std::move(*ctx));
  if (!st.ok()) return fail(st);
  std::unique_lock lock(mu_);
  dl_handles_.push_back(handle);
  return Status::OK();
}

Result<std::string_view> ContextNamespaceOf(const keys::KeyView& key) {
  if (key.is_context_key()) return key.canonical_namespace();
  if (key.is_usage_key()) {
    Result<keys::KeyView> ctx = key.context_key();
    if (ctx.ok()) return ctx->canonical_namespace();
  }
  return Status::InvalidArgument("key '" + key.ToString() + "' (" + std::string(key.kind_name()) +
                                 ") does not have a learning context");
}

Result<LearningContext*> ContextRegistry::ForKey(const keys::KeyView& key) const {
  BLOCKRT_ASSIGN_OR_RETURN(std::string_view ns, ContextNamespaceOf(key));
  Result<LearningContext*> ctx = ForNamespace(ns);
  if (!ctx.ok()) return ctx.status().WithContext("key '" + key.ToString() + "'");
  return ctx;
}

Result<LearningContext*> ContextRegistry::ForNamespace(std::string_view name_space) const {
  std::shared_lock lock(mu_);
  for (const Entry& e : entries_) {
    if (e.name_space == name_space) return e.context.get();
  }
  return Status::NotSupported("no learning context plugin is registered for namespace '" +
                              std::string(name_space) + "'");
}

std::vector<std::string> ContextRegistry::Namespaces() const {
  std::shared_lock lock(mu_);
  std::vector<std::string> out;
  for (const Entry& e : entries_) out.push_back(e.name_space);
  return out;
}

}  // namespace blockrt::contexts
