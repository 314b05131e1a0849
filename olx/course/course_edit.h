// Edits of a loaded course as the smallest set of export file changes: the
// changed files only, every other byte of a changed file kept, so storing an
// edit costs O(changed files). Each call returns the changes that make
// LoadCourse(files + changes) show the edit; `course` must be
// LoadCourse(files). Block indices are into course.blocks.
#ifndef BLOCKRT_OLX_COURSE_COURSE_EDIT_H_
#define BLOCKRT_OLX_COURSE_COURSE_EDIT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "olx/course/course.h"
#include "olx/file_source.h"

namespace blockrt::olx {

struct FileChange {
  std::string path;     // relative to the export root
  bool remove = false;  // delete the file (bytes unused)
  std::string bytes;    // the file's new content
};

// Errors: InvalidArgument (bad field name, value, type or id; field not
// settable), NotFound (no such block; field not set), AlreadyExists (id
// taken), FailedPrecondition (e.g. deleting the course root); messages name
// the block's usage key.
//
// Sets a settings attribute (values are strings as OLX attributes hold them)
// where the loader reads it: policy.json when the policy sets it for the
// block, else the element that defines the block (its own file, or inline in
// its parent's file). `data` of a problem or html block replaces its markup:
// a problem's `value` is its <problem> element as `data` holds it (body and
// non-settings attributes written; settings attributes, if any, must be the
// current ones); html's is the .html file, else the inline markup.
// `default-NAME` (a library default) is settable.
Result<std::vector<FileChange>> SetCourseField(const Course& course, const FileSource& files,
                                               uint32_t block, std::string_view field,
                                               std::string_view value);
// Removes the field from every place that sets it (XML attribute and policy
// entry), so it falls back (inherited, library default, class default);
// `data` becomes empty markup.
Result<std::vector<FileChange>> UnsetCourseField(const Course& course, const FileSource& files,
                                                 uint32_t block, std::string_view field);
// A new child TYPE/ID of `parent` (appended, or right after child `after`),
// written as its own pointer file TYPE/ID.xml (html: html/ID.xml + ID.html)
// from `olx` (the element's XML, root tag TYPE) or an empty <TYPE/>; the
// parent's file gains the pointer <TYPE url_name="ID"/>.
Result<std::vector<FileChange>> AddCourseBlock(const Course& course, const FileSource& files,
                                               uint32_t parent, std::string_view type,
                                               std::string_view id,
                                               std::optional<std::string_view> olx,
                                               std::optional<uint32_t> after);
// Removes the block and its subtree: the pointer/element from the parent's
// file, own files of the subtree that no remaining block uses, their
// policy.json entries. Not the root.
Result<std::vector<FileChange>> DeleteCourseBlock(const Course& course, const FileSource& files,
                                                  uint32_t block);

// Applies changes to a MemoryFileSource (tests, dry runs): all or none.
Status ApplyFileChanges(const std::vector<FileChange>& changes, MemoryFileSource* files);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_COURSE_COURSE_EDIT_H_
