// Per-grammar parsers behind ParseKey. Each takes the text after the
// namespace (`rest`, starting at byte `off` of the whole key, for error
// positions), fills *out and returns true, or fills *err and returns false.
#ifndef BLOCKRT_KEYS_INTERNAL_PARSERS_H_
#define BLOCKRT_KEYS_INTERNAL_PARSERS_H_

#include <string_view>

#include "keys/key.h"

namespace blockrt::keys::internal {

inline bool Fail(KeyError* err, size_t pos, std::string_view expected) {
  err->position = pos;
  err->expected = expected;
  return false;
}

// ParseKey without the fast path (internal/fast_path.h): every grammar, and
// the precise error. Tests and the fuzzer compare the two.
bool ParseKeyGeneral(std::string_view text, KeyBase base, KeyView* out, KeyError* err);

// course-v1 / slashes, library-v1, block-v1, asset-v1, lib-block-v1.
bool ParseLocator(std::string_view rest, size_t off, KeyKind kind, KeyView* out, KeyError* err);

// Deprecated fallbacks; they see the whole original string.
bool ParseDeprecatedCourse(std::string_view text, KeyView* out, KeyError* err);   // org/course/run
bool ParseI4x(std::string_view text, KeyKind kind, KeyView* out, KeyError* err);  // i4x:// /c4x/
bool ParseLocation(std::string_view rest, size_t off, KeyView* out, KeyError* err);

// ':'-separated Learning Core keys and friends.
bool ParseLibV2(std::string_view rest, size_t off, KeyKind kind, KeyView* out, KeyError* err);
bool ParseBundleOlx(std::string_view rest, size_t off, KeyView* out, KeyError* err);
bool ParseDefV1(std::string_view rest, size_t off, KeyView* out, KeyError* err);
bool ParseBlockType(std::string_view rest, size_t off, KeyView* out, KeyError* err);
void MakeDeprecatedBlockType(std::string_view text, KeyView* out);

// aside-usage-v1/v2, aside-def-v1/v2.
bool ParseAside(std::string_view rest, size_t off, KeyKind kind, KeyView* out, KeyError* err);

}  // namespace blockrt::keys::internal

#endif  // BLOCKRT_KEYS_INTERNAL_PARSERS_H_
