// Adapts a shared-object plugin's C table (plugin_abi.h) to LearningContext.
#ifndef BLOCKRT_CONTEXTS_INTERNAL_PLUGIN_CONTEXT_H_
#define BLOCKRT_CONTEXTS_INTERNAL_PLUGIN_CONTEXT_H_

#include <memory>
#include <string>

#include "base/result.h"
#include "contexts/learning_context.h"
#include "contexts/plugin_abi.h"

namespace blockrt::contexts::internal {

class PluginContext : public LearningContext {
 public:
  PluginContext(const blockrt_context_plugin* table, void* self, std::string origin);
  ~PluginContext() override;

  const std::string& name_space() const { return name_space_; }

  // Permission first (can_edit / can_view), then definition_for_usage; the
  // runtime follows the definition's includes through UsageForChildInclude.
  Result<std::optional<UsageLoad>> LoadUsage(ContextSession* session, const User* user,
                                             const keys::KeyView& usage, ContentSelector sel,
                                             bool edit, bool want_parent) const override;
  bool CanEditBlock(const User& user, const keys::KeyView& usage,
                    ContentSelector sel) const override;
  bool CanViewBlock(const User& user, const keys::KeyView& usage,
                    ContentSelector sel) const override;
  Result<std::optional<DefinitionLocator>> DefinitionForUsage(const keys::KeyView& usage,
                                                              ContentSelector sel) const override;
  Result<keys::Key> UsageForChildInclude(const keys::KeyView& parent_usage,
                                         const DefinitionLocator& parent_definition,
                                         const ChildInclude& include) const override;
  Result<std::vector<keys::Key>> ListBlocks(const keys::KeyView& context_key,
                                            ContentSelector sel) const override;
  Result<std::vector<keys::Key>> TopLevelBlocks(const keys::KeyView& context_key,
                                                ContentSelector sel) const override;

 private:
  Result<std::vector<keys::Key>> List(const keys::KeyView& context_key, ContentSelector sel,
                                      int top_level_only) const;

  const blockrt_context_plugin* table_;
  void* self_;
  std::string origin_;  // the plugin path, for error messages
  std::string name_space_;
};

// Validates the table (ABI version, required callbacks) and creates the
// plugin's instance with `params`.
Result<std::shared_ptr<LearningContext>> MakePluginContext(const blockrt_context_plugin* table,
                                                           const std::string& params,
                                                           const std::string& origin);

}  // namespace blockrt::contexts::internal

#endif  // BLOCKRT_CONTEXTS_INTERNAL_PLUGIN_CONTEXT_H_
