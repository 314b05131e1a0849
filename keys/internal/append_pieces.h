// Appends string pieces with one resize: on the key hot paths, short appends
// one by one cost more than the parsing or hashing around them.
#ifndef BLOCKRT_KEYS_INTERNAL_APPEND_PIECES_H_
#define BLOCKRT_KEYS_INTERNAL_APPEND_PIECES_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace blockrt::keys::internal {

// memcpy for the short pieces keys are made of, inline: a call to the library
// memcpy per piece cost as much as the copying. Two overlapping fixed-size
// moves cover any n in [k, 2k]; nothing outside [d, d+n) or [s, s+n) is touched.
inline void CopyShort(char* d, const char* s, size_t n) {
  if (n > 32) {
    std::memcpy(d, s, n);
  } else if (n >= 16) {
    char a[16], b[16];
    std::memcpy(a, s, 16);
    std::memcpy(b, s + n - 16, 16);
    std::memcpy(d, a, 16);
    std::memcpy(d + n - 16, b, 16);
  } else if (n >= 8) {
    uint64_t a, b;
    std::memcpy(&a, s, 8);
    std::memcpy(&b, s + n - 8, 8);
    std::memcpy(d, &a, 8);
    std::memcpy(d + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, s, 4);
    std::memcpy(&b, s + n - 4, 4);
    std::memcpy(d, &a, 4);
    std::memcpy(d + n - 4, &b, 4);
  } else {
    for (size_t i = 0; i < n; ++i) d[i] = s[i];
  }
}

template <size_t N>
void AppendPieces(std::string* out, const std::string_view (&parts)[N]) {
  size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  size_t at = out->size();
  out->resize(at + n);
  char* w = &(*out)[at];
  for (std::string_view p : parts) {
    CopyShort(w, p.data(), p.size());
    w += p.size();
  }
}

}  // namespace blockrt::keys::internal

#endif  // BLOCKRT_KEYS_INTERNAL_APPEND_PIECES_H_
