#include "runtime/internal/static_urls.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace blockrt::runtime::internal {
namespace {

constexpr std::string_view kStatic = "/static/";

bool EndsName(char c) {
  return c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' ||
         c == '>' || c == ')' || c == '?' || c == '#' || c == '\\';
}

}  // namespace

size_t FindStaticRef(std::string_view html, size_t pos) {
  static_assert(kStatic.size() == 8, "compared as one 8-byte word");
  uint64_t want;
  std::memcpy(&want, kStatic.data(), 8);
  const char* const end = html.data() + html.size();
  const char* p = html.data() + std::min(pos, html.size());
  while (end - p >= 8) {
    p = static_cast<const char*>(std::memchr(p, '/', static_cast<size_t>(end - p) - 7));
    if (p == nullptr) break;
    uint64_t word;
    std::memcpy(&word, p, 8);
    if (word == want) return static_cast<size_t>(p - html.data());
    ++p;
  }
  return std::string_view::npos;
}

void AppendRewrittenStaticUrls(std::string_view html, const AssetLookup& lookup, std::string* out) {
  size_t pos = 0;
  while (true) {
    size_t at = FindStaticRef(html, pos);
    if (at == std::string_view::npos) break;
    size_t end = at + kStatic.size();
    while (end < html.size() && !EndsName(html[end])) ++end;
    std::string_view name = html.substr(at + kStatic.size(), end - at - kStatic.size());
    std::optional<std::string> url;
    if (!name.empty() && name.find("..") == std::string_view::npos) url = lookup(name);
    out->append(html.substr(pos, at - pos));
    if (url) {
      out->append(*url);
    } else {
      out->append(html.substr(at, end - at));
    }
    pos = end;
  }
  out->append(html.substr(pos));
}

std::string RewriteStaticUrls(std::string_view html, const AssetLookup& lookup) {
  std::string out;
  out.reserve(html.size());
  AppendRewrittenStaticUrls(html, lookup, &out);
  return out;
}

}  // namespace blockrt::runtime::internal
