// A fast path for the shapes most keys have: ASCII v1 locators (course-v1,
// block-v1, asset-v1, library-v1, lib-block-v1) and Learning Core keys (lib,
// lb, lct, lib-collection) up to 128 bytes. It classifies the whole key with
// SSE2 into bit masks and parses segments with bit operations. It only ever
// accepts keys the general parser accepts, with the same fields; anything it
// is unsure of returns false and goes to the general parser, which also
// produces the precise error.
#ifndef BLOCKRT_KEYS_INTERNAL_FAST_PATH_H_
#define BLOCKRT_KEYS_INTERNAL_FAST_PATH_H_

#include <cstdint>
#include <string_view>

#include "keys/key.h"

namespace blockrt::keys::internal {

enum class FastResult : uint8_t {
  kAccepted,  // *out holds the key (marked when str(key) == text)
  kRejected,  // certainly invalid: an ASCII v1 locator of an accepted namespace
              // that breaks the grammar (no fallback can accept it either)
  kUnsure,    // not a shape the fast path decides: use the general parser
};

// `allowed_kinds` is a bit set over KeyKind of the classes the caller's base
// accepts. `padded`: kKeyParsePadding bytes after the text are readable.
FastResult FastParse(std::string_view text, uint32_t allowed_kinds, bool padded, KeyView* out);

// Each build of the fast path by name (FastParse picks the best the CPU
// runs), so tests and the fuzzer can hold both against the general parser.
enum class FastPathBuild : uint8_t { kGeneric, kAvx2 };
bool FastPathBuildSupported(FastPathBuild build);
FastResult FastParseWith(FastPathBuild build, std::string_view text, uint32_t allowed_kinds,
                         bool padded, KeyView* out);

}  // namespace blockrt::keys::internal

#endif  // BLOCKRT_KEYS_INTERNAL_FAST_PATH_H_
