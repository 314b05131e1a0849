// Byte-level checks run before pugixml sees a buffer, and the location and
// message formatting shared by every OLX error. pugixml alone would accept
// DOCTYPEs, leave unknown entities unexpanded and keep duplicate attributes;
// the reference (lxml) rejects all of these.
#ifndef BLOCKRT_OLX_INTERNAL_XML_SCAN_H_
#define BLOCKRT_OLX_INTERNAL_XML_SCAN_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace blockrt::olx::internal {

struct TextPosition {
  uint32_t line = 1;
  uint32_t column = 1;  // 1-based, in bytes
};

// The line/column of byte `offset` in `text` (offset may equal text.size()).
TextPosition PositionOf(std::string_view text, size_t offset);

// "path:line:col: error: message\n<source line>\n<spaces>^ near here".
std::string FormatLocated(std::string_view path, std::string_view text, size_t offset,
                          std::string_view message);

// ParseError carrying FormatLocated(...).
Status LocatedError(std::string_view path, std::string_view text, size_t offset,
                    std::string_view message);

struct ScanLimits {
  size_t max_bytes;
  uint32_t max_depth;
};

// Validates UTF-8 and XML characters, rejects <!DOCTYPE>/<!ENTITY> and any other
// markup declaration, undefined or malformed entity references, duplicate
// attributes, and nesting deeper than max_depth. Leaves well-formedness to pugixml.
Status ScanXml(std::string_view path, std::string_view text, const ScanLimits& limits);

// Where the root element's inner content lies: [*begin, *end). Both equal the
// end of the start tag for a self-closing root. `root_offset` is the offset of
// the root's '<'. Returns false if the text does not have that shape.
bool FindRootInner(std::string_view text, size_t root_offset, size_t* begin, size_t* end);

// Offset of the first byte after an element's start tag that starts at `lt`
// (the '<'), honoring quoted attribute values; npos when unterminated. Sets
// *self_closing when the tag ends with "/>".
size_t EndOfStartTag(std::string_view text, size_t lt, bool* self_closing);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_INTERNAL_XML_SCAN_H_
