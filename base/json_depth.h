// The nesting limit for JSON read from content (field values such as a
// video's html5_sources, learner state). nlohmann's dump and iteration
// helpers recurse once per level, so "[[[...]]]" 300k deep exhausts the
// stack; a pre-scan that does not recurse refuses it before any parser runs.
#ifndef BLOCKRT_BASE_JSON_DEPTH_H_
#define BLOCKRT_BASE_JSON_DEPTH_H_

#include <cstddef>
#include <string_view>

#include "base/status.h"

namespace blockrt {

inline constexpr size_t kMaxJsonDepth = 128;

// The offset of the first '[' or '{' outside strings that opens level
// max_depth + 1, or npos when `text` nests no deeper. Says nothing else about
// whether `text` is valid JSON.
size_t FindJsonTooDeep(std::string_view text, size_t max_depth = kMaxJsonDepth);

// OK, or InvalidArgument "WHAT: JSON nested deeper than N levels at offset K".
Status CheckJsonDepth(std::string_view text, std::string_view what,
                      size_t max_depth = kMaxJsonDepth);

}  // namespace blockrt

#endif  // BLOCKRT_BASE_JSON_DEPTH_H_
