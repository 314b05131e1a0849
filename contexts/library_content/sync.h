// library_content sync and upgrade (seed 003): the block's children become
// copies of its library's top-level blocks at one version (library_copies.h),
// written through CourseAuthoring in one store transaction that touches only
// the files that change (olx/course/library_copy_edit.h). Kept children keep
// their overrides and learner state (same keys) and take the new defaults and
// content; gone ones are removed; new ones are added; source_library_version
// becomes the version synced.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SYNC_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SYNC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "contexts/course_authoring.h"
#include "contexts/library_source.h"
#include "keys/key.h"
#include "olx/course/library_copy_edit.h"

namespace blockrt::contexts::library_content {

struct SyncOptions {
  enum class Version { kPinned, kLatest, kExact };
  // kPinned: the block's source_library_version (the latest when it has none).
  Version version = Version::kPinned;
  int64_t exact = 0;  // kExact
  bool dry_run = false;
};

// One child (or descendant) of the plan.
struct ChildPlan {
  std::string usage_key;    // the copy's block-v1 key
  std::string library_key;  // the library block it copies; "" when none is known
  uint32_t depth = 0;       // 0: a child of the library_content block
  olx::CopyAction action = olx::CopyAction::kAdded;
  std::vector<std::string> overrides;  // the course's own settings (kept / dropped)
  bool defaults_changed = false, content_changed = false, children_changed = false;
  // Kept: the course had edited its content (it differs from the pinned
  // version's) and the sync replaces it.
  bool content_edits_discarded = false;
};

struct SyncReport {
  std::string lcb_key, library_key;
  std::string from_version;  // source_library_version as written ("" for none)
  int64_t to_version = 0;
  bool dry_run = false;
  std::vector<ChildPlan> children;
  std::vector<std::string> files;  // paths written, "-PATH" for removed ones
};

// Errors: InvalidArgument (not a library_content block key), NotFound (no
// such block in the draft; "Source content library does not exist: ID";
// "Version N of library KEY not found."), FailedPrecondition ("Source
// content library has not been specified."; a pinned version the store does
// not know, such as a v1 export's ObjectId, which is never guessed),
// PermissionDenied (course staff and library learner needed, as the
// authoring's actor), AlreadyExists / InvalidArgument from the copies
// (a derived key used elsewhere, duplicate ids in the library).
Result<SyncReport> SyncLibraryContent(CourseAuthoring& authoring, const LibrarySource& libraries,
                                      const keys::KeyView& lcb, const SyncOptions& options);

// source_library_version as a store version; nullopt when it is not a
// positive decimal number.
std::optional<int64_t> ParseLibraryVersion(std::string_view text);

}  // namespace blockrt::contexts::library_content

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SYNC_H_
