// The course loader's state: the XML modulestore's import walk
// (course-olx-format.md §1-5) split over course_loader.cc (the element walk)
// and course_loader_extras.cc (identity, policies, drafts/, extra content).
// Internal: exposes pugixml types.
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_COURSE_LOADER_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_COURSE_LOADER_H_

#include <deque>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "keys/key.h"
#include "olx/course/course.h"
#include "olx/course/internal/block_id_set.h"
#include "olx/course/internal/lxml_text.h"
#include "olx/course/internal/policy.h"
#include "olx/file_source.h"
#include "olx/internal/xml_scan.h"

namespace blockrt::olx::internal {

// An open XML file: its relative path, bytes and DOM. Files are recycled
// through the loader's pool, so their buffers' capacity is reused.
struct OpenFile {
  std::string rel;
  std::string text;
  std::string parse_buffer;  // pugixml parses a copy in place here
  pugi::xml_document doc;
  RootExtent extent;
  // Line numbers for blocks met in document order: the line at line_offset.
  // Mutable: positions are a cache of the (const) text.
  mutable size_t line_offset = 0;
  mutable size_t line_start = 0;  // offset of line `line`'s first byte
  mutable uint32_t line = 1;
  mutable LxmlCursor lxml_cursor;  // generated names of siblings (lxml_text.h)
  std::string_view saved_rel;      // rel in the course's arena, once a block needs it

  uint32_t LineOf(size_t offset) const;
  TextPosition PositionAt(size_t offset) const;
};

class CourseLoader {
 public:
  CourseLoader(const FileSource& files, const CourseLoadOptions& options, Course* course);
  Status Run();

 private:
  // A pooled OpenFile, handed back when it goes out of scope.
  class FileHandle {
   public:
    explicit FileHandle(CourseLoader* loader);
    ~FileHandle();
    FileHandle(const FileHandle&) = delete;
    FileHandle& operator=(const FileHandle&) = delete;
    OpenFile* operator->() const { return file_.get(); }
    OpenFile& operator*() const { return *file_; }

   private:
    CourseLoader* loader_;
    std::unique_ptr<OpenFile> file_;
  };

  void Report(Severity sev, const std::string& rel, std::string_view text, size_t offset,
              std::string message);
  // At `offset` of an open file, its position found incrementally (a report
  // per sibling must not rescan the file from its start).
  void Report(Severity sev, const OpenFile& file, size_t offset, std::string message);
  void ReportFile(Severity sev, const std::string& rel, std::string message);
  void ReportStatus(const std::string& rel, const Status& st);

  // Reads and parses file->rel (set by the caller).
  Status Open(OpenFile* file);
  Status ParseOpened(OpenFile* file);
  std::string FollowTextSymlink(const std::string& rel);

  // course_loader_extras.cc
  void SetIdentity(const pugi::xml_node& root, bool is_library, const OpenFile& file);
  void LoadPolicies();
  void LoadDrafts();
  void LoadExtras();
  void ShareLastDefinitions();

  int32_t ProcessElement(const pugi::xml_node& node, OpenFile& file, int32_t parent, uint32_t depth,
                         bool draft);
  bool RenamedPointer(const pugi::xml_node& node, OpenFile& file, int32_t parent,
                      std::string_view tag, std::string_view url_name, bool draft,
                      std::string* renamed);
  int32_t ProcessLegacyFilename(const pugi::xml_node& node, OpenFile& file, std::string_view tag,
                                const std::string& url_name, const std::string& filename,
                                int32_t parent, uint32_t depth, bool draft);
  bool SafePath(const std::string& rel, const OpenFile& file, const pugi::xml_node& node,
                std::string_view what);
  bool IsOnPath(const std::string& rel, const OpenFile& file, const pugi::xml_node& node);
  void LoadHtmlBody(const pugi::xml_node& node, const OpenFile& file, std::string_view type,
                    CourseBlock* block);
  ElementSource SourceOf(const pugi::xml_node& node, const OpenFile& file, int32_t parent) const;
  Status UsageKeyOf(std::string_view tag, std::string_view url_name, std::string_view* out);
  // A block type that outlives the load: the schema's own name, else a copy.
  std::string_view StableType(std::string_view tag, const BlockSchema* schema);
  int32_t BuildBlock(const pugi::xml_node& node, std::string_view tag, std::string_view url_name,
                     OpenFile& file, const pugi::xml_node& naming_node, const OpenFile& naming_file,
                     int32_t naming_parent, int32_t parent, uint32_t depth, bool own_file,
                     bool draft);

  const FileSource& files_;  // every read goes through it
  const CourseLoadOptions& options_;
  Course* course_;
  PolicyMap policy_;
  BlockIdSet seen_, seen_drafts_;
  std::vector<const std::string*> path_;  // files being loaded, outermost first
  std::string key_prefix_;                // "block-v1:ORG+COURSE+RUN+type@" when keys can be joined
  std::string scratch_;                   // policy keys and candidate paths, reused
  std::vector<std::unique_ptr<OpenFile>> spare_files_;
  std::vector<CourseAttribute> attr_views_;     // one block's attributes, reused
  std::vector<CourseAttribute> element_attrs_;  // a problem's, before the policy merge
  // Children per depth, reused; a deque, so deeper levels growing it never
  // move the lists of the levels above.
  std::deque<std::vector<uint32_t>> child_lists_;
  std::string element_;  // problem elements, reused
  // Draft files read while looking for units, by relative path, until a
  // pointer claims them (so each file is read once).
  std::unordered_map<std::string, std::string> draft_bytes_;
  keys::Key context_;
  bool context_ok_ = false;
  bool too_many_reported_ = false;
  bool duplicates_ = false;  // a usage id was seen twice (not renamed)
};

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_COURSE_LOADER_H_
