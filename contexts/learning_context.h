// A learning context is a course, a library or any collection of content where
// learning happens (edx LearningContext). It owns permissions and the mapping
// from usage keys to definitions. Implementations must be thread-safe: one
// instance per namespace serves every runtime.
#ifndef BLOCKRT_CONTEXTS_LEARNING_CONTEXT_H_
#define BLOCKRT_CONTEXTS_LEARNING_CONTEXT_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "contexts/bundle_snapshots.h"
#include "contexts/definition_locator.h"
#include "contexts/user.h"
#include "keys/key.h"
#include "olx/definition.h"

namespace blockrt::contexts {

// One <xblock-include source=".." definition="TYPE/ID" usage=".."/>.
struct ChildInclude {
  std::string link_id;  // "source"; empty for the same bundle
  std::string block_type;
  std::string definition_id;
  std::string usage_hint;  // "usage"; empty means "use the definition id"
};

// Which state of the content a call resolves against: a named draft (Studio)
// or the latest published version (LMS, draft empty).
struct ContentSelector {
  std::string_view draft;
};

// State a context keeps for one caller between calls (the runtime holds one
// per Runtime, so it is only ever used by one thread at a time): contexts can
// cache what they resolved there and skip shared locks on the hot path.
class ContextSession {
 public:
  virtual ~ContextSession() = default;
};

// Where a block's settings value came from when it is not the block's own
// (course blocks: "inherited" from an ancestor, "library_default" from a
// default-FIELD attribute). Fields not listed are the block's own
// ("override") when its OLX sets them, else "class_default".
struct FieldOrigin {
  std::string name;
  std::string_view source;  // a static string: "inherited", "library_default"
};

// Everything the runtime needs to build a block, from LoadUsage().
struct UsageLoad {
  std::shared_ptr<const DefinitionLocator> definition;  // never null
  // Contexts that read definitions themselves fill the rest; when `olx` is
  // null the runtime loads `definition`, its children and parent itself.
  std::shared_ptr<const olx::Definition> olx;
  std::shared_ptr<const BundleSnapshot> snapshot;  // the view `olx` was read from
  std::vector<keys::Key> children;                 // in include order
  // Only when asked for; null when there is none. Shared (contexts may hand
  // out one they keep), so loading a block copies no parent key.
  std::shared_ptr<const std::optional<keys::Key>> parent;
  // Sorted by name; null when every set field is the block's own.
  std::shared_ptr<const std::vector<FieldOrigin>> origins;
};

class LearningContext {
 public:
  virtual ~LearningContext() = default;

  // A fresh session for LoadUsage(); null when the context keeps none.
  virtual std::unique_ptr<ContextSession> NewSession() const { return nullptr; }

  // A hint that `usages` are about to be loaded through `session`, one after
  // the other (a container rendering its children): a context may start
  // fetching what their loads will read so that those memory reads overlap.
  // No effect on results; the default does nothing.
  virtual void PrefetchUsages(ContextSession* session, const std::vector<keys::Key>& usages,
                              ContentSelector sel) const {
    (void)session;
    (void)usages;
    (void)sel;
  }

  // The runtime's one call per block: the definition of `usage` when it exists
  // and, with `user`, that user may view (or, with `edit`, edit) it; nullopt
  // otherwise. Without `user` there is no permission check. `want_parent`
  // asks for UsageLoad::parent. `session` is null or from NewSession().
  virtual Result<std::optional<UsageLoad>> LoadUsage(ContextSession* session, const User* user,
                                                     const keys::KeyView& usage,
                                                     ContentSelector sel, bool edit,
                                                     bool want_parent) const {
    (void)session;
    (void)want_parent;
    Result<std::optional<DefinitionLocator>> def =
        user != nullptr ? AuthorizedDefinition(*user, usage, sel, edit)
                        : DefinitionForUsage(usage, sel);
    if (!def.ok()) return def.status();
    if (!def->has_value()) return std::optional<UsageLoad>();
    UsageLoad load;
    load.definition = std::make_shared<const DefinitionLocator>(std::move(**def));
    return std::optional<UsageLoad>(std::move(load));
  }

  // Does the block exist in this context (in `sel`) and may `user` edit it?
  // Permission is checked first; "missing" and "forbidden" both give false.
  virtual bool CanEditBlock(const User& user, const keys::KeyView& usage,
                            ContentSelector sel) const = 0;
  // ... and may `user` view it and interact with it (handlers, state)?
  virtual bool CanViewBlock(const User& user, const keys::KeyView& usage,
                            ContentSelector sel) const = 0;

  // The definition of `usage`, or nullopt when it does not exist here. Errors
  // are reserved for failures (I/O, corruption), never for absence.
  virtual Result<std::optional<DefinitionLocator>> DefinitionForUsage(
      const keys::KeyView& usage, ContentSelector sel) const = 0;

  // DefinitionForUsage behind the permission check in one call: nullopt when
  // the block is missing or `user` may not view (or, with `edit`, edit) it.
  // Contexts override it to avoid resolving twice on the hot path.
  virtual Result<std::optional<DefinitionLocator>> AuthorizedDefinition(const User& user,
                                                                        const keys::KeyView& usage,
                                                                        ContentSelector sel,
                                                                        bool edit) const {
    bool allowed = edit ? CanEditBlock(user, usage, sel) : CanViewBlock(user, usage, sel);
    if (!allowed) return std::optional<DefinitionLocator>();
    return DefinitionForUsage(usage, sel);
  }

  // The usage key of a child reached through `include` from a parent.
  virtual Result<keys::Key> UsageForChildInclude(const keys::KeyView& parent_usage,
                                                 const DefinitionLocator& parent_definition,
                                                 const ChildInclude& include) const = 0;

  // Every block of the context (own definitions), sorted by key text.
  virtual Result<std::vector<keys::Key>> ListBlocks(const keys::KeyView& context_key,
                                                    ContentSelector sel) const = 0;
  // The blocks no other block includes.
  virtual Result<std::vector<keys::Key>> TopLevelBlocks(const keys::KeyView& context_key,
                                                        ContentSelector sel) const = 0;

  // The block that includes `usage`, when the context tracks it (the default
  // says "none": a usage is then only a child of the block it was loaded from).
  virtual Result<std::optional<keys::Key>> ParentOf(const keys::KeyView& usage,
                                                    ContentSelector sel) const {
    (void)usage;
    (void)sel;
    return std::optional<keys::Key>();
  }
};

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_LEARNING_CONTEXT_H_
