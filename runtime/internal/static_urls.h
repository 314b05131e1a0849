// Rewrites "/static/NAME" references in rendered HTML (the reference's
// ReplaceURLService): `lookup` maps NAME to a URL, or nullopt to leave the
// reference untouched (missing asset, or ".." in the name).
#ifndef BLOCKRT_RUNTIME_INTERNAL_STATIC_URLS_H_
#define BLOCKRT_RUNTIME_INTERNAL_STATIC_URLS_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace blockrt::runtime::internal {

using AssetLookup = std::function<std::optional<std::string>(std::string_view name)>;

// NAME runs to the first quote, whitespace, '<', '>', ')', '?' or '#'.
std::string RewriteStaticUrls(std::string_view html, const AssetLookup& lookup);
// The same, appended to `out` (no intermediate string).
void AppendRewrittenStaticUrls(std::string_view html, const AssetLookup& lookup, std::string* out);
// Where the first "/static/" at or after `pos` starts, or npos (scans 16
// bytes at a time for "/s": string_view::find calls memchr and memcmp for
// every '/', and a page has many).
size_t FindStaticRef(std::string_view html, size_t pos = 0);

}  // namespace blockrt::runtime::internal

#endif  // BLOCKRT_RUNTIME_INTERNAL_STATIC_URLS_H_
