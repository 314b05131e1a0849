// Appends string pieces with one resize: on the key hot paths, short appends
// one by one cost more than the parsing or hashing around them.
#ifndef BLOCKRT_KEYS_INTERNAL_APPEND_PIECES_H_
#define BLOCKRT_KEYS_INTERNAL_APPEND_PIECES_H_

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace blockrt::keys::internal {

template <size_t N>
void AppendPieces(std::string* out, const std::string_view (&parts)[N]) {
  size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  size_t at = out->size();
  out->resize(at + n);
  char* w = &(*out)[at];
  for (std::string_view p : parts) {
    std::memcpy(w, p.data(), p.size());
    w += p.size();
  }
}

}  // namespace blockrt::keys::internal

#endif  // BLOCKRT_KEYS_INTERNAL_APPEND_PIECES_H_
