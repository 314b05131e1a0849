#include "contexts/library_content/sync.h"

#include <unordered_map>

#include "contexts/library_content/lcb_fields.h"
#include "contexts/library_content/library_copies.h"

namespace blockrt::contexts::library_content {
namespace {

std::string TypeId(std::string_view type, std::string_view id) {
  std::string out(type);
  out.push_back('/');
  out.append(id);
  return out;
}

// The library at the version a sync of `fields` with `options` reads.
Result<LibrarySnapshot> ReadTarget(const LibrarySource& libraries, const User& reader,
                                   const LcbFields& fields, const std::string& lcb_key,
                                   const SyncOptions& options) {
  if (fields.library_id.empty()) {
    return Status::FailedPrecondition("Source content library has not been specified.");
  }
  std::optional<int64_t> version;
  switch (options.version) {
    case SyncOptions::Version::kExact:
      version = options.exact;
      break;
    case SyncOptions::Version::kLatest:
      break;
    case SyncOptions::Version::kPinned:
      if (fields.version.empty()) break;
      version = ParseLibraryVersion(fields.version);
      if (!version) {
        return Status::FailedPrecondition(
            lcb_key + ": source_library_version '" + fields.version + "' is not a version of " +
            fields.library_id +
            " in this store (a v1 export names its Mongo version); sync with --latest or "
            "--version N");
      }
      break;
  }
  Result<int64_t> latest = libraries.LatestVersion(fields.library_id);
  if (!latest.ok()) {
    if (latest.status().IsNotFound()) {
      return Status::NotFound("Source content library does not exist: " + fields.library_id);
    }
    return latest.status();
  }
  return libraries.ReadLibrary(fields.library_id, version, reader);
}

ChildPlan PlanOf(const olx::CopyOutcome& o, const keys::KeyView& course,
                 const std::unordered_map<std::string, LinkedBlock>& linked) {
  ChildPlan p;
  Result<keys::Key> key = keys::MakeUsageKey(course, o.type, o.id);
  p.usage_key = key.ok() ? key->text() : o.type + "/" + o.id;
  auto it = linked.find(TypeId(o.type, o.id));
  if (it != linked.end()) p.library_key = it->second.block->usage_key;
  p.depth = o.depth;
  p.action = o.action;
  p.overrides = o.overrides;
  p.defaults_changed = o.defaults_changed;
  p.content_changed = o.content_changed;
  p.children_changed = o.children_changed;
  return p;
}

// The sync of the block `index` of `view` as file changes and its report.
struct Planned {
  std::vector<olx::FileChange> changes;
  SyncReport report;
};

Result<Planned> Plan(const CourseView& view, const olx::FileSource& files, uint32_t index,
                     const keys::KeyView& lcb, const LibrarySource& libraries, const User& reader,
                     const SyncOptions& options) {
  const olx::CourseBlock& block = view.course.blocks[index];
  BLOCKRT_RETURN_IF_ERROR(CheckLibraryContent(block));
  const LcbFields fields = FieldsOf(block);
  BLOCKRT_ASSIGN_OR_RETURN(LibrarySnapshot target,
                           ReadTarget(libraries, reader, fields, lcb.ToString(), options));
  BLOCKRT_ASSIGN_OR_RETURN(std::vector<olx::LibraryCopy> copies,
                           CopiesFor(lcb, target, fields.capa_type));
  BLOCKRT_ASSIGN_OR_RETURN(
      olx::CopyEdit edit,
      olx::SyncLibraryCopies(view.course, files, index, copies,
                             {{"source_library_version", std::to_string(target.version)}}));
  BLOCKRT_ASSIGN_OR_RETURN(auto linked, LinkedIds(lcb, target));

  // Content edits: what differs from the pinned version's copies (the sync
  // that wrote the children), when that version can still be read.
  std::unordered_map<std::string, bool> edited;
  std::unordered_map<std::string, LinkedBlock> pinned_linked;
  std::optional<LibrarySnapshot> pinned;
  std::optional<int64_t> pinned_version = ParseLibraryVersion(fields.version);
  if (pinned_version && *pinned_version == target.version) {
    for (const olx::CopyOutcome& o : edit.blocks) edited[TypeId(o.type, o.id)] = o.content_changed;
  } else if (pinned_version) {
    Result<LibrarySnapshot> old = libraries.ReadLibrary(fields.library_id, *pinned_version, reader);
    if (old.ok()) {
      pinned = std::move(*old);
      Result<std::vector<olx::LibraryCopy>> old_copies = CopiesFor(lcb, *pinned, fields.capa_type);
      Result<olx::CopyEdit> at_pin =
          old_copies.ok() ? olx::SyncLibraryCopies(view.course, files, index, *old_copies)
                          : Result<olx::CopyEdit>(old_copies.status());
      if (at_pin.ok()) {
        for (const olx::CopyOutcome& o : at_pin->blocks) {
          if (o.action == olx::CopyAction::kKept) edited[TypeId(o.type, o.id)] = o.content_changed;
        }
      }
      Result<std::unordered_map<std::string, LinkedBlock>> l = LinkedIds(lcb, *pinned);
      if (l.ok()) pinned_linked = std::move(*l);
    }
  }

  Planned out;
  SyncReport& r = out.report;
  r.lcb_key = lcb.ToString();
  r.library_key = target.library_key;
  r.from_version = fields.version;
  r.to_version = target.version;
  r.dry_run = options.dry_run;
  BLOCKRT_ASSIGN_OR_RETURN(keys::KeyView course, lcb.context_key());
  for (const olx::CopyOutcome& o : edit.blocks) {
    ChildPlan p = PlanOf(o, course, o.action == olx::CopyAction::kRemoved ? pinned_linked : linked);
    if (o.action == olx::CopyAction::kKept && o.content_changed) {
      auto it = edited.find(TypeId(o.type, o.id));
      // Unknown (the pinned version is gone): whatever differs is replaced.
      p.content_edits_discarded = it == edited.end() || it->second;
    }
    r.children.push_back(std::move(p));
  }
  for (const olx::FileChange& c : edit.changes) r.files.push_back((c.remove ? "-" : "") + c.path);
  out.changes = std::move(edit.changes);
  return out;
}

}  // namespace

std::optional<int64_t> ParseLibraryVersion(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

Result<SyncReport> SyncLibraryContent(CourseAuthoring& authoring, const LibrarySource& libraries,
                                      const keys::KeyView& lcb, const SyncOptions& options) {
  std::optional<SyncReport> report;
  // A dry run takes the same path and writes no change.
  BLOCKRT_RETURN_IF_ERROR(authoring.ApplyDraftEdit(
      lcb, options.dry_run ? "plan a library sync of" : "sync library content of",
      [&](const CourseView& view, const olx::FileSource& files,
          uint32_t index) -> Result<std::vector<olx::FileChange>> {
        BLOCKRT_ASSIGN_OR_RETURN(
            Planned planned, Plan(view, files, index, lcb, libraries, authoring.actor(), options));
        report = std::move(planned.report);
        if (options.dry_run) return std::vector<olx::FileChange>{};
        return std::move(planned.changes);
      }));
  return std::move(*report);
}

}  // namespace blockrt::contexts::library_content
