// CourseAuthoring's block edits: the olx edit functions run on the draft's
// loaded tree, and exactly the file changes they return are written.
#include "contexts/course_authoring.h"
#include "contexts/internal/course_table.h"
#include "contexts/library.h"
#include "contexts/snapshot_files.h"

namespace blockrt::contexts {
namespace {

// Is `snap` what the store holds now? Run inside the write transaction, so
// the answer stays true until it ends.
Result<bool> StillCurrent(store::Store& store, const BundleSnapshot& snap) {
  if (!snap.draft.empty()) {
    Result<store::DraftInfo> draft = store.GetDraft(snap.bundle_uuid, snap.draft);
    if (!draft.ok()) return draft.status().IsNotFound() ? Result<bool>(false) : draft.status();
    return draft->revision == snap.revision;
  }
  if (store.DraftExists(snap.bundle_uuid, kStudioDraft)) return false;
  BLOCKRT_ASSIGN_OR_RETURN(store::BundleInfo bundle, store.GetBundle(snap.bundle_uuid));
  return bundle.latest_version == snap.version;
}

std::string Canonical(const keys::KeyView& key) {
  std::string text;
  return key.AppendCanonical(&text) ? text : std::string();
}

}  // namespace

Result<std::shared_ptr<const CourseView>> CourseAuthoring::Tree(std::string_view course_key,
                                                                bool published) const {
  BLOCKRT_ASSIGN_OR_RETURN(auto course, Find(course_key));
  BLOCKRT_RETURN_IF_ERROR(Require(*course, published ? CourseRole::kLearner : CourseRole::kStaff,
                                  published ? "view" : "read the draft of"));
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key key, keys::Key::Parse(course->key, keys::KeyBase::kCourseKey));
  return ctx_->View(key.view(), ContentSelector{published ? std::string_view() : kStudioDraft});
}

Status CourseAuthoring::EditDraft(const keys::KeyView& usage, std::string_view what,
                                  const EditFn& edit) {
  const bool library = ctx_->kind() == olx::Course::Kind::kLibrary;
  if (usage.kind() !=
      (library ? keys::KeyKind::kLibraryUsageLocator : keys::KeyKind::kBlockUsageLocator)) {
    return Status::InvalidArgument(
        "'" + usage.ToString() + "' is not a " +
        (library ? "v1 library block key (lib-block-v1:)" : "course block key (block-v1:)"));
  }
  BLOCKRT_ASSIGN_OR_RETURN(auto course, ctx_->Course(usage));
  BLOCKRT_RETURN_IF_ERROR(Require(*course, CourseRole::kStaff, what));
  store::Store& store = *ctx_->snapshots().store();
  const std::string usage_text = Canonical(usage);
  return InTransaction(course->bundle_uuid, course->key, [&]() -> Status {
    // A view cached before the lock serves if no write landed since; else
    // one built now, under the lock, is current by construction.
    BLOCKRT_ASSIGN_OR_RETURN(auto view, ctx_->View(usage, ContentSelector{kStudioDraft}));
    BLOCKRT_ASSIGN_OR_RETURN(bool current, StillCurrent(store, *view->snapshot));
    if (!current) {
      ctx_->snapshots().Invalidate(course->bundle_uuid);
      BLOCKRT_ASSIGN_OR_RETURN(view, ctx_->View(usage, ContentSelector{kStudioDraft}));
    }
    auto it = view->by_usage.find(usage_text);
    if (it == view->by_usage.end()) {
      return Status::NotFound("block " + usage_text + " is not in the draft of " + course->key);
    }
    std::unique_ptr<olx::FileSource> files = SnapshotFileSource(
        &store, view->snapshot, course->key + "@" + std::string(kStudioDraft) + "/");
    BLOCKRT_ASSIGN_OR_RETURN(std::vector<olx::FileChange> changes, edit(*view, *files, it->second));
    for (const olx::FileChange& c : changes) {
      BLOCKRT_RETURN_IF_ERROR(
          c.remove ? store.DeleteFile(course->bundle_uuid, kStudioDraft, c.path)
                   : store.WriteFile(course->bundle_uuid, kStudioDraft, c.path, c.bytes));
    }
    return Status::OK();
  });
}

Result<keys::Key> CourseAuthoring::AddBlock(const keys::KeyView& parent, std::string_view type,
                                            std::string_view id,
                                            std::optional<std::string_view> olx,
                                            const keys::KeyView* after) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::KeyView context, parent.context_key());
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key created, keys::MakeUsageKey(context, type, id));
  const std::string after_text = after != nullptr ? Canonical(*after) : std::string();
  BLOCKRT_RETURN_IF_ERROR(
      EditDraft(parent, "add blocks to",
                [&](const CourseView& view, const olx::FileSource& files,
                    uint32_t block) -> Result<std::vector<olx::FileChange>> {
                  std::optional<uint32_t> after_index;
                  if (after != nullptr) {
                    auto it = view.by_usage.find(after_text);
                    if (it == view.by_usage.end()) {
                      return Status::NotFound("block " + after_text + " is not in the draft of " +
                                              view.info->key);
                    }
                    after_index = it->second;
                  }
                  return olx::AddCourseBlock(view.course, files, block, type, id, olx, after_index);
                }));
  return created;
}

Status CourseAuthoring::DeleteBlock(const keys::KeyView& usage) {
  return EditDraft(usage, "delete blocks of",
                   [&](const CourseView& view, const olx::FileSource& files, uint32_t block) {
                     return olx::DeleteCourseBlock(view.course, files, block);
                   });
}

Status CourseAuthoring::SetField(const keys::KeyView& usage, std::string_view field,
                                 std::string_view value) {
  return EditDraft(usage, "edit blocks of",
                   [&](const CourseView& view, const olx::FileSource& files, uint32_t block) {
                     return olx::SetCourseField(view.course, files, block, field, value);
                   });
}

Status CourseAuthoring::UnsetField(const keys::KeyView& usage, std::string_view field) {
  return EditDraft(usage, "edit blocks of",
                   [&](const CourseView& view, const olx::FileSource& files, uint32_t block) {
                     return olx::UnsetCourseField(view.course, files, block, field);
                   });
}

}  // namespace blockrt::contexts
