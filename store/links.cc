// Named links from a draft to another bundle pinned at a version.
#include <algorithm>
#include <set>

#include "store/internal/impl.h"
#include "store/internal/link_rules.h"
#include "store/internal/snapshot.h"
#include "store/internal/validate.h"
#include "store/store.h"

namespace blockrt::store {

Result<LinkRow> ResolveLinkTarget(Store::Impl& s, const LinkTarget& target) {
  if (target.bundle_uuid.empty()) return Status::InvalidArgument("link target has no bundle");
  BLOCKRT_ASSIGN_OR_RETURN(BundleRow t, s.ResolveBundle(target.bundle_uuid));
  if (target.version < 1 || target.version > t.latest_version) {
    return Status::NotFound("link target bundle '" + t.slug + "' has no version " +
                            std::to_string(target.version) + " (latest is " +
                            std::to_string(t.latest_version) + ")");
  }
  return LinkRow{t.id, target.version};
}

Status CheckLinkAllowed(Store::Impl& s, const BundleRow& b, std::string_view name,
                        const LinkRow& target) {
  if (target.bundle_id == b.id) {
    return Status::InvalidArgument("link '" + std::string(name) + "': bundle '" + b.slug +
                                   "' cannot link to itself");
  }
  for (const LinkRow& dep : Dependencies(s, target.bundle_id, target.version)) {
    if (dep.bundle_id == b.id) {
      return Status::FailedPrecondition(
          "link '" + std::string(name) + "' would create a cycle: " +
          BundleUuid(s, target.bundle_id) + "@" + std::to_string(target.version) +
          " already depends on bundle '" + b.slug + "' (v" + std::to_string(dep.version) + ")");
    }
  }
  return Status::OK();
}

std::vector<LinkRow> ClosureOf(Store::Impl& s, const std::map<std::string, LinkRow>& links) {
  std::set<LinkRow> all;
  for (const auto& [name, target] : links) {
    all.insert(target);
    for (const LinkRow& dep : Dependencies(s, target.bundle_id, target.version)) all.insert(dep);
  }
  return std::vector<LinkRow>(all.begin(), all.end());
}

Status Store::SetLink(std::string_view bundle, std::string_view draft, std::string_view name,
                      const LinkTarget& target, bool replace, const WriteOptions& opts) {
  BLOCKRT_RETURN_IF_ERROR(ValidateName("link", name));
  return impl_->Write([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    BLOCKRT_ASSIGN_OR_RETURN(DraftRow d, impl_->ResolveDraft(b, draft, true));
    BLOCKRT_RETURN_IF_ERROR(impl_->CheckRevision(d, opts));
    BLOCKRT_ASSIGN_OR_RETURN(LinkRow t, ResolveLinkTarget(*impl_, target));
    BLOCKRT_RETURN_IF_ERROR(CheckLinkAllowed(*impl_, b, name, t));
    auto visible = LinksVisible(*impl_, b.id, &d, d.base_version);
    auto it = visible.find(std::string(name));
    if (it != visible.end()) {
      if (it->second == t) return Status::OK();
      if (!replace) {
        return Status::AlreadyExists(
            "draft '" + d.name + "' already has a link named '" + std::string(name) + "' (to " +
            BundleUuid(*impl_, it->second.bundle_id) + "@" + std::to_string(it->second.version) +
            "); remove it first or replace it");
      }
    }
    auto base = LinksPublished(*impl_, b.id, d.base_version);
    auto bit = base.find(std::string(name));
    if (bit != base.end() && bit->second == t) {
      Query del = impl_->Prepare("DELETE FROM draft_link WHERE draft_id = ? AND name = ?");
      del->bind(1, static_cast<int64_t>(d.id));
      del->bind(2, std::string(name));
      del->exec();
    } else {
      Query up = impl_->Prepare(
          "INSERT OR REPLACE INTO draft_link(draft_id, name, target_bundle_id, target_version) "
          "VALUES(?, ?, ?, ?)");
      up->bind(1, static_cast<int64_t>(d.id));
      up->bind(2, std::string(name));
      up->bind(3, static_cast<int64_t>(t.bundle_id));
      up->bind(4, static_cast<int64_t>(t.version));
      up->exec();
    }
    impl_->TouchDraft(d);
    return Status::OK();
  });
}

Status Store::RemoveLink(std::string_view bundle, std::string_view draft, std::string_view name,
                         const WriteOptions& opts) {
  BLOCKRT_RETURN_IF_ERROR(ValidateName("link", name));
  return impl_->Write([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    BLOCKRT_ASSIGN_OR_RETURN(DraftRow d, impl_->ResolveDraft(b, draft, true));
    BLOCKRT_RETURN_IF_ERROR(impl_->CheckRevision(d, opts));
    auto visible = LinksVisible(*impl_, b.id, &d, d.base_version);
    if (visible.count(std::string(name)) == 0) {
      return Status::NotFound("draft '" + d.name + "' of bundle '" + b.slug +
                              "' has no link named '" + std::string(name) + "'");
    }
    auto base = LinksPublished(*impl_, b.id, d.base_version);
    if (base.count(std::string(name)) != 0) {
      Query up = impl_->Prepare(
          "INSERT OR REPLACE INTO draft_link(draft_id, name, target_bundle_id, target_version) "
          "VALUES(?, ?, NULL, NULL)");
      up->bind(1, static_cast<int64_t>(d.id));
      up->bind(2, std::string(name));
      up->exec();
    } else {
      Query del = impl_->Prepare("DELETE FROM draft_link WHERE draft_id = ? AND name = ?");
      del->bind(1, static_cast<int64_t>(d.id));
      del->bind(2, std::string(name));
      del->exec();
    }
    impl_->TouchDraft(d);
    return Status::OK();
  });
}

}  // namespace blockrt::store
