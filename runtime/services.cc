// Runtime services around a loaded block: handler URLs, signed asset URLs and
// learner state.
#include <nlohmann/json.hpp>

#include "base/json_depth.h"
#include "contexts/user_state.h"
#include "runtime/internal/renderers.h"
#include "runtime/internal/runtime_state.h"
#include "runtime/runtime.h"

namespace blockrt::runtime {
namespace {

bool IsWordId(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c >= 0x80;
    if (!ok) return false;
  }
  return true;
}

// What an asset name must be to be signed or served: not empty, no "..".
bool IsServableAssetName(std::string_view name) {
  return !name.empty() && name.find("..") == std::string_view::npos;
}

std::string VersionOrDraft(const contexts::DefinitionLocator& def) {
  return def.is_draft() ? def.draft_name : std::to_string(def.version);
}

}  // namespace

Result<internal::TokenEntry*> Runtime::Token(const Block& block) const {
  if (user_.is_none()) {
    return Status::InvalidArgument(
        "Cannot get handler URLs without specifying a specific user ID.");
  }
  if (!IsWordId(user_.id)) {
    return Status::InvalidArgument("user id '" + user_.id +
                                   "' cannot appear in a handler URL (letters, digits, '_')");
  }
  const RuntimeOptions& opt = system_->options();
  if (opt.handler_token_keys.empty() || opt.handler_token_keys.front().empty()) {
    return Status::FailedPrecondition("no handler token key configured");
  }
  const std::string& usage = block.usage_key().text();
  const int64_t now = system_->Now();
  const int64_t period = now / kHandlerTokenPeriodSeconds;
  internal::RenderMemo::TokenEntry* memo = state_->memo.FindToken(usage);
  if (memo == nullptr || memo->period != period) {
    memo = state_->memo.PutToken(
        usage, period, HandlerToken(opt.handler_token_keys.front(), user_.id, usage, now, 0));
  }
  return memo;
}

Result<std::string> Runtime::HandlerUrl(const Block& block, std::string_view handler,
                                        std::string_view suffix, std::string_view query) const {
  state_->memo.Trim();  // the memo stays bounded for callers that never render
  BLOCKRT_ASSIGN_OR_RETURN(internal::RenderMemo::TokenEntry * memo, Token(block));
  return BuildHandlerUrl(system_->options().site_root, block.usage_key().text(), user_.id,
                         memo->token, handler, suffix, query);
}

Result<std::string_view> Runtime::ProblemActions(const Block& block) const {
  BLOCKRT_ASSIGN_OR_RETURN(internal::RenderMemo::TokenEntry * memo, Token(block));
  if (memo->problem_actions.empty()) {
    thread_local std::string html;
    html.clear();
    internal::AppendProblemActions(
        BuildHandlerUrl(system_->options().site_root, block.usage_key().text(), user_.id,
                        memo->token, "xmodule_handler", "problem_check", {}),
        &html);
    state_->memo.SetProblemActions(memo, html);
  }
  return memo->problem_actions;
}

Result<HandlerUrlParts> Runtime::VerifyHandlerUrl(std::string_view url) const {
  BLOCKRT_ASSIGN_OR_RETURN(HandlerUrlParts parts, ParseHandlerUrl(url));
  if (!ValidateHandlerToken(system_->options().handler_token_keys, parts.token, parts.user_id,
                            parts.usage_key, system_->Now())) {
    return Status::PermissionDenied("Invalid/expired auth token.");
  }
  if (parts.user_id != user_.id) return Status::PermissionDenied("Authentication conflict.");
  return parts;
}

Result<std::shared_ptr<const contexts::BundleSnapshot>> Runtime::SnapshotOf(
    const Block& block) const {
  const contexts::DefinitionLocator& def = block.definition();
  contexts::BundleSnapshots& snaps = system_->snapshots();
  return def.is_draft() ? snaps.Draft(def.bundle_uuid, def.draft_name)
                        : snaps.Version(def.bundle_uuid, static_cast<int64_t>(def.version));
}

Result<std::string> Runtime::ReadOwnAsset(const Block& block, std::string_view name) const {
  const contexts::DefinitionLocator& def = block.definition();
  std::string path;
  BLOCKRT_RETURN_IF_ERROR(def.AssetDir(&path));
  std::shared_ptr<const contexts::BundleSnapshot> resolved;
  const contexts::BundleSnapshot* snap = block.snapshot();
  if (snap == nullptr) {
    BLOCKRT_ASSIGN_OR_RETURN(resolved, SnapshotOf(block));
    snap = resolved.get();
  }
  path.append(name);
  if (snap->Find(path) == nullptr) {
    return Status::NotFound("XBlock static file not found: " + std::string(name) + " for " +
                            block.usage_key().text());
  }
  return system_->store().ReadFile(def.bundle_uuid, snap->ref(), path);
}

std::optional<std::string> Runtime::FindAssetUrl(const Block& block, std::string_view name) const {
  if (!IsServableAssetName(name) || !system_->signer().can_sign()) return std::nullopt;
  const contexts::DefinitionLocator& def = block.definition();
  thread_local std::string path;
  if (!def.AssetDir(&path).ok()) return std::nullopt;
  std::shared_ptr<const contexts::BundleSnapshot> resolved;
  const contexts::BundleSnapshot* snap = block.snapshot();
  if (snap == nullptr) {
    Result<std::shared_ptr<const contexts::BundleSnapshot>> found = SnapshotOf(block);
    if (!found.ok()) return std::nullopt;
    resolved = std::move(*found);
    snap = resolved.get();
  }
  path.append(name);
  if (snap->Find(path) == nullptr) return std::nullopt;
  AssetRef ref{def.bundle_uuid, VersionOrDraft(def), path, block.usage_key().text()};
  const int64_t now = system_->Now();
  const int64_t min_expiry = now + system_->options().asset_url_ttl_seconds;
  std::string memo_key = ref.usage_key;
  for (const std::string* part : {&ref.bundle_uuid, &ref.version_or_draft, &ref.path}) {
    memo_key.push_back('\0');
    memo_key.append(*part);
  }
  auto it = state_->asset_urls.find(memo_key);
  if (it != state_->asset_urls.end() && it->second.first >= min_expiry) return it->second.second;
  const int64_t expiry = (min_expiry + 59) / 60 * 60;
  Result<std::string> url = system_->signer().Sign(ref, expiry);
  if (!url.ok()) return std::nullopt;
  state_->asset_urls.insert_or_assign(std::move(memo_key), std::make_pair(expiry, *url));
  return std::move(*url);
}

Result<std::string> Runtime::AssetUrl(const Block& block, std::string_view name) const {
  if (!IsServableAssetName(name)) {
    return Status::InvalidArgument("asset name '" + std::string(name) +
                                   "' is empty or contains '..'");
  }
  std::string asset_dir;
  BLOCKRT_RETURN_IF_ERROR(block.definition().AssetDir(&asset_dir));
  if (block.snapshot() == nullptr) BLOCKRT_RETURN_IF_ERROR(SnapshotOf(block).status());
  if (!system_->signer().can_sign()) {
    return Status::FailedPrecondition("no asset URL signing key configured");
  }
  std::optional<std::string> url = FindAssetUrl(block, name);
  if (!url) {
    return Status::NotFound("XBlock static file not found: " + std::string(name) + " for " +
                            block.usage_key().text());
  }
  return std::move(*url);
}

Result<std::string> Runtime::OpenAsset(std::string_view url) const {
  BLOCKRT_ASSIGN_OR_RETURN(AssetRef ref, system_->signer().Verify(url, system_->Now()));
  // A signature only says which file was handed out; whether this user may
  // have it now is decided like a load: the owning block must be visible to
  // this user in this mode (its context checks permissions, links included),
  // and the file must be one of that block's own static/ files in the very
  // version or draft the block resolves to. Anything else (definition.xml,
  // another block's files, a draft seen from the LMS) is refused.
  auto refused = [&]() {
    return Status::PermissionDenied("asset " + ref.path + " of " + ref.usage_key +
                                    " is not available to this user in " +
                                    std::string(ModeName(mode_)));
  };
  Result<Block> block = LoadBlock(ref.usage_key);
  if (!block.ok()) {
    if (block.status().IsNotFound()) return refused();
    return block.status();
  }
  const contexts::DefinitionLocator& def = block->definition();
  std::string static_dir;
  BLOCKRT_RETURN_IF_ERROR(def.AssetDir(&static_dir));
  if (def.bundle_uuid != ref.bundle_uuid || VersionOrDraft(def) != ref.version_or_draft ||
      ref.path.compare(0, static_dir.size(), static_dir) != 0) {
    return refused();
  }
  const std::string_view name = std::string_view(ref.path).substr(static_dir.size());
  if (!IsServableAssetName(name)) return refused();
  return ReadOwnAsset(*block, name);
}

namespace {

bool Persisted(Mode mode, const contexts::User& user) {
  return mode == Mode::kLms && !user.is_none() && !user.is_anonymous();
}

}  // namespace

Result<std::map<std::string, std::string>> Runtime::UserState(const Block& block) const {
  if (user_.is_none()) {
    return Status::FailedPrecondition("learner state needs a user bound to the runtime");
  }
  if (!Persisted(mode_, user_)) {
    auto it = state_->ephemeral_state.find(block.usage_key().text());
    if (it == state_->ephemeral_state.end()) return std::map<std::string, std::string>();
    return it->second;
  }
  return contexts::ReadUserState(system_->store(), user_.id, block.usage_key().text());
}

Status Runtime::SetUserState(const Block& block, std::string_view field,
                             std::string_view json_value) {
  if (user_.is_none()) {
    return Status::FailedPrecondition("learner state needs a user bound to the runtime");
  }
  if (field.empty()) return Status::InvalidArgument("empty learner state field name");
  BLOCKRT_RETURN_IF_ERROR(
      CheckJsonDepth(json_value, "learner state value for '" + std::string(field) + "'"));
  nlohmann::json value =
      nlohmann::json::parse(json_value.begin(), json_value.end(), nullptr, false);
  if (value.is_discarded()) {
    return Status::InvalidArgument("learner state value for '" + std::string(field) +
                                   "' is not JSON: " + std::string(json_value));
  }
  if (!Persisted(mode_, user_)) {
    state_->ephemeral_state[block.usage_key().text()][std::string(field)] = value.dump();
    return Status::OK();
  }
  return contexts::WriteUserState(system_->store(), user_.id, block.usage_key().text(),
                                  {{std::string(field), value.dump()}});
}

}  // namespace blockrt::runtime
