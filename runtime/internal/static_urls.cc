#include "runtime/internal/static_urls.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
  const char* const begin = html.data();
  const char* const end = begin + html.size();
  const char* p = begin + std::min(pos, html.size());
  auto matches = [&](const char* at) {
    uint64_t word;
    std::memcpy(&word, at, 8);
    return word == want;
  };
#if defined(__SSE2__)
  // 16 positions at a time: candidates are a '/' followed by an 's' (pages
  // have many '/', few "/s"); each is then checked as one word.
  const __m128i slash = _mm_set1_epi8('/'), s = _mm_set1_epi8('s');
  while (end - p >= 24) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
    unsigned mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, slash), _mm_cmpeq_epi8(b, s))));
    while (mask != 0) {
      const int bit = __builtin_ctz(mask);
      if (matches(p + bit)) return static_cast<size_t>(p + bit - begin);
      mask &= mask - 1;
    }
    p += 16;
  }
#endif
  for (; end - p >= 8; ++p) {
    if (*p == '/' && matches(p)) return static_cast<size_t>(p - begin);
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
