#include "runtime/runtime.h"

#include <chrono>

#include "contexts/library.h"

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
      signer_(options_.asset_secret, options_.asset_url_prefix) {}

int64_t RuntimeSystem::Now() const {
  if (options_.now_seconds) return options_.now_seconds();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Runtime::Runtime(const RuntimeSystem* system, Mode mode, contexts::User user)
    : system_(system), mode_(mode), user_(std::move(user)) {}

std::string_view Runtime::draft() const {
  return mode_ == Mode::kStudio ? contexts::kStudioDraft : std::string_view();
}

Result<Block> Runtime::LoadBlock(std::string_view usage_key) const {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key key, keys::Key::Parse(usage_key));
  if (!key->is_usage_key()) {
    return Status::InvalidArgument("'" + std::string(usage_key) + "' is not a usage key");
  }
  BLOCKRT_ASSIGN_OR_RETURN(contexts::LearningContext * ctx, system_->registry().ForKey(key.view()));
  const contexts::ContentSelector sel{draft()};
  Result<std::optional<contexts::DefinitionLocator>> def =
      user_.is_none() ? ctx->DefinitionForUsage(key.view(), sel)
                      : ctx->AuthorizedDefinition(user_, key.view(), sel, mode_ == Mode::kStudio);
  if (!def.ok()) return def.status();
  if (!def->has_value()) return NotFoundFor(key.view());
  return Assemble(std::move(key), ctx, std::move(**def), nullptr);
}

Result<Block> Runtime::LoadBlock(const keys::KeyView& usage) const {
  return LoadBlock(usage.ToString());
}

Result<Block> Runtime::LoadChild(const Block& parent, size_t index) const {
  if (index >= parent.children().size()) {
    return Status::InvalidArgument(parent.usage_key().text() + " has no child " +
                                   std::to_string(index));
  }
  const keys::Key& key = parent.children()[index];
  BLOCKRT_ASSIGN_OR_RETURN(contexts::LearningContext * ctx, system_->registry().ForKey(key.view()));
  BLOCKRT_ASSIGN_OR_RETURN(std::optional<contexts::DefinitionLocator> def,
                           ctx->DefinitionForUsage(key.view(), contexts::ContentSelector{draft()}));
  if (!def) return NotFoundFor(key.view());
  return Assemble(key, ctx, std::move(*def), &parent.usage_key());
}

Result<Block> Runtime::Assemble(keys::Key key, contexts::LearningContext* ctx,
                                contexts::DefinitionLocator def, const keys::Key* parent) const {
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
  std::optional<keys::Key> parent_key;
  if (parent != nullptr) {
    parent_key = *parent;
  } else {
    BLOCKRT_ASSIGN_OR_RETURN(parent_key,
                             ctx->ParentOf(key.view(), contexts::ContentSelector{draft()}));
  }
  return Block(std::move(key), std::move(def), std::move(olx), std::move(children),
               std::move(parent_key));
}

}  // namespace blockrt::runtime
