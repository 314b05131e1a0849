// Loading a checked buffer into pugixml, with pugixml's failures turned into
// located ParseErrors. Internal: exposes pugixml types.
#ifndef BLOCKRT_OLX_INTERNAL_XML_DOCUMENT_H_
#define BLOCKRT_OLX_INTERNAL_XML_DOCUMENT_H_

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "base/status.h"
#include "olx/internal/xml_scan.h"

namespace blockrt::olx::internal {

// Comments and PIs are kept so containers can skip them like the reference.
constexpr unsigned kPugiFlags = pugi::parse_default | pugi::parse_comments | pugi::parse_pi;

// ScanXml + pugixml load_buffer (UTF-8). `text` must outlive nothing: pugixml
// copies it, into *parse_buffer when given (which must then outlive `doc`
// and be left alone while it lives). On success doc has a document element.
Status LoadXml(std::string_view path, std::string_view text, const ScanLimits& limits,
               pugi::xml_document* doc, RootExtent* root = nullptr,
               std::string* parse_buffer = nullptr);

// Offset of an element's '<' in the text it was loaded from.
inline size_t ElementOffset(const pugi::xml_node& node) {
  ptrdiff_t off = node.offset_debug();
  return off > 0 ? static_cast<size_t>(off - 1) : 0;
}

// The node printed back without indentation (pugixml format_raw).
std::string PrintRaw(const pugi::xml_node& node);

// Attribute-value escaping that survives XML attribute normalization.
void AppendEscapedAttribute(std::string* out, std::string_view value);
// The number of bytes AppendEscapedAttribute appends for `value`.
size_t EscapedAttributeSize(std::string_view value);
// Text escaping for element content.
void AppendEscapedText(std::string* out, std::string_view value);

bool IsBlank(std::string_view text);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_INTERNAL_XML_DOCUMENT_H_
