// Character classes of the opaque-keys grammar, matched on UTF-8 bytes.
// Each class is a bit; ASCII bytes are looked up in a 256-entry table and
// non-ASCII code points are word characters iff Python's \w matches them.
#ifndef BLOCKRT_KEYS_INTERNAL_CHAR_CLASS_H_
#define BLOCKRT_KEYS_INTERNAL_CHAR_CLASS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace blockrt::keys::internal {

enum CharClass : uint8_t {
  kId = 1 << 0,          // [\w\-~.:]
  kDid = 1 << 1,         // [\w\-~.:%]
  kDepPart = 1 << 2,     // [\w.%-]       deprecated org/course/run
  kAsciiField = 1 << 3,  // [a-zA-Z0-9_\-.]  (no non-ASCII at all)
  kUniField = 1 << 4,    // [\w\-.]
  kOlxPath = 1 << 5,     // [\w\-./]
  kHexLower = 1 << 6,    // [a-f0-9]
};
// Classes that admit non-ASCII word characters.
inline constexpr uint8_t kUnicodeWordClasses = kId | kDid | kDepPart | kUniField | kOlxPath;

extern const uint8_t kAsciiClass[256];
// kAsciiClass plus kStop on '+', '@' and every byte >= 0x80: the bytes where a
// locator segment scan must leave its tight loop.
inline constexpr uint8_t kStop = 1 << 7;
extern const uint8_t kSegmentClass[256];

// Python 3.12 `\w` on one code point.
bool IsWordCodePoint(uint32_t cp);
// Python `str.isdigit()` on one code point.
bool IsDigitCodePoint(uint32_t cp);

// Decodes one UTF-8 sequence at s[i]; returns its length (0 if malformed).
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* cp);

// Slow path for bytes >= 0x80 (out of line to keep the ASCII loop tight).
size_t ScanNonAscii(std::string_view s, size_t i, uint8_t cls);

// True when every byte of `s` is an ASCII byte of class `cls` (bytes >= 0x80
// have no class). No early exit: the short fields it checks go faster so.
inline bool AllAsciiIn(std::string_view s, uint8_t cls) {
  uint8_t acc = 0xFF;
  for (unsigned char c : s) acc &= kAsciiClass[c];
  return (acc & cls) == cls;
}

// Returns the length of the longest prefix of `s` whose characters are all in
// `cls` (so the whole span matches iff the result == s.size()).
inline size_t ScanClass(std::string_view s, uint8_t cls) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if (!(kAsciiClass[c] & cls)) return i;
      ++i;
    } else {
      size_t len = ScanNonAscii(s, i, cls);
      if (len == 0) return i;
      i += len;
    }
  }
  return n;
}

// `^CLASS+\Z`: non-empty and every character in the class.
inline bool MatchAll(std::string_view s, uint8_t cls) {
  return !s.empty() && ScanClass(s, cls) == s.size();
}

// Python `re.match(r'^CLASS+$', s)`: like MatchAll, but `$` also matches before
// one final '\n', so "abc\n" passes and the newline stays in the value.
inline bool MatchDollar(std::string_view s, uint8_t cls, size_t* bad) {
  size_t ok = ScanClass(s, cls);
  if (ok == s.size() && ok > 0) return true;
  if (ok > 0 && ok + 1 == s.size() && s[ok] == '\n') return true;
  *bad = ok;
  return false;
}

// Byte equality for the short strings of this grammar (tags, separators):
// an inline loop beats a libc call at these lengths.
inline bool ShortEquals(const char* a, const char* b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}
inline bool ShortEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ShortEquals(a.data(), b.data(), a.size());
}

}  // namespace blockrt::keys::internal

#endif  // BLOCKRT_KEYS_INTERNAL_CHAR_CLASS_H_
