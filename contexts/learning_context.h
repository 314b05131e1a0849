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

// Something a load did that analytics should hear of (the reference's
// runtime.publish): contexts report them in UsageLoad::events and the
// runtime hands them to its event sink.
struct TrackingEvent {
  std::string name;       // "edx.librarycontentblock.content.assigned"
  std::string usage_key;  // the block that published it
  std::string data;       // the payload, a JSON object
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
  // What this load published (a learner's first view of a library_content
  // block assigns its children).
  std::vector<TrackingEvent> events;
};

// A context's one duty is LoadUsage(); everything else is a capability it
// may offer (sessions, prefetching, listings, includes, parents), with
// defaults that either derive from LoadUsage() or say "not offered". A new
// context (a plugin, an application's own) implements one call.
class LearningContext {
 public:
  virtual ~LearningContext() = default;

  // The runtime's one call per block: `usage` as the runtime builds it, when
  // it exists in `sel` and, with `user`, that user may view (or, with `edit`,
  // edit) it; nullopt otherwise, for missing and forbidden alike. Without
  // `user` there is no permission check. Errors are failures (I/O,
  // corruption), never absence. `want_parent` asks for UsageLoad::parent.
  // `session` is null or from NewSession().
  virtual Result<std::optional<UsageLoad>> LoadUsage(ContextSession* session, const User* user,
                                                     const keys::KeyView& usage,
                                                     ContentSelector sel, bool edit,
                                                     bool want_parent) const = 0;

  // ---- Capabilities.

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

  // Does the block exist in this context (in `sel`) and may `user` edit it /
  // view and interact with it (handlers, state)? "Missing" and "forbidden"
  // both give false. The defaults ask LoadUsage().
  virtual bool CanEditBlock(const User& user, const keys::KeyView& usage,
                            ContentSelector sel) const {
    Result<std::optional<UsageLoad>> load = LoadUsage(nullptr, &user, usage, sel, true, false);
    return load.ok() && load->has_value();
  }
  virtual bool CanViewBlock(const User& user, const keys::KeyView& usage,
                            ContentSelector sel) const {
    Result<std::optional<UsageLoad>> load = LoadUsage(nullptr, &user, usage, sel, false, false);
    return load.ok() && load->has_value();
  }

  // The definition of `usage`, or nullopt when it does not exist here. The
  // default asks LoadUsage() without a user.
  virtual Result<std::optional<DefinitionLocator>> DefinitionForUsage(const keys::KeyView& usage,
                                                                      ContentSelector sel) const {
    Result<std::optional<UsageLoad>> load = LoadUsage(nullptr, nullptr, usage, sel, false, false);
    if (!load.ok()) return load.status();
    if (!load->has_value()) return std::optional<DefinitionLocator>();
    return std::optional<DefinitionLocator>(*(*load)->definition);
  }

  // The usage key of a child reached through `include` from a parent. Only
  // contexts whose loads leave UsageLoad::olx null (the runtime then follows
  // the definition's <xblock-include>s) need it; the default refuses.
  virtual Result<keys::Key> UsageForChildInclude(const keys::KeyView& parent_usage,
                                                 const DefinitionLocator& parent_definition,
                                                 const ChildInclude& include) const {
    (void)parent_definition;
    return Status::NotSupported("the context of " + parent_usage.ToString() +
                                " does not resolve <xblock-include> " + include.block_type + "/" +
                                include.definition_id);
  }

  // Every block of the context (own definitions), sorted by key text; and
  // the blocks no other block includes. The defaults say "not offered".
  virtual Result<std::vector<keys::Key>> ListBlocks(const keys::KeyView& context_key,
                                                    ContentSelector sel) const {
    (void)sel;
    return Status::NotSupported("the context of " + context_key.ToString() +
                                " does not list its blocks");
  }
  virtual Result<std::vector<keys::Key>> TopLevelBlocks(const keys::KeyView& context_key,
                                                        ContentSelector sel) const {
    return ListBlocks(context_key, sel);
  }

  // The block that includes `usage`, when the context tracks it (the default
  // asks LoadUsage() for it).
  virtual Result<std::optional<keys::Key>> ParentOf(const keys::KeyView& usage,
                                                    ContentSelector sel) const {
    Result<std::optional<UsageLoad>> load = LoadUsage(nullptr, nullptr, usage, sel, false, true);
    if (!load.ok()) return load.status();
    if (!load->has_value() || (*load)->parent == nullptr) return std::optional<keys::Key>();
    return *(*load)->parent;
  }
};

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_LEARNING_CONTEXT_H_
