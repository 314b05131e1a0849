#include "olx/internal/xml_document.h"

#include <cstdint>
#include <cstring>

namespace blockrt::olx::internal {
namespace {

const char* Describe(pugi::xml_parse_status status) {
  switch (status) {
    case pugi::status_unrecognized_tag:
      return "malformed markup after '<' (expected an element name, '/', '!' or '?')";
    case pugi::status_bad_pi:
      return "malformed processing instruction or XML declaration";
    case pugi::status_bad_comment:
      return "malformed comment";
    case pugi::status_bad_cdata:
      return "malformed CDATA section";
    case pugi::status_bad_doctype:
      return "malformed document type declaration";
    case pugi::status_bad_pcdata:
      return "malformed text content";
    case pugi::status_bad_start_element:
      return "malformed start tag (expected a name, attributes, '>' or '/>')";
    case pugi::status_bad_attribute:
      return "malformed attribute (expected name=\"value\")";
    case pugi::status_bad_end_element:
      return "malformed end tag";
    case pugi::status_end_element_mismatch:
      return "end tag does not match the open element (or the element is never closed)";
    case pugi::status_append_invalid_root:
      return "invalid document root";
    case pugi::status_no_document_element:
      return "no root element";
    default:
      return "XML parse error";
  }
}

struct StringWriter : pugi::xml_writer {
  std::string* out;
  void write(const void* data, size_t size) override {
    out->append(static_cast<const char*>(data), size);
  }
};

}  // namespace

Status LoadXml(std::string_view path, std::string_view text, const ScanLimits& limits,
               pugi::xml_document* doc, RootExtent* root, std::string* parse_buffer) {
  BLOCKRT_RETURN_IF_ERROR(ScanXml(path, text, limits, root));
  pugi::xml_parse_result r;
  if (parse_buffer != nullptr) {
    // The caller's reused buffer instead of a fresh copy per document.
    parse_buffer->assign(text.data(), text.size());
    r = doc->load_buffer_inplace(parse_buffer->data(), parse_buffer->size(), kPugiFlags,
                                 pugi::encoding_utf8);
  } else {
    r = doc->load_buffer(text.data(), text.size(), kPugiFlags, pugi::encoding_utf8);
  }
  if (!r) {
    size_t off = r.offset > 0 ? static_cast<size_t>(r.offset) : 0;
    if (r.status == pugi::status_no_document_element) off = text.size();
    return LocatedError(path, text, off, Describe(r.status));
  }
  if (!doc->document_element()) {
    return LocatedError(path, text, text.size(), "no root element");
  }
  if (root != nullptr && !root->complete) {
    return LocatedError(path, text, ElementOffset(doc->document_element()),
                        "the root element is never closed");
  }
  // pugixml accepts fragments; XML (and lxml) allow exactly one root element.
  bool seen_root = false;
  for (pugi::xml_node n = doc->first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element) {
      if (seen_root) {
        return LocatedError(path, text, ElementOffset(n),
                            "extra content after the root element (only one root is allowed)");
      }
      seen_root = true;
    } else if ((n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) &&
               !IsBlank(n.value())) {
      ptrdiff_t off = n.offset_debug();
      return LocatedError(path, text, off > 0 ? static_cast<size_t>(off) : 0,
                          "text outside the root element");
    }
  }
  return Status::OK();
}

std::string PrintRaw(const pugi::xml_node& node) {
  std::string out;
  StringWriter w;
  w.out = &out;
  node.print(w, "", pugi::format_raw, pugi::encoding_utf8);
  return out;
}

namespace {

// Text escapes & < > and \r (which a parser would fold into \n); attribute
// values also escape '"' and the whitespace that attribute normalization
// would otherwise turn into spaces. Bit 1: escaped in text; bit 2: in values.
struct EscapeTable {
  uint8_t of[256] = {};
  constexpr EscapeTable() {
    for (char c : {'&', '<', '>', '\r'}) of[static_cast<uint8_t>(c)] = 3;
    for (char c : {'"', '\n', '\t'}) of[static_cast<uint8_t>(c)] = 2;
  }
};
constexpr EscapeTable kEscapes;

const char* Replacement(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '\r':
      return "&#13;";
    case '"':
      return "&quot;";
    case '\n':
      return "&#10;";
    default:
      return "&#9;";
  }
}

// Appends runs between escaped bytes in one call each: values are mostly
// plain, and a per-byte append checked capacity every time.
void AppendEscaped(std::string* out, std::string_view value, uint8_t mode) {
  size_t run = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    if ((kEscapes.of[static_cast<uint8_t>(value[i])] & mode) == 0) continue;
    out->append(value.data() + run, i - run);
    *out += Replacement(value[i]);
    run = i + 1;
  }
  out->append(value.data() + run, value.size() - run);
}

}  // namespace

void AppendEscapedAttribute(std::string* out, std::string_view value) {
  AppendEscaped(out, value, 2);
}

size_t EscapedAttributeSize(std::string_view value) {
  size_t size = value.size();
  for (char c : value) {
    if ((kEscapes.of[static_cast<uint8_t>(c)] & 2) != 0) size += std::strlen(Replacement(c)) - 1;
  }
  return size;
}

void AppendEscapedText(std::string* out, std::string_view value) { AppendEscaped(out, value, 1); }

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

}  // namespace blockrt::olx::internal
