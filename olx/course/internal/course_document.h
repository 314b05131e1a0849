// The editable course document behind course_edit.h: a loaded Course, the
// files it was loaded from, and the edits made so far, held as byte-range
// replacements of the original files. It finds where the loader read each
// block (its element, the pointer to it, its policy entry), keeps the usage
// ids the loader derives from the XML, and yields only the files that change.
// Internal: exposes pugixml types.
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_COURSE_DOCUMENT_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_COURSE_DOCUMENT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "olx/course/course.h"
#include "olx/course/course_edit.h"
#include "olx/course/internal/policy_edit.h"
#include "olx/course/internal/xml_edit.h"
#include "olx/file_source.h"

namespace blockrt::olx::internal {

// An XML file of the export: its original bytes, its DOM (for structure and
// offsets) and the edits made to the bytes.
struct EditedXml {
  std::string rel;
  std::string text;
  pugi::xml_document doc;
  std::vector<size_t> line_starts;  // offset of each line's first byte
  TextEdits edits;

  uint32_t LineOf(size_t offset) const;
};

// An element of an EditedXml.
struct XmlElement {
  EditedXml* file = nullptr;
  pugi::xml_node node;
  ElementSpan span;
};

struct EditedPolicy {
  std::string rel, text;
  std::vector<PolicyEntry> entries;
  TextEdits edits;
};

class CourseDocument {
 public:
  CourseDocument(const Course& course, const FileSource& files);

  const Course& course() const { return course_; }
  const CourseBlock& block(uint32_t index) const { return course_.blocks[index]; }
  // NotFound when `index` is not a block of the course.
  Status CheckIndex(uint32_t index) const;
  // The usage key, or TYPE/URL_NAME when the block has none.
  std::string NameOf(uint32_t index) const;
  // "TYPE/URL_NAME", the block's key in policy.json.
  std::string PolicyKey(uint32_t index) const;
  // The block whose definition and children the loader kept for this
  // block's usage: the last one loaded with the same id (itself, mostly).
  uint32_t Winner(uint32_t index) const;
  bool IsExtra(uint32_t index) const;  // about/, info/, tabs/, custom_tags/
  // Loaded through a legacy filename= reference: its element is the root of
  // its file, with the referring element's attributes merged over it.
  bool IsLegacy(uint32_t index) const;
  // The loader derives the block's url_name from its own element (inline
  // elements), not from a pointer or a file name.
  bool NamedByElement(uint32_t index) const;

  bool IsFile(std::string_view rel) const { return files_.IsFile(rel); }
  Result<EditedXml*> Xml(std::string_view rel);

  // The element that defines the block (own file root, inline element).
  Result<XmlElement> ElementOf(uint32_t index);
  // The element in its parent's element that brings the block in: its
  // pointer, its inline element or its filename= reference.
  Result<XmlElement> ReferenceOf(uint32_t index);

  // The block's url_name, and those of its ancestors inline in the same
  // file, written as url_name where the edit would change the name the
  // loader derives (from display_name, or a hash of the element). `element`
  // is ElementOf(index); `field` / `value` the attribute being set (value
  // nullptr: removed), or field "" when only its content changed.
  Status PinNames(uint32_t index, const XmlElement& element, std::string_view field,
                  const std::string* value);
  // Call after every other edit of the element's file: when the edited
  // element would now read as a pointer tag (only url_name, no content) it
  // gets xblock-family, an attribute the loader strips, so it stays inline.
  Status KeepInline(const XmlElement& element);

  // policy.json as the loader read it; nullptr when there is none or the
  // loader ignored it (invalid JSON).
  EditedPolicy* Policy();
  // The entries of policy.json for the block (the last one is read).
  std::vector<const PolicyEntry*> PolicyEntries(uint32_t index);

  // A new (or rewritten) file, and a removed one.
  void Write(std::string rel, std::string bytes) { raw_[std::move(rel)] = std::move(bytes); }
  void Remove(std::string rel) { raw_[std::move(rel)] = std::nullopt; }

  // Every change made, by path, leaving out files that end as they were.
  // Changed XML and JSON must parse again (else InvalidArgument naming `who`).
  Result<std::vector<FileChange>> Finish(std::string_view who);

 private:
  bool IsCheckedForPointer(const XmlElement& element) const;
  Status Pin(const XmlElement& element, std::string_view url_name);

  const Course& course_;
  const FileSource& files_;
  std::map<std::string, std::unique_ptr<EditedXml>, std::less<>> xml_;
  std::map<std::string, std::optional<std::string>, std::less<>> raw_;
  std::optional<EditedPolicy> policy_;
  bool policy_read_ = false;
};

// The element whose '<' is at `node`'s offset, scanned.
Result<XmlElement> ScanNode(EditedXml* file, const pugi::xml_node& node);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_COURSE_DOCUMENT_H_
