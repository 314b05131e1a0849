// The block runtime. A RuntimeSystem holds what every runtime shares (store,
// context registry, snapshot and definition caches, signing keys); a Runtime is
// one user in one mode: Studio reads the "studio_draft" and requires edit
// rights, the LMS reads published versions and requires view rights.
// RuntimeSystem is thread-safe; use one Runtime per thread (they are cheap).
#ifndef BLOCKRT_RUNTIME_RUNTIME_H_
#define BLOCKRT_RUNTIME_RUNTIME_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/result.h"
#include "contexts/bundle_snapshots.h"
#include "contexts/definition_cache.h"
#include "contexts/registry.h"
#include "contexts/user.h"
#include "keys/key.h"
#include "runtime/asset_url.h"
#include "runtime/block.h"
#include "runtime/fragment.h"
#include "runtime/handler_token.h"

namespace blockrt::runtime {

namespace internal {
struct RuntimeState;
struct TokenEntry;
}  // namespace internal

enum class Mode { kStudio, kLms };
std::string_view ModeName(Mode mode);  // "studio" / "lms"

struct RuntimeOptions {
  // Signing keys: the first of each list signs, all of them validate (key
  // rotation). No defaults: empty lists sign nothing (asset URLs and handler
  // URLs fail with FailedPrecondition). Engine::Open fills empty lists with
  // the store's own random keys (runtime/signing_secrets.h).
  std::vector<std::string> asset_keys;
  std::vector<std::string> handler_token_keys;
  std::string site_root = "http://localhost:18000";
  std::string asset_url_prefix = "/api/blockrt/v1/assets/";
  int64_t asset_url_ttl_seconds = 3600;
  std::function<int64_t()> now_seconds;  // null = the system clock
};

class RuntimeSystem {
 public:
  RuntimeSystem(contexts::ContextRegistry* registry,
                std::shared_ptr<contexts::BundleSnapshots> snapshots,
                std::shared_ptr<contexts::DefinitionCache> definitions,
                RuntimeOptions options = {});

  contexts::ContextRegistry& registry() const { return *registry_; }
  contexts::BundleSnapshots& snapshots() const { return *snapshots_; }
  contexts::DefinitionCache& definitions() const { return *definitions_; }
  store::Store& store() const { return *snapshots_->store(); }
  const RuntimeOptions& options() const { return options_; }
  const AssetUrlSigner& signer() const { return signer_; }
  int64_t Now() const;
  // The script resources problem and video views add, built once.
  const FragmentResource& problem_script() const { return problem_script_; }
  const FragmentResource& video_script() const { return video_script_; }

 private:
  contexts::ContextRegistry* registry_;
  std::shared_ptr<contexts::BundleSnapshots> snapshots_;
  std::shared_ptr<contexts::DefinitionCache> definitions_;
  RuntimeOptions options_;
  AssetUrlSigner signer_;
  FragmentResource problem_script_, video_script_;
};

// Not thread-safe: one Runtime per thread (it memoizes handler tokens and
// keeps a session per learning context). Movable, not copyable.
class Runtime {
 public:
  Runtime(const RuntimeSystem* system, Mode mode, contexts::User user);
  Runtime(Runtime&&) noexcept;
  Runtime& operator=(Runtime&&) noexcept;
  ~Runtime();

  Mode mode() const { return mode_; }
  const contexts::User& user() const { return user_; }
  // "studio_draft" in Studio, "" (published) in the LMS.
  std::string_view draft() const;

  // NotFound "XBlock K does not exist, or you don't have permission to view
  // it." for both missing and forbidden blocks (users with no id skip the
  // permission check, like the reference); NotSupported when no context serves
  // the key; ParseError for malformed OLX.
  Result<Block> LoadBlock(const keys::KeyView& usage) const;
  Result<Block> LoadBlock(std::string_view usage_key) const;
  // Child `index` of `parent` (include order), with `parent` as its parent.
  // Permission is checked as for any load (a child reached through a link
  // must also be visible in its own library).
  Result<Block> LoadChild(const Block& parent, size_t index) const;

  // Renders `view` ("student_view", "public_view", "author_view" which falls
  // back to student_view). PermissionDenied for anonymous users or no user
  // outside public_view; NotSupported for other views.
  Result<Fragment> Render(const Block& block, std::string_view view = "student_view") const;

  // Handler URL with the reference's token; InvalidArgument without a user.
  Result<std::string> HandlerUrl(const Block& block, std::string_view handler,
                                 std::string_view suffix = {}, std::string_view query = {}) const;
  // Checks a handler URL's token (any key, this or the previous 2-day period)
  // and that it was issued to this runtime's user.
  Result<HandlerUrlParts> VerifyHandlerUrl(std::string_view url) const;

  // A signed URL for asset NAME owned by `block` (TYPE/ID/static/NAME), valid
  // for at least asset_url_ttl_seconds (the expiry is rounded up to a whole
  // minute); NotFound when the block has no such asset.
  Result<std::string> AssetUrl(const Block& block, std::string_view name) const;
  // Verifies a signed asset URL and returns the asset's bytes.
  Result<std::string> OpenAsset(std::string_view url) const;

  // The authored fields of `block` this runtime's user may read (sorted by
  // name): all of them for staff (Studio, no user, or edit rights on the
  // block in the LMS); for learners only the settings the block's schema
  // declares, never content-scope fields (a problem's data: answers,
  // solutions, hints) or settings restating them (markdown, source_code).
  std::vector<TypedField> VisibleFields(const Block& block, olx::FieldScope scope) const;
  // Staff in the sense above.
  bool SeesAuthoredContent(const Block& block) const;

  // Tracking events loads published (a learner's first view of a
  // library_content block assigns its children: edx.librarycontentblock.
  // content.assigned / .removed), in order. With a sink set each goes there
  // as it happens; else they collect until TakeEvents().
  void SetEventSink(std::function<void(const contexts::TrackingEvent&)> sink);
  std::vector<contexts::TrackingEvent> TakeEvents();

  // Learner state (user_state scope), per (user, usage key): persisted in the
  // store in the LMS for identified users, kept in this Runtime otherwise
  // (Studio and anonymous users). Values are JSON text.
  Result<std::map<std::string, std::string>> UserState(const Block& block) const;
  Status SetUserState(const Block& block, std::string_view field, std::string_view json_value);

 private:
  struct ContextAndSession {
    contexts::LearningContext* context;
    contexts::ContextSession* session;
  };
  // The context serving `key` and this runtime's session with it.
  Result<ContextAndSession> ContextOf(const keys::KeyView& key) const;
  // Resolves `key` through its context (with this runtime's session) and
  // builds the block; `parent` (children only) skips asking the context for
  // the parent, and becomes the block's parent unless
  // !set_parent (a page being rendered never reads its children's parent).
  Result<Block> Load(keys::Key&& key, const keys::Key* parent, bool set_parent = true) const;
  // Builds the block of a context's UsageLoad, loading what it left out.
  Result<Block> Assemble(keys::Key&& key, contexts::LearningContext* ctx,
                         contexts::UsageLoad&& load, const keys::Key* parent,
                         bool set_parent) const;
  // The bundle view of `block`'s definition.
  Result<std::shared_ptr<const contexts::BundleSnapshot>> SnapshotOf(const Block& block) const;
  // The signed URL of asset NAME of `block`, or nullopt when it has none
  // (no message is built: most /static/ references in a page are misses).
  std::optional<std::string> FindAssetUrl(const Block& block, std::string_view name) const;
  Status RenderInto(const Block& block, std::string_view view, int depth, Fragment* out) const;
  Status RenderBlock(const Block& block, std::string_view view, int depth, Fragment* out) const;
  // This period's handler token of `block` for this runtime's user (memoized).
  Result<internal::TokenEntry*> Token(const Block& block) const;
  // The problem view's actions (a submit button carrying
  // HandlerUrl(block, "xmodule_handler", "problem_check")), memoized.
  Result<std::string_view> ProblemActions(const Block& block) const;
  // The problem view of `block` without its actions, memoized per definition.
  Result<std::string_view> ProblemMarkup(const Block& block) const;
  // The bytes of TYPE/ID/static/NAME of `block` (NotFound when absent).
  Result<std::string> ReadOwnAsset(const Block& block, std::string_view name) const;

  const RuntimeSystem* system_;
  Mode mode_;
  contexts::User user_;
  // Sessions, memo, signed URLs, scratch buffers, ephemeral state
  // (runtime/internal/runtime_state.h): behind a pointer so this header
  // states the contract, not the caches.
  std::unique_ptr<internal::RuntimeState> state_;
};

}  // namespace blockrt::runtime

#endif  // BLOCKRT_RUNTIME_RUNTIME_H_
