#include "keys/internal/char_class.h"

#include <algorithm>
#include <array>

namespace blockrt::keys::internal {
namespace {

struct Range {
  uint32_t lo, hi;
};

constexpr Range kWordRanges[] = {
#include "keys/internal/word_ranges.inc"
};
constexpr Range kDigitRanges[] = {
#include "keys/internal/digit_ranges.inc"
};

template <size_t N>
bool InRanges(const Range (&ranges)[N], uint32_t cp) {
  const Range* it =
      std::upper_bound(ranges, ranges + N, cp, [](uint32_t v, const Range& r) { return v < r.lo; });
  return it != ranges && cp <= (it - 1)->hi;
}

constexpr std::array<uint8_t, 256> BuildAsciiTable() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 128; ++c) {
    bool word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    uint8_t bits = 0;
    if (word || c == '-' || c == '~' || c == '.' || c == ':') bits |= kId | kDid;
    if (c == '%') bits |= kDid;
    if (word || c == '.' || c == '%' || c == '-') bits |= kDepPart;
    if (word || c == '-' || c == '.') bits |= kAsciiField | kUniField | kOlxPath;
    if (c == '/') bits |= kOlxPath;
    if ((c >= 'a' && c <= 'f') || (c >= '0' && c <= '9')) bits |= kHexLower;
    t[c] = bits;
  }
  return t;
}

constexpr std::array<uint8_t, 256> kTable = BuildAsciiTable();

constexpr std::array<uint8_t, 256> BuildSegmentTable() {
  std::array<uint8_t, 256> t = BuildAsciiTable();
  for (int c = 0x80; c < 256; ++c) t[c] = kStop;
  t['+'] = kStop;
  t['@'] = kStop;
  return t;
}

constexpr std::array<uint8_t, 256> kSegTable = BuildSegmentTable();

}  // namespace

const uint8_t kAsciiClass[256] = {
#define ROW(i)                                                                          \
  kTable[i], kTable[i + 1], kTable[i + 2], kTable[i + 3], kTable[i + 4], kTable[i + 5], \
      kTable[i + 6], kTable[i + 7]
    ROW(0),  ROW(8),  ROW(16), ROW(24), ROW(32), ROW(40),  ROW(48),  ROW(56),
    ROW(64), ROW(72), ROW(80), ROW(88), ROW(96), ROW(104), ROW(112), ROW(120),
#undef ROW
};

const uint8_t kSegmentClass[256] = {
#define ROW(i)                                                                          \
  kSegTable[i], kSegTable[i + 1], kSegTable[i + 2], kSegTable[i + 3], kSegTable[i + 4], \
      kSegTable[i + 5], kSegTable[i + 6], kSegTable[i + 7]
    ROW(0),   ROW(8),   ROW(16),  ROW(24),  ROW(32),  ROW(40),  ROW(48),  ROW(56),
    ROW(64),  ROW(72),  ROW(80),  ROW(88),  ROW(96),  ROW(104), ROW(112), ROW(120),
    ROW(128), ROW(136), ROW(144), ROW(152), ROW(160), ROW(168), ROW(176), ROW(184),
    ROW(192), ROW(200), ROW(208), ROW(216), ROW(224), ROW(232), ROW(240), ROW(248),
#undef ROW
};

bool IsWordCodePoint(uint32_t cp) { return InRanges(kWordRanges, cp); }
bool IsDigitCodePoint(uint32_t cp) { return InRanges(kDigitRanges, cp); }

size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* cp) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len;
  uint32_t v, min;
  if ((c & 0xE0) == 0xC0) {
    len = 2, v = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, v = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > n) return 0;
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = p[i + k];
    if ((cc & 0xC0) != 0x80) return 0;
    v = (v << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not characters.
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return len;
}

size_t ScanNonAscii(std::string_view s, size_t i, uint8_t cls) {
  if (!(cls & kUnicodeWordClasses)) return 0;
  uint32_t cp;
  size_t len = DecodeUtf8(s, i, &cp);
  if (len == 0 || !IsWordCodePoint(cp)) return 0;
  return len;
}

}  // namespace blockrt::keys::internal
