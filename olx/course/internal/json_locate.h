// Byte offsets of the values in a JSON text, by JSON pointer, so findings about
// a parsed document can be reported at path:line:col.
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_JSON_LOCATE_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_JSON_LOCATE_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace blockrt::olx::internal {

// {"" -> root, "/GRADER/0/weight" -> offset of that value's first byte, ...}.
// Best effort: stops at the first malformed token and below 64 levels.
std::map<std::string, size_t> LocateJsonValues(std::string_view text);

// The offset of `pointer`'s value in `offsets` (from LocateJsonValues), else
// of its closest located ancestor; 0 when none is.
size_t OffsetOfPointer(const std::map<std::string, size_t>& offsets, std::string pointer);

// The bytes of the number literal at text[offset] (as written, so a literal
// no double holds exactly is kept faithfully).
std::string_view NumberLiteralAt(std::string_view text, size_t offset);

// An object key as a JSON pointer token ('~' -> "~0", '/' -> "~1").
std::string JsonPointerToken(std::string_view key);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_JSON_LOCATE_H_
