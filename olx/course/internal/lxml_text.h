// The bytes edx-platform hashes for a generated url_name: lxml's
// etree.tostring(child) of an element parsed with remove_blank_text=True
// (course-olx-format.md §4.1, xml.py make_name_unique). Works on the original
// file text (already checked by ScanXml), not on a DOM, because pugixml drops
// whitespace that libxml2 keeps.
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_LXML_TEXT_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_LXML_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace blockrt::olx::internal {

// Where an element's serialization comes from. `parent` is the '<' of its
// parent element, or npos for a file's root (which then has no tail).
struct ElementSource {
  std::string_view text;
  size_t parent = std::string_view::npos;
  size_t offset = 0;  // the element's '<'
  // etree.tostring(child) (bytes: non-ASCII as character references) rather
  // than tostring(child, encoding='unicode') (UTF-8 as is).
  bool ascii = true;
};

// Where the last walk over a parent's children reached its target, so naming
// many siblings of one parent walks that parent's content once (each walk
// otherwise starts at the parent's '<': quadratic in the sibling count).
// Valid for one text; reset it when the text changes.
struct LxmlCursor {
  const char* text = nullptr;
  size_t size = 0;
  size_t parent = std::string_view::npos;
  size_t at = 0;  // the last target's '<'
  // The parent's state just before that target (libxml2's blank heuristics).
  bool any = false, first_text = false, last_text = false, mixed = false;
};

// The element and its tail (text up to the next sibling node), as lxml prints
// them: blank text removed by libxml2's keepBlanks=0 heuristic, entities and
// CDATA decoded and re-escaped, attributes normalized, empty elements as <a/>.
// With a cursor, resumes from it when it is for the same text and parent and
// not past the element, and leaves it at the element.
std::string LxmlToString(const ElementSource& source, LxmlCursor* cursor = nullptr);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_LXML_TEXT_H_
