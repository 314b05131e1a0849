// What an aside key holds: its decoded inner key text (which the inner view
// points into) and the aside type. Immutable once built; shared between copies.
#ifndef BLOCKRT_KEYS_INTERNAL_ASIDE_PARTS_H_
#define BLOCKRT_KEYS_INTERNAL_ASIDE_PARTS_H_

#include <string>

#include "keys/key.h"

namespace blockrt::keys {

struct KeyView::AsideParts {
  std::string inner_text;
  KeyView inner;
  std::string aside_type;
};

namespace internal {
// The aside encodings of opaque-keys (asides.py _encode_v1/_encode_v2).
void AppendEncodedV1(std::string_view value, std::string* out);
void AppendEncodedV2(std::string_view value, std::string* out);
}  // namespace internal

}  // namespace blockrt::keys

#endif  // BLOCKRT_KEYS_INTERNAL_ASIDE_PARTS_H_
