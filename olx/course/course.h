// Course and v1-library exports (course.xml / library.xml directories) loaded
// into a block tree the way edx-platform's XML modulestore reads them, and
// written back. Loading collects Diagnostics instead of failing: only an
// unusable root (no course.xml/library.xml, unreadable root) is an error.
#ifndef BLOCKRT_OLX_COURSE_COURSE_H_
#define BLOCKRT_OLX_COURSE_COURSE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/arena.h"
#include "base/result.h"
#include "olx/course/grading_policy.h"
#include "olx/definition.h"
#include "olx/diagnostic.h"
#include "olx/file_source.h"
#include "olx/schema.h"
#include "olx/view_list.h"

namespace blockrt::olx {

// A loaded block's definition. Every view points into the Course's arena
// (field names may point at the static schema): valid while the Course lives.
struct CourseAttribute {
  std::string_view name, value;
};
struct CourseField {
  std::string_view name, value;
  FieldScope scope = FieldScope::kSettings;
};
struct CourseDefinition {
  std::string_view block_type;
  bool known_type = false;  // FindBlockSchema(block_type) != nullptr
  // After the policy merge (url_name and import-only attributes removed), sorted.
  ViewList<CourseAttribute> attributes;
  // Attributes that are schema fields, plus `data` for problem/html; sorted.
  ViewList<CourseField> fields;
  // Non-block markup (containers), all content (pure XBlocks); empty when
  // the markup is in `data`.
  std::string_view body;

  const CourseField* field(std::string_view name) const;
  const std::string_view* attribute(std::string_view name) const;
  // problem: the element without its settings attributes (as the XML
  // modulestore strips them); html: its inner markup; nullptr otherwise.
  const std::string_view* data() const;
  // An owning copy, equal to what ParseDefinition builds from the same parts
  // except a problem's data (a bundle keeps every attribute in it).
  Definition ToDefinition() const;
};

struct CourseBlock {
  std::string_view url_name;
  std::string_view usage_key;  // canonical block-v1:/lib-block-v1: key ("" if the id is invalid)
  CourseDefinition definition;
  ViewList<uint32_t> children;  // indices into Course::blocks, in document order
  int32_t parent = -1;
  std::string_view file;          // file the definition came from, relative to the root dir
  uint32_t line = 0;              // line of the element in `file`
  bool own_file = false;          // true when loaded through a pointer (written as a pointer)
  bool draft = false;             // from drafts/
  std::string_view draft_parent;  // drafts: parent_url as written
  std::string_view draft_index;   // drafts: index_in_children_list as written
  std::string_view html_file;     // html: the .html body's path, when it had one
  // With CourseLoadOptions::defer_html_bodies: html_file was found but not
  // read; the block's `data` is empty until the caller reads html_file,
  // whose bytes are the data verbatim (ReadDeferredHtmlBody).
  bool body_deferred = false;
};

// Move-only: blocks view the arena, whose chunks move with it.
struct Course {
  enum class Kind : uint8_t { kCourse, kLibrary };
  Kind kind = Kind::kCourse;
  std::string root_dir;          // the source's Describe(""): "DIR/" for a directory
  std::string org, course, run;  // library: course = library id, run = ""
  std::string context_key;       // course-v1:ORG+COURSE+RUN or library-v1:ORG+LIB
  Arena arena;                   // every string and list the blocks view
  // blocks[0] is the root when non-empty. Chunked: growing never moves or
  // copies the blocks loaded so far.
  ChunkedList<CourseBlock> blocks;
  std::vector<uint32_t> draft_roots;  // top-level blocks loaded from drafts/
  // about/, info/, tabs/, custom_tags/ blocks (types about, course_info,
  // static_tab, custom_tag_template): in the course, but no block's children.
  std::vector<uint32_t> extra_roots;
  std::string policy_path;          // relative; "" when none
  std::string grading_policy_path;  // relative; "" when none
  GradingPolicy grading_policy;     // parsed from grading_policy_path
  std::vector<Diagnostic> diagnostics;

  size_t error_count() const;
  size_t warning_count() const;
  // Blocks per type: published tree, and drafts separately. Each usage id
  // counts once (`blocks` holds one entry per use; Open edX keeps one block).
  std::map<std::string, size_t> CountByType(bool drafts) const;
  uint32_t Depth() const;  // longest root-to-leaf path in blocks (root = 1)
};

struct CourseLoadOptions {
  size_t max_file_bytes = 16u << 20;  // per file; larger files are refused
  uint32_t max_depth = 128;           // tree nesting; deeper elements are errors
  size_t max_blocks = 500000;         // ~1.3 GB of tree; more is refused
  bool load_drafts = true;
  // html bodies in their own .html files are located, not read (a learner's
  // view of one block needs one body, not the course's hundreds of MB).
  // Messages about a body's bytes (unreadable, oversize) then come when it
  // is read.
  bool defer_html_bodies = false;
};

// Loads course.xml (or library.xml) and everything it reaches, reading only
// through `files`; Course::root_dir is files.Describe(""). NotFound when
// neither root file exists.
Result<Course> LoadCourse(const FileSource& files, const CourseLoadOptions& options = {});
// The same over the directory DIR on disk (OpenDirectorySource).
Result<Course> LoadCourse(std::string_view dir, const CourseLoadOptions& options = {});

// The data of a block whose body was deferred: html_file's bytes, read
// through `files` (the source the course was loaded from) under `options`'
// size limit.
Result<std::string> ReadDeferredHtmlBody(const FileSource& files, const CourseBlock& block,
                                         const CourseLoadOptions& options = {});

// Writes `course` as an export under `out_dir` (created; must not exist or be
// empty): course.xml or library.xml, one file per XModule-style block, html
// bodies split into .html files, pure XBlocks inline, policies copied.
// LoadCourse(out_dir) yields the same tree, except that blocks sharing a usage
// id share one file (the last one written wins, as in the reference).
Status ExportCourse(const Course& course, std::string_view out_dir);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_COURSE_COURSE_H_
