// What Studio says about a library_content block (the reference's
// validate(): library-content-semantics.md §2, first summary wins), plus
// ours: children that hold no library defaults (an export from before they
// were kept), and children no block of the library derives to (not linked:
// an upgrade would remove them).
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTENT_STATUS_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTENT_STATUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "contexts/course_authoring.h"
#include "contexts/library_source.h"
#include "keys/key.h"

namespace blockrt::contexts::library_content {

struct StatusMessage {
  std::string level;  // "not_configured", "error", "warning"
  std::string id;     // "no_library", "library_missing", "out_of_date", "no_matching",
                      // "fewer_matching", "unknown_version", "defaults_missing", "not_linked"
  std::string text;
};

struct LcbStatus {
  std::string usage_key, library_id;
  std::string version;          // source_library_version as written
  int64_t latest_version = 0;   // 0: no readable library
  int64_t checked_version = 0;  // the version links were checked against (pinned, else latest)
  int64_t max_count = 1;
  std::string capa_type;
  size_t children = 0;
  // Child keys holding no default-FIELD though their library block has
  // settings (every child lacking them when the library cannot be read).
  std::vector<std::string> defaults_missing;
  std::vector<std::string> not_linked;  // child keys no library block derives to
  std::vector<StatusMessage> messages;  // in the reference's order; [0] is the summary
  bool valid() const { return messages.empty(); }
};

// The draft's view of `lcb` (course staff; the library read as the actor).
Result<LcbStatus> LibraryContentStatus(const CourseAuthoring& authoring,
                                       const LibrarySource& libraries, const keys::KeyView& lcb);

}  // namespace blockrt::contexts::library_content

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTENT_STATUS_H_
