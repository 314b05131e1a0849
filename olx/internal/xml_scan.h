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

// Where the root element lies, as the scan found it.
struct RootExtent {
  size_t start = 0;          // the root's '<'
  size_t content_begin = 0;  // just past its start tag
  size_t content_end = 0;    // its end tag's "</" (== content_begin when self-closing)
  bool complete = false;     // a root was seen and closed
};

// Validates UTF-8 and XML characters, rejects <!DOCTYPE>/<!ENTITY> and any other
// markup declaration, undefined or malformed entity references, malformed or
// duplicate attributes, text or elements outside the single root, and nesting
// deeper than max_depth. Leaves the rest of well-formedness to pugixml.
Status ScanXml(std::string_view path, std::string_view text, const ScanLimits& limits,
               RootExtent* root = nullptr);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_INTERNAL_XML_SCAN_H_
