// Escaping for text and attribute values placed into rendered HTML.
#ifndef BLOCKRT_RUNTIME_INTERNAL_HTML_ESCAPE_H_
#define BLOCKRT_RUNTIME_INTERNAL_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace blockrt::runtime::internal {

// 1 for the bytes AppendEscaped() replaces.
inline constexpr struct EscapeTable {
  bool needs[256] = {};
  constexpr EscapeTable() : needs() {
    needs[static_cast<unsigned char>('&')] = true;
    needs[static_cast<unsigned char>('<')] = true;
    needs[static_cast<unsigned char>('>')] = true;
    needs[static_cast<unsigned char>('"')] = true;
    needs[static_cast<unsigned char>('\'')] = true;
  }
} kEscapeTable;

inline void AppendEscaped(std::string_view in, std::string* out) {
  // Copy runs of safe bytes at once; most text has nothing to escape.
  size_t run = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    if (!kEscapeTable.needs[static_cast<unsigned char>(in[i])]) continue;
    const char* rep = "&#39;";
    switch (in[i]) {
      case '&':
        rep = "&amp;";
        break;
      case '<':
        rep = "&lt;";
        break;
      case '>':
        rep = "&gt;";
        break;
      case '"':
        rep = "&quot;";
        break;
      default:
        break;
    }
    out->append(in.data() + run, i - run);
    out->append(rep);
    run = i + 1;
  }
  out->append(in.data() + run, in.size() - run);
}

inline std::string Escaped(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  AppendEscaped(in, &out);
  return out;
}

}  // namespace blockrt::runtime::internal

#endif  // BLOCKRT_RUNTIME_INTERNAL_HTML_ESCAPE_H_
