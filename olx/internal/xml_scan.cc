#include "olx/internal/xml_scan.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unordered_set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace blockrt::olx::internal {
namespace {

constexpr size_t kMaxShownLine = 160;

// Byte classes for the start-tag scanner, one table lookup per byte.
enum : uint8_t { kSpace = 1, kNameEnd = 2, kAttrNameEnd = 4 };
struct ByteClasses {
  uint8_t of[256] = {};
  constexpr ByteClasses() {
    for (char c : {' ', '\t', '\n', '\r'})
      of[static_cast<uint8_t>(c)] = kSpace | kNameEnd | kAttrNameEnd;
    for (char c : {'=', '>', '/'}) of[static_cast<uint8_t>(c)] = kNameEnd | kAttrNameEnd;
    for (char c : {'<', '"', '\''}) of[static_cast<uint8_t>(c)] = kAttrNameEnd;
  }
};
constexpr ByteClasses kClasses;
inline bool Is(char c, uint8_t cls) { return (kClasses.of[static_cast<uint8_t>(c)] & cls) != 0; }

bool IsSpace(char c) { return Is(c, kSpace); }

// Decodes one UTF-8 sequence at text[i]; returns its length or 0 if invalid.
size_t DecodeUtf8(std::string_view text, size_t i, uint32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + i;
  size_t left = text.size() - i;
  unsigned char b0 = p[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t len;
  uint32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, min = 0x80, *cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, min = 0x800, *cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, min = 0x10000, *cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (left < len) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (p[k] & 0x3F);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return 0;
  return len;
}

bool IsXmlChar(uint32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  return cp != 0xFFFE && cp != 0xFFFF;
}

// Checks text[i, stop) byte by byte (a UTF-8 sequence may run past stop);
// returns the offset reached.
Status CheckCharactersSlow(std::string_view path, std::string_view text, size_t i, size_t stop,
                           size_t* next) {
  while (i < stop) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c >= 0x20 && c < 0x80) || c == '\n' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) return LocatedError(path, text, i, "invalid UTF-8 byte sequence");
    if (!IsXmlChar(cp)) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "character U+%04X is not allowed in XML", cp);
      return LocatedError(path, text, i, buf);
    }
    i += len;
  }
  *next = i;
  return Status::OK();
}

Status CheckCharacters(std::string_view path, std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
#if defined(__SSE2__)
  // Sixteen bytes at a time: printable ASCII plus \t \n \r passes without a
  // branch per byte; anything else (UTF-8, control bytes) is checked exactly.
  const __m128i space = _mm_set1_epi8(0x20), nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t'),
                cr = _mm_set1_epi8('\r');
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    int high = _mm_movemask_epi8(v);
    int low = _mm_movemask_epi8(_mm_cmplt_epi8(v, space));  // also set for bytes >= 0x80
    if (high == 0) {
      int allowed = _mm_movemask_epi8(_mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, tab)), _mm_cmpeq_epi8(v, cr)));
      if ((low & ~allowed) == 0) {
        i += 16;
        continue;
      }
    }
    BLOCKRT_RETURN_IF_ERROR(CheckCharactersSlow(path, text, i, i + 16, &i));
  }
#endif
  return CheckCharactersSlow(path, text, i, n, &i);
}

// Offset of the first `c` at or after `from`, or text.size().
size_t FindByte(std::string_view text, char c, size_t from) {
  if (from >= text.size()) return text.size();
  const void* hit = std::memchr(text.data() + from, c, text.size() - from);
  return hit == nullptr ? text.size()
                        : static_cast<size_t>(static_cast<const char*>(hit) - text.data());
}

// Offset of the first of the bytes a, b, c at or after `from`, or text.size().
// Inline and sixteen bytes at a time: the targets are usually a few bytes
// away, where a memchr call per target cost more than the search.
inline size_t FindAny(std::string_view text, size_t from, char a, char b, char c) {
  const size_t n = text.size();
  const char* p = text.data();
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
  for (; from + 16 <= n; from += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + from));
    __m128i eq = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
                              _mm_cmpeq_epi8(v, vc));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(eq));
    if (mask != 0) return from + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; from < n; ++from) {
    char x = p[from];
    if (x == a || x == b || x == c) return from;
  }
  return n;
}

// The end of a name starting at `from`: the first byte of class kNameEnd
// (tag names) or kAttrNameEnd (attribute names), or text.size(). Sixteen
// bytes at a time; CheckCharacters already rejected control bytes, so
// "<= 0x20" is exactly the whitespace class here.
template <bool kAttribute>
inline size_t NameEnd(std::string_view text, size_t from) {
  const size_t n = text.size();
  const char* p = text.data();
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20);
  for (; from + 16 <= n; from += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + from));
    __m128i end = _mm_cmpeq_epi8(_mm_min_epu8(v, space), v);
    end = _mm_or_si128(end, _mm_cmpeq_epi8(v, _mm_set1_epi8('=')));
    end = _mm_or_si128(end, _mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
    end = _mm_or_si128(end, _mm_cmpeq_epi8(v, _mm_set1_epi8('/')));
    if (kAttribute) {
      end = _mm_or_si128(end, _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
      end = _mm_or_si128(end, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
      end = _mm_or_si128(end, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
    }
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(end));
    if (mask != 0) return from + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  const uint8_t cls = kAttribute ? kAttrNameEnd : kNameEnd;
  while (from < n && !Is(p[from], cls)) ++from;
  return from;
}

// Checks the reference at text[amp] ('&'); returns the offset after it.
Status CheckEntity(std::string_view path, std::string_view text, size_t amp, size_t* next) {
  size_t limit = std::min(text.size(), amp + 33);
  size_t semi = amp + 1;
  while (semi < limit && text[semi] != ';') ++semi;
  if (semi >= limit) {
    return LocatedError(path, text, amp,
                        "'&' does not start an entity reference (write &amp; for a literal &)");
  }
  std::string_view name = text.substr(amp + 1, semi - amp - 1);
  *next = semi + 1;
  if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") {
    return Status::OK();
  }
  if (!name.empty() && name[0] == '#') {
    bool hex = name.size() > 1 && name[1] == 'x';
    std::string_view digits = name.substr(hex ? 2 : 1);
    uint64_t cp = 0;
    bool ok = !digits.empty() && digits.size() <= 8;
    for (char d : digits) {
      if (!ok) break;
      if (d >= '0' && d <= '9') {
        cp = cp * (hex ? 16 : 10) + static_cast<uint64_t>(d - '0');
      } else if (hex && ((d >= 'a' && d <= 'f') || (d >= 'A' && d <= 'F'))) {
        cp = cp * 16 + static_cast<uint64_t>((d | 0x20) - 'a' + 10);
      } else {
        ok = false;
      }
    }
    if (ok && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) &&
        IsXmlChar(static_cast<uint32_t>(cp))) {
      return Status::OK();
    }
    return LocatedError(path, text, amp,
                        "invalid character reference '&" + std::string(name) + ";'");
  }
  return LocatedError(path, text, amp,
                      "undefined entity '&" + std::string(name) +
                          ";' (only &amp; &lt; &gt; &quot; &apos; and &#N; are defined)");
}

// Scans a start tag at text[lt] ('<' then a name): checks attribute syntax,
// entities in values and duplicate names (pugixml is lenient about all three).
// Sets *end past the '>' and *self_closing.
Status ScanStartTag(std::string_view path, std::string_view text, size_t lt, size_t* end,
                    bool* self_closing) {
  const size_t n = text.size();
  size_t i = lt + 1;
  unsigned char first = i < n ? static_cast<unsigned char>(text[i]) : 0;
  bool alpha = ((first | 0x20) >= 'a' && (first | 0x20) <= 'z');
  if (!(alpha || first == '_' || first == ':' || first >= 0x80)) {
    return LocatedError(path, text, lt, "'<' must start a tag (write &lt; for a literal <)");
  }
  i = NameEnd<false>(text, i);
  // Uninitialized on purpose: zeroing 32 views per start tag showed up in profiles.
  const char* name_ptr[32];
  size_t name_len[32];
  size_t num_names = 0;
  std::unordered_set<std::string_view> many;  // every name, once past 32
  *self_closing = false;
  *end = std::string_view::npos;
  while (true) {
    size_t before_space = i;
    while (i < n && IsSpace(text[i])) ++i;
    if (i >= n) return LocatedError(path, text, lt, "unterminated start tag");
    if (text[i] == '>') {
      *end = i + 1;
      return Status::OK();
    }
    if (text[i] == '/') {
      if (i + 1 < n && text[i + 1] == '>') {
        *self_closing = true;
        *end = i + 2;
        return Status::OK();
      }
      return LocatedError(path, text, i, "expected '>' after '/' in a start tag");
    }
    if (i == before_space) {
      return LocatedError(path, text, i, "expected whitespace before an attribute");
    }
    size_t name_begin = i;
    i = NameEnd<true>(text, i);
    std::string_view name = text.substr(name_begin, i - name_begin);
    if (name.empty()) return LocatedError(path, text, name_begin, "expected an attribute name");
    for (size_t k = 0; k < num_names && many.empty(); ++k) {
      if (std::string_view(name_ptr[k], name_len[k]) == name) {
        return LocatedError(path, text, name_begin,
                            "duplicate attribute '" + std::string(name) + "'");
      }
    }
    if (num_names < 32) {
      name_ptr[num_names] = name.data();
      name_len[num_names++] = name.size();
    } else {
      // Past 32 attributes a hash set takes over (a linear search per
      // attribute made a 40k-attribute tag take seconds).
      if (many.empty()) {
        many.reserve(64);
        for (size_t k = 0; k < num_names; ++k) many.emplace(name_ptr[k], name_len[k]);
      }
      if (!many.insert(name).second) {
        return LocatedError(path, text, name_begin,
                            "duplicate attribute '" + std::string(name) + "'");
      }
    }
    while (i < n && IsSpace(text[i])) ++i;
    if (i >= n || text[i] != '=') {
      return LocatedError(path, text, i,
                          "expected '=' after attribute '" + std::string(name) + "'");
    }
    ++i;
    while (i < n && IsSpace(text[i])) ++i;
    if (i >= n || (text[i] != '"' && text[i] != '\'')) {
      return LocatedError(path, text, i,
                          "expected a quoted value for attribute '" + std::string(name) + "'");
    }
    size_t value_begin = i;
    char quote = text[i++];
    // The value runs to the next quote: a valid entity name never holds one,
    // so checking the references inside [i, close) matches a byte-wise scan.
    size_t at = FindAny(text, i, quote, '<', '&');
    while (at < n && text[at] == '&') {
      BLOCKRT_RETURN_IF_ERROR(CheckEntity(path, text, at, &at));
      at = FindAny(text, at, quote, '<', '&');
    }
    if (at >= n) return LocatedError(path, text, value_begin, "unterminated attribute value");
    if (text[at] == '<')
      return LocatedError(path, text, at, "'<' is not allowed in an attribute value");
    i = at + 1;
  }
}

Status SkipTo(std::string_view path, std::string_view text, size_t from, std::string_view what,
              size_t start, std::string_view kind, size_t* next) {
  size_t at = text.find(what, from);
  if (at == std::string_view::npos) {
    return LocatedError(path, text, start, "unterminated " + std::string(kind));
  }
  *next = at + what.size();
  return Status::OK();
}

}  // namespace

TextPosition PositionOf(std::string_view text, size_t offset) {
  if (offset > text.size()) offset = text.size();
  TextPosition pos;
  size_t line_start = 0;
  const char* base = text.data();
  const char* p = base;
  const char* end = base + offset;
  while (true) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    ++pos.line;
    line_start = static_cast<size_t>(p - base);
  }
  pos.column = static_cast<uint32_t>(offset - line_start + 1);
  return pos;
}

std::string FormatLocated(std::string_view path, std::string_view text, size_t offset,
                          std::string_view message) {
  if (offset > text.size()) offset = text.size();
  TextPosition pos = PositionOf(text, offset);
  std::string out(path);
  out += ':' + std::to_string(pos.line) + ':' + std::to_string(pos.column) + ": error: ";
  out += message;
  size_t line_start = offset - (pos.column - 1);
  size_t line_end = text.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text.size();
  if (line_end > line_start && text[line_end - 1] == '\r') --line_end;
  // Long lines (minified XML) are shown as a window around the column.
  size_t show_begin = line_start;
  if (offset - line_start > kMaxShownLine / 2) show_begin = offset - kMaxShownLine / 2;
  size_t show_end = std::min(line_end, show_begin + kMaxShownLine);
  if (show_end < offset) show_end = offset;
  std::string_view shown = text.substr(show_begin, show_end - show_begin);
  out += '\n';
  out.append(shown.data(), shown.size());
  out += '\n';
  for (size_t i = show_begin; i < offset; ++i) out += text[i] == '\t' ? '\t' : ' ';
  out += "^ near here";
  return out;
}

Status LocatedError(std::string_view path, std::string_view text, size_t offset,
                    std::string_view message) {
  return Status::ParseError(FormatLocated(path, text, offset, message));
}

Status ScanXml(std::string_view path, std::string_view text, const ScanLimits& limits,
               RootExtent* root) {
  if (text.size() > limits.max_bytes) {
    return Status::InvalidArgument(std::string(path) + ": error: file is " +
                                   std::to_string(text.size()) + " bytes, over the " +
                                   std::to_string(limits.max_bytes) + "-byte limit");
  }
  BLOCKRT_RETURN_IF_ERROR(CheckCharacters(path, text));
  const size_t n = text.size();
  size_t i = 0;
  if (n >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  uint32_t depth = 0;
  bool root_seen = false, root_closed = false;
  RootExtent extent;
  while (i < n) {
    size_t stop = FindAny(text, i, '<', '&', '<');
    size_t lt_or_amp = stop == n ? std::string_view::npos : stop;
    if (depth == 0) {
      for (size_t k = i; k < stop; ++k) {
        if (!IsSpace(text[k])) return LocatedError(path, text, k, "text outside the root element");
      }
    }
    if (lt_or_amp == std::string_view::npos) break;
    i = lt_or_amp;
    if (text[i] == '&') {
      BLOCKRT_RETURN_IF_ERROR(CheckEntity(path, text, i, &i));
      continue;
    }
    std::string_view rest = text.substr(i);
    // Dispatch on the byte after '<': start and end tags skip the compares.
    const char next = i + 1 < n ? text[i + 1] : '\0';
    if (next == '/') {
      if (depth == 0) return LocatedError(path, text, i, "end tag without a matching start tag");
      if (--depth == 0) {
        root_closed = true;
        extent.content_end = i;
      }
      size_t gt = FindByte(text, '>', i);
      i = gt == n ? n : gt + 1;
    } else if (next != '!' && next != '?') {
      if (root_closed) {
        return LocatedError(path, text, i,
                            "extra content after the root element (only one root is allowed)");
      }
      size_t end = 0;
      bool self_closing = false;
      BLOCKRT_RETURN_IF_ERROR(ScanStartTag(path, text, i, &end, &self_closing));
      if (depth + 1 > limits.max_depth) {
        return LocatedError(path, text, i,
                            "elements nested deeper than " + std::to_string(limits.max_depth));
      }
      if (!root_seen) {
        root_seen = true;
        extent.start = i;
        extent.content_begin = extent.content_end = end;
        if (self_closing) root_closed = true;
      }
      if (!self_closing) ++depth;
      i = end;
    } else if (rest.substr(0, 4) == "<!--") {
      BLOCKRT_RETURN_IF_ERROR(SkipTo(path, text, i + 4, "-->", i, "comment", &i));
    } else if (rest.substr(0, 9) == "<![CDATA[") {
      if (depth == 0) return LocatedError(path, text, i, "CDATA outside the root element");
      BLOCKRT_RETURN_IF_ERROR(SkipTo(path, text, i + 9, "]]>", i, "CDATA section", &i));
    } else if (rest.substr(0, 2) == "<!") {
      std::string_view what = rest.substr(0, 9) == "<!DOCTYPE"  ? "DOCTYPE declarations"
                              : rest.substr(0, 8) == "<!ENTITY" ? "entity declarations"
                                                                : "markup declarations";
      return LocatedError(path, text, i,
                          std::string(what) + " are not allowed in OLX (no DTDs or entities)");
    } else if (rest.substr(0, 2) == "<?") {
      BLOCKRT_RETURN_IF_ERROR(SkipTo(path, text, i + 2, "?>", i, "processing instruction", &i));
    }
  }
  // An unclosed root is left to pugixml, which locates the mismatch better.
  extent.complete = root_seen && root_closed;
  if (root != nullptr) *root = extent;
  return Status::OK();
}

}  // namespace blockrt::olx::internal
