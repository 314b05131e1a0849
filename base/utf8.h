// UTF-8 well-formedness and a printable form of untrusted bytes: identifiers
// from the command line (user ids, library slugs) are checked here before they
// reach records or JSON (nlohmann's dump() throws on invalid UTF-8).
#ifndef BLOCKRT_BASE_UTF8_H_
#define BLOCKRT_BASE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace blockrt {

// The length of the well-formed UTF-8 sequence starting at s[i] (i < size),
// or 0 when none starts there.
size_t Utf8SequenceLength(std::string_view s, size_t i);

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points
// above U+10FFFF). On false, *bad_offset (when given) is the first bad byte.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

// `s` with every byte of an invalid sequence, control character and
// backslash written as \xNN (so error messages quoting hostile input stay
// valid, one-line UTF-8).
std::string PrintableBytes(std::string_view s);

}  // namespace blockrt

#endif  // BLOCKRT_BASE_UTF8_H_
