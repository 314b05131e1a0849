// library_content children as course files: each child is a copy of a
// library block holding the library's settings as library defaults
// (default-NAME attributes, olx/schema.h LibraryDefaultField), the course's
// own settings (plain attributes and policy.json entries: its overrides) and
// the library's content (its other attributes and its markup). Pure, like
// course_edit.h: the calls return the file changes and what happened to each
// block, and write nothing; `course` must be LoadCourse(files).
#ifndef BLOCKRT_OLX_COURSE_LIBRARY_COPY_EDIT_H_
#define BLOCKRT_OLX_COURSE_LIBRARY_COPY_EDIT_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "olx/course/course.h"
#include "olx/course/course_edit.h"
#include "olx/file_source.h"

namespace blockrt::olx {

using AttributePairs = std::vector<std::pair<std::string, std::string>>;

// One block as the course should hold it.
struct LibraryCopy {
  std::string type, id;  // id: the copy's url_name (DERIVE_ID of the library block)
  // The library block's root attributes: its settings become default-NAME
  // attributes, its other attributes are content (ClassifyLibraryAttribute).
  AttributePairs library_attributes;
  std::string body;  // the library element's inner markup; ignored for containers
  // The course's own settings, written for a new block only (an existing
  // block keeps its own): a duplicate's copied overrides.
  AttributePairs own_settings;
  std::vector<LibraryCopy> children;
};

// The copy of a library block given as one element (root tag `type`, as
// library_source.h's LibraryBlock::olx): its root attributes and inner
// markup; the caller adds the children. InvalidArgument for markup that does
// not parse or another root tag.
Result<LibraryCopy> LibraryCopyFromOlx(std::string_view type, std::string_view id,
                                       std::string_view element);

// What a library block's attribute becomes in its copy: a library default
// (settings fields of the type's schema), content (any other attribute), or
// nothing (import machinery such as url_name; a problem's markdown, which
// the v1 sync drops from the defaults as well).
enum class LibraryAttributeKind : uint8_t { kSetting, kContent, kDropped };
LibraryAttributeKind ClassifyLibraryAttribute(std::string_view type, std::string_view name);

enum class CopyAction : uint8_t { kKept, kAdded, kRemoved };
std::string_view CopyActionName(CopyAction action);  // "kept", "added", "removed"

// One block of the result, depth-first in the new order; removed blocks
// (their subtrees not listed) after their kept and added siblings.
struct CopyOutcome {
  std::string type, id;
  uint32_t depth = 0;  // 0: a child of the edited parent
  CopyAction action = CopyAction::kAdded;
  // The course's own settings (attributes and policy.json entries), sorted:
  // kept by a kept block, copied by an added one, dropped with a removed one.
  std::vector<std::string> overrides;
  // Kept blocks: what differs from the copy and is replaced.
  bool defaults_changed = false, content_changed = false, children_changed = false;
  bool rewritten = false;  // its file(s) are written
};

struct CopyEdit {
  std::vector<FileChange> changes;
  std::vector<CopyOutcome> blocks;
};

// The children of `parent` become `copies`, in that order. An existing child
// of the same TYPE/ID is kept: it keeps its own settings and takes the
// copy's defaults, content and children (recursively); other children are
// removed with their subtrees (their files and policy.json entries, as
// DeleteCourseBlock); new copies are written as own files TYPE/ID.xml (html:
// with ID.html) behind pointers. A kept block whose definition matches its
// copy is not rewritten. `parent_settings` are set on `parent` as
// SetCourseField would. Errors: InvalidArgument for duplicate ids among
// siblings ("One or more library component IDs is a duplicate.") or a
// parent that has no children; AlreadyExists when a copy's TYPE/ID is a
// block elsewhere in the course (the reference's "Expected existing block
// K to be a child of P but instead it's a child of Q").
Result<CopyEdit> SyncLibraryCopies(const Course& course, const FileSource& files, uint32_t parent,
                                   const std::vector<LibraryCopy>& copies,
                                   const AttributePairs& parent_settings = {});

// `copy` and its subtree as new blocks under `parent`, right after its child
// `after` (or appended): the duplicate of a library_content block. Same
// errors; AlreadyExists when any of the new TYPE/IDs is taken.
Result<CopyEdit> AddLibraryCopy(const Course& course, const FileSource& files, uint32_t parent,
                                std::optional<uint32_t> after, const LibraryCopy& copy);

// The copy a loaded course block amounts to (duplication): its
// default-NAME attributes (as NAME) and content attributes as
// library_attributes, its markup as body, its own settings (policy.json
// merged) as own_settings, its children likewise. `id_of(index)` names each
// block's copy. `files` are the course's (deferred html bodies are read).
Result<LibraryCopy> CopyOfBlock(const Course& course, const FileSource& files, uint32_t index,
                                const std::function<std::string(uint32_t index)>& id_of);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_COURSE_LIBRARY_COPY_EDIT_H_
