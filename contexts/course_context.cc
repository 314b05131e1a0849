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
  int64_t valid_until = 0;
  return ViewUntil(key, sel, &valid_until);
}

Result<std::shared_ptr<const CourseView>> CourseContext::ViewUntil(const keys::KeyView& key,
                                                                   ContentSelector sel,
                                                                   int64_t* valid_until) const {
  BLOCKRT_ASSIGN_OR_RETURN(std::string_view text, KeyText(key));
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const CourseInfo> info, table_->Get(text));
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const BundleSnapshot> snap,
                           snapshots_->Current(info->bundle_uuid, sel.draft, valid_until));
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

// The view of the course a caller loaded from last, with what it was
// checked against. Used by one thread at a time.
class CourseContext::Session : public ContextSession {
 public:
  std::string org, course, run, draft;
  std::shared_ptr<const CourseView> view;
  uint64_t table_generation = 0;
  uint64_t snapshot_generation = 0;
  int64_t valid_until_ms = 0;
  std::string usage_text;  // scratch for the canonical usage key

  bool Matches(const keys::KeyView& usage, ContentSelector sel, uint64_t table_gen,
               uint64_t snapshot_gen) const {
    return view != nullptr && table_generation == table_gen &&
           snapshot_generation == snapshot_gen && CoarseNowMs() < valid_until_ms &&
           usage.org().value_or("") == org && usage.course().value_or("") == course &&
           usage.run().value_or("") == run && sel.draft == draft;
  }
};

std::unique_ptr<ContextSession> CourseContext::NewSession() const {
  return std::make_unique<Session>();
}

Result<std::optional<UsageLoad>> CourseContext::LoadUsage(ContextSession* session, const User* user,
                                                          const keys::KeyView& usage,
                                                          ContentSelector sel, bool edit,
                                                          bool want_parent) const {
  const keys::KeyKind usage_kind = kind_ == olx::Course::Kind::kLibrary
                                       ? keys::KeyKind::kLibraryUsageLocator
                                       : keys::KeyKind::kBlockUsageLocator;
  if (usage.kind() != usage_kind) return std::optional<UsageLoad>();
  // Read before the lookups: a write racing with them then forces another.
  const uint64_t table_generation = table_->generation();
  const uint64_t snapshot_generation = snapshots_->generation();
  auto* s = static_cast<Session*>(session);
  std::shared_ptr<const CourseView> held;
  const CourseView* view = nullptr;
  if (s != nullptr && s->Matches(usage, sel, table_generation, snapshot_generation)) {
    view = s->view.get();
  } else {
    int64_t valid_until = 0;
    Result<std::shared_ptr<const CourseView>> found = ViewUntil(usage, sel, &valid_until);
    if (!found.ok()) {
      if (found.status().IsNotFound()) return std::optional<UsageLoad>();
      return found.status();
    }
    held = std::move(*found);
    view = held.get();
    if (s != nullptr) {
      s->org = std::string(usage.org().value_or(""));
      s->course = std::string(usage.course().value_or(""));
      s->run = std::string(usage.run().value_or(""));
      s->draft = std::string(sel.draft);
      s->view = held;
      s->table_generation = table_generation;
      s->snapshot_generation = snapshot_generation;
      s->valid_until_ms = valid_until;
    }
  }
  if (user != nullptr &&
      !Permitted(*view->info, *user, edit ? CourseRole::kStaff : CourseRole::kLearner)) {
    return std::optional<UsageLoad>();
  }
  thread_local std::string scratch;
  std::string& text = s != nullptr ? s->usage_text : scratch;
  text.clear();
  if (!usage.AppendCanonical(&text)) return std::optional<UsageLoad>();
  auto it = view->by_usage.find(text);
  if (it == view->by_usage.end()) return std::optional<UsageLoad>();
  BLOCKRT_ASSIGN_OR_RETURN(
      UsageLoad load,
      internal::LoadCourseBlock(held != nullptr ? held : s->view, it->second, want_parent));
  return std::optional<UsageLoad>(std::move(load));
}

Result<std::vector<keys::Key>> CourseContext::ListBlocks(const keys::KeyView& context_key,
                                                         ContentSelector sel) const {
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const CourseView> view, View(context_key, sel));
  std::vector<std::string_view> texts;
  texts.reserve(view->by_usage.size());
  for (const auto& [text, index] : view->by_usage) {
    if (text != view->root_alias) texts.push_back(text);  // one key per block
  }
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
