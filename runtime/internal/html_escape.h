// Escaping for text and attribute values placed into rendered HTML.
#ifndef BLOCKRT_RUNTIME_INTERNAL_HTML_ESCAPE_H_
#define BLOCKRT_RUNTIME_INTERNAL_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace blockrt::runtime::internal {

inline void AppendEscaped(std::string_view in, std::string* out) {
  for (char c : in) {
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      case '\'':
        out->append("&#39;");
        break;
      default:
        out->push_back(c);
    }
  }
}

inline std::string Escaped(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  AppendEscaped(in, &out);
  return out;
}

}  // namespace blockrt::runtime::internal

#endif  // BLOCKRT_RUNTIME_INTERNAL_HTML_ESCAPE_H_
