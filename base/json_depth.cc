#include "base/json_depth.h"

#include <string>

namespace blockrt {

size_t FindJsonTooDeep(std::string_view text, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped byte cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

Status CheckJsonDepth(std::string_view text, std::string_view what, size_t max_depth) {
  const size_t at = FindJsonTooDeep(text, max_depth);
  if (at == std::string_view::npos) return Status::OK();
  return Status::InvalidArgument(std::string(what) + ": JSON nested deeper than " +
                                 std::to_string(max_depth) + " levels at offset " +
                                 std::to_string(at));
}

}  // namespace blockrt
