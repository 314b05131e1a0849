#include "olx/course/internal/url_name.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/sha1.h"

namespace blockrt::olx::internal {

std::string CleanUrlName(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    // Non-ASCII bytes are kept: Python's \w is Unicode-aware.
    bool keep = (u >= 0x80) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '%' || c == '-';
    char put = keep ? c : '_';
    if (put == '_' && !out.empty() && out.back() == '_') continue;
    out += put;
  }
  return out;
}

std::string UrlNameToPath(std::string_view url_name) {
  std::string out;
  AppendUrlNamePath(&out, url_name);
  return out;
}

void AppendUrlNamePath(std::string* out, std::string_view url_name) {
  size_t at = out->size();
  out->append(url_name.data(), url_name.size());
  std::replace(out->begin() + static_cast<ptrdiff_t>(at), out->end(), ':', '/');
}

std::string FallbackUrlName(std::string_view tag, std::string_view xml,
                            std::string_view orig_name) {
  auto is_hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  bool looks_like_fallback = orig_name.size() >= 12 && orig_name.substr(0, tag.size()) == tag;
  for (size_t i = orig_name.size() - (orig_name.size() >= 12 ? 12 : 0);
       looks_like_fallback && i < orig_name.size(); ++i) {
    looks_like_fallback = is_hex(orig_name[i]);
  }
  if (looks_like_fallback) {
    // Python's orig[len(tag) + 1:-12]: empty when the bounds cross.
    size_t begin = tag.size() + 1, end = orig_name.size() - 12;
    orig_name = begin < end ? orig_name.substr(begin, end - begin) : std::string_view();
  }
  std::string out(tag);
  if (!orig_name.empty()) {
    out += '_';
    out += orig_name;
  }
  out += '_';
  AppendSha1Hex(&out, xml, 12);
  return out;
}

bool IsPlainKeyId(std::string_view id) {
  static constexpr struct Table {
    bool plain[256] = {};
    constexpr Table() {
      for (int c = 'a'; c <= 'z'; ++c) plain[c] = true;
      for (int c = 'A'; c <= 'Z'; ++c) plain[c] = true;
      for (int c = '0'; c <= '9'; ++c) plain[c] = true;
      for (char c : {'_', '-', '~', '.', ':'}) plain[static_cast<unsigned char>(c)] = true;
    }
  } kTable;
  if (id.empty()) return false;
  size_t i = 0;
  const char* p = id.data();
#if defined(__SSE2__)
  // Sixteen bytes at a time (ids are mostly 32-hex-digit Studio names):
  // letters fold to lower case, then three ranges and four single bytes.
  const __m128i fold = _mm_set1_epi8(0x20);
  for (; i + 16 <= id.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i lower = _mm_or_si128(v, fold);
    auto in = [](__m128i x, char lo, char hi) {  // signed compares: bytes >= 0x80 fail
      return _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(lo - 1))),
                           _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(hi + 1))));
    };
    __m128i ok = _mm_or_si128(in(lower, 'a', 'z'), in(v, '0', ':'));  // digits and ':'
    ok = _mm_or_si128(ok, _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
    ok = _mm_or_si128(ok, _mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
    ok = _mm_or_si128(ok, _mm_cmpeq_epi8(v, _mm_set1_epi8('~')));
    ok = _mm_or_si128(ok, _mm_cmpeq_epi8(v, _mm_set1_epi8('.')));
    if (_mm_movemask_epi8(ok) != 0xFFFF) return false;
  }
#endif
  for (; i < id.size(); ++i) {
    if (!kTable.plain[static_cast<unsigned char>(p[i])]) return false;
  }
  return true;
}

bool RequiresUniqueUrlName(std::string_view tag) {
  return tag == "problem" || tag == "sequential" || tag == "video" || tag == "course" ||
         tag == "chapter" || tag == "poll_question" || tag == "vertical";
}

}  // namespace blockrt::olx::internal
