#include "contexts/internal/plugin_context.h"

namespace blockrt::contexts::internal {
namespace {

// Calls a text-returning plugin callback, growing the buffer once if needed.
// Returns nullopt for "none" and an error for a negative result.
template <typename Fn>
Result<std::optional<std::string>> CallText(const std::string& origin, const char* what, Fn fn) {
  std::string buf(256, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    long n = fn(buf.data(), buf.size());
    if (n < 0) {
      return Status::Internal("plugin '" + origin + "' failed in " + what + " (" +
                              std::to_string(n) + ")");
    }
    if (n == 0) return std::optional<std::string>();
    if (static_cast<size_t>(n) <= buf.size()) {
      buf.resize(static_cast<size_t>(n));
      return std::optional<std::string>(std::move(buf));
    }
    buf.assign(static_cast<size_t>(n), '\0');
  }
  return Status::Internal("plugin '" + origin + "' returned an unstable length from " + what);
}

}  // namespace

PluginContext::PluginContext(const blockrt_context_plugin* table, void* self, std::string origin)
    : table_(table), self_(self), origin_(std::move(origin)), name_space_(table->name_space) {}

PluginContext::~PluginContext() {
  if (table_->destroy != nullptr) table_->destroy(self_);
}

Result<std::optional<UsageLoad>> PluginContext::LoadUsage(ContextSession* session, const User* user,
                                                          const keys::KeyView& usage,
                                                          ContentSelector sel, bool edit,
                                                          bool want_parent) const {
  (void)session;
  (void)want_parent;
  if (user != nullptr &&
      !(edit ? CanEditBlock(*user, usage, sel) : CanViewBlock(*user, usage, sel))) {
    return std::optional<UsageLoad>();
  }
  Result<std::optional<DefinitionLocator>> def = DefinitionForUsage(usage, sel);
  if (!def.ok()) return def.status();
  if (!def->has_value()) return std::optional<UsageLoad>();
  UsageLoad load;
  load.definition = std::make_shared<const DefinitionLocator>(std::move(**def));
  return std::optional<UsageLoad>(std::move(load));
}

bool PluginContext::CanEditBlock(const User& user, const keys::KeyView& usage,
                                 ContentSelector sel) const {
  std::string key = usage.ToString(), draft(sel.draft);
  return table_->can_edit_block(self_, user.id.c_str(), key.c_str(), draft.c_str()) == 1;
}

bool PluginContext::CanViewBlock(const User& user, const keys::KeyView& usage,
                                 ContentSelector sel) const {
  std::string key = usage.ToString(), draft(sel.draft);
  return table_->can_view_block(self_, user.id.c_str(), key.c_str(), draft.c_str()) == 1;
}

Result<std::optional<DefinitionLocator>> PluginContext::DefinitionForUsage(
    const keys::KeyView& usage, ContentSelector sel) const {
  std::string key = usage.ToString(), draft(sel.draft);
  BLOCKRT_ASSIGN_OR_RETURN(
      auto text, CallText(origin_, "definition_for_usage", [&](char* out, size_t cap) {
        return table_->definition_for_usage(self_, key.c_str(), draft.c_str(), out, cap);
      }));
  if (!text) return std::optional<DefinitionLocator>();
  Result<DefinitionLocator> loc = DefinitionLocator::Parse(*text);
  if (!loc.ok()) return loc.status().WithContext("plugin '" + origin_ + "'");
  return std::optional<DefinitionLocator>(std::move(*loc));
}

Result<keys::Key> PluginContext::UsageForChildInclude(const keys::KeyView& parent_usage,
                                                      const DefinitionLocator& parent_definition,
                                                      const ChildInclude& inc) const {
  std::string parent = parent_usage.ToString(), def = parent_definition.ToString();
  BLOCKRT_ASSIGN_OR_RETURN(
      auto text, CallText(origin_, "usage_for_child_include", [&](char* out, size_t cap) {
        return table_->usage_for_child_include(
            self_, parent.c_str(), def.c_str(), inc.link_id.c_str(), inc.block_type.c_str(),
            inc.definition_id.c_str(), inc.usage_hint.c_str(), out, cap);
      }));
  if (!text) {
    return Status::NotFound("plugin '" + origin_ + "' has no usage for include " + inc.block_type +
                            "/" + inc.definition_id);
  }
  return keys::Key::Parse(*text);
}

Result<std::vector<keys::Key>> PluginContext::List(const keys::KeyView& context_key,
                                                   ContentSelector sel, int top_level_only) const {
  if (table_->list_blocks == nullptr) {
    return Status::NotSupported("plugin '" + origin_ + "' cannot list blocks");
  }
  std::string key = context_key.ToString(), draft(sel.draft);
  BLOCKRT_ASSIGN_OR_RETURN(auto text, CallText(origin_, "list_blocks", [&](char* out, size_t cap) {
                             return table_->list_blocks(self_, key.c_str(), draft.c_str(),
                                                        top_level_only, out, cap);
                           }));
  std::vector<keys::Key> out;
  if (!text) return out;
  std::string_view rest = *text;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (line.empty()) continue;
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, keys::Key::Parse(line));
    out.push_back(std::move(k));
  }
  return out;
}

Result<std::vector<keys::Key>> PluginContext::ListBlocks(const keys::KeyView& context_key,
                                                         ContentSelector sel) const {
  return List(context_key, sel, 0);
}

Result<std::vector<keys::Key>> PluginContext::TopLevelBlocks(const keys::KeyView& context_key,
                                                             ContentSelector sel) const {
  return List(context_key, sel, 1);
}

Result<std::shared_ptr<LearningContext>> MakePluginContext(const blockrt_context_plugin* table,
                                                           const std::string& params,
                                                           const std::string& origin) {
  if (table == nullptr) return Status::InvalidArgument("plugin '" + origin + "' returned no table");
  if (table->abi_version != BLOCKRT_CONTEXT_PLUGIN_ABI_VERSION) {
    return Status::NotSupported("plugin '" + origin + "' has ABI version " +
                                std::to_string(table->abi_version) + ", expected " +
                                std::to_string(BLOCKRT_CONTEXT_PLUGIN_ABI_VERSION));
  }
  if (table->name_space == nullptr || table->name_space[0] == '\0' || table->create == nullptr ||
      table->can_edit_block == nullptr || table->can_view_block == nullptr ||
      table->definition_for_usage == nullptr || table->usage_for_child_include == nullptr) {
    return Status::InvalidArgument("plugin '" + origin +
                                   "' is missing its namespace or a required callback");
  }
  void* self = table->create(params.c_str());
  if (self == nullptr) {
    return Status::InvalidArgument("plugin '" + origin + "' rejected its parameters '" + params +
                                   "'");
  }
  return std::shared_ptr<LearningContext>(std::make_shared<PluginContext>(table, self, origin));
}

}  // namespace blockrt::contexts::internal
