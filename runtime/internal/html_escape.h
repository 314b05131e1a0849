// Escaping for text and attribute values placed into rendered HTML.
#ifndef BLOCKRT_RUNTIME_INTERNAL_HTML_ESCAPE_H_
#define BLOCKRT_RUNTIME_INTERNAL_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace blockrt::runtime::internal {

inline void AppendEscaped(std::string_view in, std::string* out) {
  // Copy runs of safe bytes at once; most text has nothing to escape.
  size_t run = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const char* rep = nullptr;
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
      case '\'':
        rep = "&#39;";
        break;
      default:
        continue;
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
