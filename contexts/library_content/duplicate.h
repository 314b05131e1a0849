// Duplicating a library_content block (seed 003, Curveball 2): the copy goes
// right after the source in its parent with the source's settings, and every
// child is copied with its content, overrides and defaults (edits remain) at
// the id the seed's compute_library_content_children_mapping gives it: a
// child whose library block is in the library's latest version gets
// DERIVE_ID(dupe, library block), so a later upgrade of the copy keeps its
// overrides and learner state; any other gets ORIGINAL_ID_unlinked_copy
// (with "_PARENT_COPY_ID" added when an earlier copy took that id), and an
// upgrade removes it. Descendants follow the same rule under their mapped
// parent. Learner state is not copied.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTENT_DUPLICATE_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTENT_DUPLICATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "contexts/course_authoring.h"
#include "contexts/library_source.h"
#include "keys/key.h"

namespace blockrt::contexts::library_content {

struct ChildMapping {
  std::string from, to;     // usage keys: the source's child, the copy's
  std::string library_key;  // the library block (latest version) it is linked to; "" unlinked
  uint32_t depth = 0;       // 0: a child of the block
};

struct DuplicateReport {
  std::string source, copy;     // usage keys of the two library_content blocks
  int64_t library_version = 0;  // the latest version the mapping read (0: library unreadable)
  std::vector<ChildMapping> children;  // depth-first, in the source's order
  std::vector<std::string> files;      // paths written
};

// The mapping of `lcb`'s children (and descendants) to a copy named
// `dest_id` in the same course, from the draft; writes nothing. A library
// that is gone (or never published) links nothing: every id is unlinked.
// Errors: NotFound / InvalidArgument for the block as in sync;
// PermissionDenied (course staff and library learner needed).
Result<DuplicateReport> MapLibraryContentChildren(CourseAuthoring& authoring,
                                                  const LibrarySource& libraries,
                                                  const keys::KeyView& lcb,
                                                  std::string_view dest_id);

// Writes the copy (random 32-hex id unless `as_id`) in one transaction.
// AlreadyExists when `as_id` (or a mapped child id) is taken.
Result<DuplicateReport> DuplicateLibraryContent(CourseAuthoring& authoring,
                                                const LibrarySource& libraries,
                                                const keys::KeyView& lcb,
                                                std::optional<std::string> as_id = std::nullopt);

// 32 lowercase hex digits from the system's random device (uuid4().hex's shape).
std::string RandomBlockId();

}  // namespace blockrt::contexts::library_content

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTENT_DUPLICATE_H_
