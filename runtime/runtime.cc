#include "runtime/runtime.h"

#include <algorithm>
#include <chrono>

#include "contexts/library.h"
#include "runtime/internal/runtime_state.h"

namespace blockrt::runtime {
namespace {

Status NotFoundFor(const keys::KeyView& usage) {
  return Status::NotFound("XBlock " + usage.ToString() +
                          " does not exist, or you don't have permission to view it.");
}

}  // namespace

std::string_view ModeName(Mode mode) { return mode == Mode::kStudio ? "studio" : "lms"; }

RuntimeSystem::RuntimeSystem(contexts::ContextRegistry* registry,
                             std::shared_ptr<contexts::BundleSnapshots> snapshots,
                             std::shared_ptr<contexts::DefinitionCache> definitions,
                             RuntimeOptions options)
    : registry_(registry),
      snapshots_(std::move(snapshots)),
      definitions_(std::move(definitions)),
      options_(std::move(options)),
      signer_(options_.asset_keys, options_.asset_url_prefix),
      problem_script_{"url", options_.site_root + "/static/js/capa/display.js",
                      "application/javascript", "foot"},
      video_script_{"url", options_.site_root + "/static/js/video/player.js",
                    "application/javascript", "foot"} {}

int64_t RuntimeSystem::Now() const {
  if (options_.now_seconds) return options_.now_seconds();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Runtime::Runtime(const RuntimeSystem* system, Mode mode, contexts::User user)
    : system_(system),
      mode_(mode),
      user_(std::move(user)),
      state_(std::make_unique<internal::RuntimeState>()) {}
Runtime::Runtime(Runtime&&) noexcept = default;
Runtime& Runtime::operator=(Runtime&&) noexcept = default;
Runtime::~Runtime() = default;

std::string_view Runtime::draft() const {
  return mode_ == Mode::kStudio ? contexts::kStudioDraft : std::string_view();
}

Result<Block> Runtime::LoadBlock(std::string_view usage_key) const {
  Result<keys::Key> key = keys::Key::Parse(usage_key);
  if (!key.ok()) return key.status();
  if (!key->view().is_usage_key()) {
    return Status::InvalidArgument("'" + std::string(usage_key) + "' is not a usage key");
  }
  return Load(std::move(*key), nullptr);
}

Result<Block> Runtime::LoadBlock(const keys::KeyView& usage) const {
  return LoadBlock(usage.ToString());
}

Result<Block> Runtime::LoadChild(const Block& parent, size_t index) const {
  if (index >= parent.children().size()) {
    return Status::InvalidArgument(parent.usage_key().text() + " has no child " +
                                   std::to_string(index));
  }
  return Load(keys::Key(parent.children()[index]), &parent.usage_key());
}

Result<Runtime::ContextAndSession> Runtime::ContextOf(const keys::KeyView& key) const {
  // A usage key's context namespace follows from its kind alone.
  if (state_->last_context == nullptr || key.kind() != state_->last_kind) {
    BLOCKRT_ASSIGN_OR_RETURN(std::string_view ns, contexts::ContextNamespaceOf(key));
    Result<contexts::LearningContext*> found = system_->registry().ForNamespace(ns);
    if (!found.ok()) return found.status().WithContext("key '" + key.ToString() + "'");
    state_->last_context = *found;
    state_->last_kind = key.kind();
  }
  contexts::LearningContext* ctx = state_->last_context;
  auto it = std::find_if(state_->sessions.begin(), state_->sessions.end(),
                         [&](const auto& s) { return s.first == ctx; });
  if (it != state_->sessions.end()) return ContextAndSession{ctx, it->second.get()};
  state_->sessions.emplace_back(ctx, ctx->NewSession());
  return ContextAndSession{ctx, state_->sessions.back().second.get()};
}

Result<Block> Runtime::Load(keys::Key&& key, const keys::Key* parent, bool set_parent) const {
  BLOCKRT_ASSIGN_OR_RETURN(ContextAndSession cs, ContextOf(key.view()));
  contexts::LearningContext* ctx = cs.context;
  contexts::ContextSession* session = cs.session;
  // Children are checked too: one in the same library passes as its parent
  // did, but one reached through a link must also pass its own library's
  // rules (a public library must not lend a private one's blocks).
  const contexts::User* check = user_.is_none() ? nullptr : &user_;
  Result<std::optional<contexts::UsageLoad>> load =
      ctx->LoadUsage(session, check, key.view(), contexts::ContentSelector{draft()},
                     mode_ == Mode::kStudio, parent == nullptr);
  if (!load.ok()) return load.status();
  if (!load->has_value()) return NotFoundFor(key.view());
  return Assemble(std::move(key), ctx, std::move(**load), parent, set_parent);
}

void Runtime::SetEventSink(std::function<void(const contexts::TrackingEvent&)> sink) {
  state_->event_sink = std::move(sink);
}

std::vector<contexts::TrackingEvent> Runtime::TakeEvents() {
  std::vector<contexts::TrackingEvent> out;
  out.swap(state_->events);
  return out;
}

Result<Block> Runtime::Assemble(keys::Key&& key, contexts::LearningContext* ctx,
                                contexts::UsageLoad&& load, const keys::Key* parent,
                                bool set_parent) const {
  for (contexts::TrackingEvent& e : load.events) {
    if (state_->event_sink) {
      state_->event_sink(e);
    } else {
      state_->events.push_back(std::move(e));
    }
  }
  using SharedParent = std::shared_ptr<const std::optional<keys::Key>>;
  SharedParent parent_key;
  if (parent != nullptr && set_parent) {
    parent_key = std::make_shared<const std::optional<keys::Key>>(*parent);
  }
  if (load.olx != nullptr) {
    return Block::Adopt(std::move(key), std::move(load.definition), std::move(load.olx),
                        std::move(load.children),
                        parent == nullptr ? std::move(load.parent) : std::move(parent_key),
                        std::move(load.snapshot), std::move(load.origins));
  }
  const contexts::DefinitionLocator& def = *load.definition;
  contexts::BundleSnapshots& snaps = system_->snapshots();
  BLOCKRT_ASSIGN_OR_RETURN(auto snap,
                           def.is_draft()
                               ? snaps.Draft(def.bundle_uuid, def.draft_name)
                               : snaps.Version(def.bundle_uuid, static_cast<int64_t>(def.version)));
  BLOCKRT_ASSIGN_OR_RETURN(auto olx,
                           system_->definitions().Load(system_->store(), *snap, def.olx_path));
  std::vector<keys::Key> children;
  children.reserve(olx->includes.size());
  for (const olx::Include& inc : olx->includes) {
    contexts::ChildInclude ci{inc.source, inc.block_type, inc.definition_id, inc.usage};
    Result<keys::Key> child = ctx->UsageForChildInclude(key.view(), def, ci);
    if (!child.ok()) {
      return child.status().WithContext("child <xblock-include definition=\"" + inc.definition() +
                                        "\"> of " + key.ToString());
    }
    children.push_back(std::move(*child));
  }
  if (parent == nullptr) {
    BLOCKRT_ASSIGN_OR_RETURN(std::optional<keys::Key> found,
                             ctx->ParentOf(key.view(), contexts::ContentSelector{draft()}));
    if (found) parent_key = std::make_shared<const std::optional<keys::Key>>(std::move(found));
  }
  return Block::Adopt(std::move(key), std::move(load.definition), std::move(olx),
                      std::move(children), std::move(parent_key), std::move(snap));
}

}  // namespace blockrt::runtime
