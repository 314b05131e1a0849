#include "olx/internal/xml_scan.h"

#include <cstring>

namespace blockrt::olx::internal {
namespace {

constexpr size_t kMaxShownLine = 160;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsNameEnd(char c) { return IsSpace(c) || c == '=' || c == '>' || c == '/'; }

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

Status CheckCharacters(std::string_view path, std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    // ASCII fast path: most OLX is plain ASCII.
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80) {
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
  return Status::OK();
}

// Checks the reference at text[amp] ('&'); returns the offset after it.
Status CheckEntity(std::string_view path, std::string_view text, size_t amp, size_t* next) {
  size_t semi = text.find(';', amp + 1);
  size_t limit = std::min(text.size(), amp + 32);
  if (semi == std::string_view::npos || semi > limit) {
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

// Scans a start tag at text[lt] ('<' then a name): checks entities in attribute
// values and duplicate attribute names. Sets *end past the '>' (npos if
// malformed; pugixml reports that) and *self_closing.
Status ScanStartTag(std::string_view path, std::string_view text, size_t lt, size_t* end,
                    bool* self_closing) {
  const size_t n = text.size();
  size_t i = lt + 1;
  while (i < n && !IsNameEnd(text[i])) ++i;
  std::string_view names[32];
  size_t num_names = 0;
  *self_closing = false;
  *end = std::string_view::npos;
  while (i < n) {
    while (i < n && IsSpace(text[i])) ++i;
    if (i >= n) return Status::OK();
    if (text[i] == '>') {
      *end = i + 1;
      return Status::OK();
    }
    if (text[i] == '/') {
      if (i + 1 < n && text[i + 1] == '>') {
        *self_closing = true;
        *end = i + 2;
      }
      return Status::OK();
    }
    size_t name_begin = i;
    while (i < n && !IsNameEnd(text[i])) ++i;
    std::string_view name = text.substr(name_begin, i - name_begin);
    if (name.empty()) return Status::OK();
    for (size_t k = 0; k < num_names; ++k) {
      if (names[k] == name) {
        return LocatedError(path, text, name_begin,
                            "duplicate attribute '" + std::string(name) + "'");
      }
    }
    if (num_names < 32) {
      names[num_names++] = name;
    } else {
      // Past 32 attributes fall back to searching the tag text seen so far.
      std::string_view seen = text.substr(lt, name_begin - lt);
      for (size_t at = seen.find(name); at != std::string_view::npos;
           at = seen.find(name, at + 1)) {
        size_t after = lt + at + name.size();
        if (IsSpace(text[lt + at - 1]) && after < n &&
            (text[after] == '=' || IsSpace(text[after]))) {
          return LocatedError(path, text, name_begin,
                              "duplicate attribute '" + std::string(name) + "'");
        }
      }
    }
    while (i < n && IsSpace(text[i])) ++i;
    if (i >= n || text[i] != '=') return Status::OK();
    ++i;
    while (i < n && IsSpace(text[i])) ++i;
    if (i >= n || (text[i] != '"' && text[i] != '\'')) return Status::OK();
    char quote = text[i++];
    while (i < n && text[i] != quote) {
      if (text[i] == '&') {
        size_t next;
        BLOCKRT_RETURN_IF_ERROR(CheckEntity(path, text, i, &next));
        i = next;
      } else if (text[i] == '<') {
        return Status::OK();  // pugixml reports '<' in a value
      } else {
        ++i;
      }
    }
    if (i >= n) return Status::OK();
    ++i;
  }
  return Status::OK();
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

Status ScanXml(std::string_view path, std::string_view text, const ScanLimits& limits) {
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
  while (i < n) {
    size_t lt_or_amp = text.find_first_of("<&", i);
    if (lt_or_amp == std::string_view::npos) break;
    i = lt_or_amp;
    if (text[i] == '&') {
      BLOCKRT_RETURN_IF_ERROR(CheckEntity(path, text, i, &i));
      continue;
    }
    std::string_view rest = text.substr(i);
    if (rest.substr(0, 4) == "<!--") {
      BLOCKRT_RETURN_IF_ERROR(SkipTo(path, text, i + 4, "-->", i, "comment", &i));
    } else if (rest.substr(0, 9) == "<![CDATA[") {
      BLOCKRT_RETURN_IF_ERROR(SkipTo(path, text, i + 9, "]]>", i, "CDATA section", &i));
    } else if (rest.substr(0, 2) == "<!") {
      std::string_view what = rest.substr(0, 9) == "<!DOCTYPE"  ? "DOCTYPE declarations"
                              : rest.substr(0, 8) == "<!ENTITY" ? "entity declarations"
                                                                : "markup declarations";
      return LocatedError(path, text, i,
                          std::string(what) + " are not allowed in OLX (no DTDs or entities)");
    } else if (rest.substr(0, 2) == "<?") {
      BLOCKRT_RETURN_IF_ERROR(SkipTo(path, text, i + 2, "?>", i, "processing instruction", &i));
    } else if (rest.substr(0, 2) == "</") {
      if (depth > 0) --depth;
      ++i;
    } else {
      size_t end;
      bool self_closing;
      BLOCKRT_RETURN_IF_ERROR(ScanStartTag(path, text, i, &end, &self_closing));
      if (end == std::string_view::npos) return Status::OK();  // pugixml reports it
      if (depth + 1 > limits.max_depth) {
        return LocatedError(path, text, i,
                            "elements nested deeper than " + std::to_string(limits.max_depth));
      }
      if (!self_closing) ++depth;
      i = end;
    }
  }
  return Status::OK();
}

size_t EndOfStartTag(std::string_view text, size_t lt, bool* self_closing) {
  char quote = 0;
  for (size_t i = lt + 1; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      *self_closing = text[i - 1] == '/';
      return i + 1;
    }
  }
  return std::string_view::npos;
}

bool FindRootInner(std::string_view text, size_t root_offset, size_t* begin, size_t* end) {
  bool self_closing = false;
  size_t after = EndOfStartTag(text, root_offset, &self_closing);
  if (after == std::string_view::npos) return false;
  *begin = *end = after;
  if (self_closing) return true;
  // Walk back over trailing whitespace, comments and PIs to the root's end tag.
  size_t j = text.size();
  while (true) {
    while (j > after && IsSpace(text[j - 1])) --j;
    if (j >= after + 3 && text.compare(j - 3, 3, "-->") == 0) {
      size_t open = text.rfind("<!--", j - 3);
      if (open == std::string_view::npos || open < after) return false;
      j = open;
    } else if (j >= after + 2 && text.compare(j - 2, 2, "?>") == 0) {
      size_t open = text.rfind("<?", j - 2);
      if (open == std::string_view::npos || open < after) return false;
      j = open;
    } else {
      break;
    }
  }
  if (j == after || text[j - 1] != '>') return false;
  size_t close = text.rfind("</", j - 1);
  if (close == std::string_view::npos || close < after) return false;
  *end = close;
  return true;
}

}  // namespace blockrt::olx::internal
