#include "keys/internal/py_repr.h"

namespace blockrt::keys::internal {

bool IsPlainBytesRepr(std::string_view bytes) {
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7f || c == '\'' || c == '"' || c == '\\') return false;
  }
  return true;
}

// Objects/bytesobject.c PyBytes_Repr(obj, smartquotes=1).
void AppendPythonBytesRepr(std::string* out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Key text is printable ASCII without quotes or backslashes: written as is.
  if (IsPlainBytesRepr(bytes)) {
    out->append("b'");
    out->append(bytes);
    out->push_back('\'');
    return;
  }
  const bool single = bytes.find('\'') != std::string_view::npos;
  const bool dbl = bytes.find('"') != std::string_view::npos;
  const char quote = single && !dbl ? '"' : '\'';
  out->push_back('b');
  out->push_back(quote);
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (ch == quote || ch == '\\') {
      out->push_back('\\');
      out->push_back(ch);
    } else if (ch == '\t') {
      out->append("\\t");
    } else if (ch == '\n') {
      out->append("\\n");
    } else if (ch == '\r') {
      out->append("\\r");
    } else if (c < 0x20 || c >= 0x7f) {
      const char esc[4] = {'\\', 'x', kHex[c >> 4], kHex[c & 15]};
      out->append(esc, 4);
    } else {
      out->push_back(ch);
    }
  }
  out->push_back(quote);
}

}  // namespace blockrt::keys::internal
