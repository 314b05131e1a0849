// Checks on names and free text the store accepts (paths are in store/path.h).
#ifndef BLOCKRT_STORE_INTERNAL_VALIDATE_H_
#define BLOCKRT_STORE_INTERNAL_VALIDATE_H_

#include <cstddef>
#include <string_view>

#include "base/status.h"

namespace blockrt::store {

inline constexpr size_t kMaxTitleBytes = 500;
inline constexpr size_t kMaxDescriptionBytes = 10000;
inline constexpr size_t kMaxChangeDescriptionBytes = 1000;
inline constexpr size_t kMaxNameBytes = 180;

bool LooksLikeUuid(std::string_view s);
// Slugs: 1..180 bytes of ASCII letters, digits, '-', '_' or non-ASCII UTF-8
// (Django's unicode slug); never uuid-shaped, so bundle arguments are unambiguous.
Status ValidateSlug(std::string_view slug);
// Valid UTF-8 of at most `max_bytes`.
Status ValidateText(std::string_view what, std::string_view text, size_t max_bytes);
// Draft and link names: 1..180 bytes, valid UTF-8, no control characters.
Status ValidateName(std::string_view what, std::string_view name);
// Record table names: 1..64 bytes of [a-z0-9_.].
Status ValidateTableName(std::string_view table);
bool IsValidUtf8(std::string_view s);
// Length of the UTF-8 sequence starting at s[i], or 0 if it is malformed
// (overlong forms, surrogates and code points past U+10FFFF are malformed).
size_t Utf8SequenceLength(std::string_view s, size_t i);

}  // namespace blockrt::store

#endif  // BLOCKRT_STORE_INTERNAL_VALIDATE_H_
