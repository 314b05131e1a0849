#include "runtime/internal/static_urls.h"

namespace blockrt::runtime::internal {
namespace {

constexpr std::string_view kStatic = "/static/";

bool EndsName(char c) {
  return c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' ||
         c == '>' || c == ')' || c == '?' || c == '#' || c == '\\';
}

}  // namespace

void AppendRewrittenStaticUrls(std::string_view html, const AssetLookup& lookup, std::string* out) {
  size_t pos = 0;
  while (true) {
    size_t at = html.find(kStatic, pos);
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
