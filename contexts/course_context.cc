#include "contexts/course_context.h"

#include <algorithm>

#include "contexts/internal/course_blocks.h"
#include "contexts/internal/course_table.h"
#include "contexts/snapshot_files.h"

namespace blockrt::contexts {

const olx::CourseBlock* CourseView::Find(std::string_view usage_key) const {
  auto it = by_usage.find(usage_key);
  return it == by_usage.end() ? nullptr : &course.blocks[it->second];
}

std::string_view ExportKindNoun(olx::Course::Kind kind) {
  return kind == olx::Course::Kind::kLibrary ? "library" : "course";
}
std::string_view ExportKindNamespace(olx::Course::Kind kind) {
  return kind == olx::Course::Kind::kLibrary ? "library-v1" : "course-v1";
}
std::string_view ExportKindTable(olx::Course::Kind kind) {
  return kind == olx::Course::Kind::kLibrary ? "libraries_v1" : internal::kCourseTable;
}

CourseContext::CourseContext(std::shared_ptr<BundleSnapshots> snapshots, olx::Course::Kind kind)
    : snapshots_(std::move(snapshots)),
      kind_(kind),
      table_(std::make_unique<internal::CourseTable>(snapshots_->store(), ExportKindTable(kind),
                                                     ExportKindNoun(kind))) {}

CourseContext::~CourseContext() = default;

// In a buffer reused per thread. InvalidArgument for keys of other contexts.
Result<std::string_view> CourseContext::KeyText(const keys::KeyView& key) const {
  thread_local std::string text;
  text.clear();
  const std::string_view ns = ExportKindNamespace(kind_);
  if (key.is_context_key()) {
    if (key.canonical_namespace() != ns || !key.AppendCanonical(&text)) {
      return Status::InvalidArgument("'" + key.ToString() + "' is not a " + std::string(ns) +
                                     " key");
    }
    return std::string_view(text);
  }
  Result<keys::KeyView> ctx = key.context_key();
  if (!ctx.ok() || ctx->canonical_namespace() != ns || !ctx->AppendCanonical(&text)) {
    return Status::InvalidArgument(
        "'" + key.ToString() + "' is not a " +
        (kind_ == olx::Course::Kind::kLibrary ? "lib-block-v1" : "block-v1") + " key");
  }
  return std::string_view(text);
}

Result<std::shared_ptr<const CourseInfo>> CourseContext::Course(const keys::KeyView& key) const {
  BLOCKRT_ASSIGN_OR_RETURN(std::string_view text, KeyText(key));
  return table_->Get(text);
}

Result<std::shared_ptr<const CourseView>> CourseContext::View(const keys::KeyView& key,
                                                              ContentSelector sel) const {
  BLOCKRT_ASSIGN_OR_RETURN(std::string_view text, KeyText(key));
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const CourseInfo> info, table_->Get(text));
  int64_t valid_until = 0;
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const BundleSnapshot> snap,
                           snapshots_->Current(info->bundle_uuid, sel.draft, &valid_until));
  std::string id(info->key);
  id.push_back('\0');
  id.append(sel.draft);
  {
    std::lock_guard lock(views_mu_);
    auto it = views_.find(id);
    if (it != views_.end() && it->second->info == info && it->second->snapshot == snap) {
      return it->second;
    }
  }
  // Built outside the lock: a large course takes a while, and other courses
  // (or other views of this one) must not wait for it.
  BLOCKRT_ASSIGN_OR_RETURN(
      std::shared_ptr<const CourseView> view,
      internal::BuildCourseView(snapshots_->store(), info, snap, sel.draft, kind_));
  std::lock_guard lock(views_mu_);
  views_[id] = view;
  return view;
}

bool CourseContext::Permitted(const CourseInfo& info, const User& user, CourseRole needed) {
  if (user.is_none()) return false;
  return info.RoleOf(user.id) >= needed ||
         (needed == CourseRole::kLearner && info.allow_public_learning);
}

Result<std::optional<UsageLoad>> CourseContext::LoadUsage(ContextSession* session, const User* user,
                                                          const keys::KeyView& usage,
                                                          ContentSelector sel, bool edit,
                                                          bool want_parent) const {
  (void)session;
  const keys::KeyKind usage_kind = kind_ == olx::Course::Kind::kLibrary
                                       ? keys::KeyKind::kLibraryUsageLocator
                                       : keys::KeyKind::kBlockUsageLocator;
  if (usage.kind() != usage_kind) return std::optional<UsageLoad>();
  Result<std::shared_ptr<const CourseInfo>> info = Course(usage);
  if (!info.ok()) {
    if (info.status().IsNotFound()) return std::optional<UsageLoad>();
    return info.status();
  }
  if (user != nullptr &&
      !Permitted(**info, *user, edit ? CourseRole::kStaff : CourseRole::kLearner)) {
    return std::optional<UsageLoad>();
  }
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const CourseView> view, View(usage, sel));
  thread_local std::string text;
  text.clear();
  if (!usage.AppendCanonical(&text)) return std::optional<UsageLoad>();
  auto it = view->by_usage.find(text);
  if (it == view->by_usage.end()) return std::optional<UsageLoad>();
  return std::optional<UsageLoad>(internal::LoadCourseBlock(view, it->second, want_parent));
}

Result<std::vector<keys::Key>> CourseContext::ListBlocks(const keys::KeyView& context_key,
                                                         ContentSelector sel) const {
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const CourseView> view, View(context_key, sel));
  std::vector<std::string_view> texts;
  texts.reserve(view->by_usage.size());
  for (const auto& [text, index] : view->by_usage) texts.push_back(text);
  std::sort(texts.begin(), texts.end());
  std::vector<keys::Key> out;
  out.reserve(texts.size());
  for (std::string_view t : texts) {
    Result<keys::Key> key = keys::Key::Parse(t);
    if (key.ok()) out.push_back(std::move(*key));
  }
  return out;
}

Result<std::vector<keys::Key>> CourseContext::TopLevelBlocks(const keys::KeyView& context_key,
                                                             ContentSelector sel) const {
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const CourseView> view, View(context_key, sel));
  std::vector<keys::Key> out;
  if (view->course.blocks.size() == 0) return out;
  const olx::CourseBlock& root = view->course.blocks[0];
  if (kind_ == olx::Course::Kind::kLibrary) {
    for (uint32_t child : root.children) {
      Result<keys::Key> key = keys::Key::Parse(view->course.blocks[child].usage_key);
      if (key.ok()) out.push_back(std::move(*key));
    }
    return out;
  }
  Result<keys::Key> key = keys::Key::Parse(root.usage_key);
  if (key.ok()) out.push_back(std::move(*key));
  return out;
}

}  // namespace blockrt::contexts
