// Byte-exact edits of XML text that already passed ScanXml: the spans of one
// element (its attributes, content and end) found by a scan of the text, and
// a set of non-overlapping replacements applied in one pass, so an edit
// leaves every other byte of the file as it was.
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_XML_EDIT_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_XML_EDIT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace blockrt::olx::internal {

struct AttributeSpan {
  std::string_view name;
  size_t begin = 0;        // the name's first byte
  size_t value_begin = 0;  // just past the opening quote
  size_t value_end = 0;    // the closing quote
};

struct ElementSpan {
  size_t begin = 0;  // its '<'
  std::string_view name;
  std::vector<AttributeSpan> attributes;
  size_t attributes_end = 0;  // just past the last attribute (or the name)
  size_t start_tag_end = 0;   // just past the start tag's '>'
  bool self_closing = false;
  size_t content_end = 0;  // the end tag's '<' (start_tag_end when self-closing)
  size_t end = 0;          // just past the element

  const AttributeSpan* attribute(std::string_view name) const;
};

// The element whose '<' is at text[begin]; false when the text there is not
// a well-formed element.
bool ScanElement(std::string_view text, size_t begin, ElementSpan* out);

// What an element's content holds, as the pointer rule sees it: child
// elements, and text or CDATA that is not blank (comments and PIs are neither).
struct ContentShape {
  bool elements = false;
  bool text = false;
};
ContentShape ShapeOf(std::string_view text, const ElementSpan& element);

// True when only spaces and tabs precede `offset` on its line; *indent is
// then those spaces and tabs.
bool StartsLine(std::string_view text, size_t offset, std::string_view* indent);

// [begin, end) widened to its whole line(s), the newline included, when only
// spaces and tabs surround it there; [begin, end) otherwise.
std::pair<size_t, size_t> WholeLines(std::string_view text, size_t begin, size_t end);

// ` name="escaped value"`, as written into a start tag.
std::string AttributeText(std::string_view name, std::string_view value);

// Replacements of ranges of one original text. Ranges may not overlap;
// insertions at one offset keep the order they were added in and come
// before a replacement starting there.
class TextEdits {
 public:
  void Replace(size_t begin, size_t end, std::string text);
  void Insert(size_t at, std::string text) { Replace(at, at, std::move(text)); }
  bool empty() const { return edits_.empty(); }
  // False when two edits overlap.
  bool Apply(std::string_view text, std::string* out) const;
  // Where byte `offset` of the original (outside every replaced range) is in
  // the edited text; insertions at `offset` come before it.
  size_t Map(size_t offset) const;

 private:
  struct Edit {
    size_t begin, end, seq;
    std::string text;
  };
  std::vector<Edit> edits_;
};

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_XML_EDIT_H_
