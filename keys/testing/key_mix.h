// A deterministic generator of realistic key lines for benchmarks, the demo
// and tests: the mix seen in course exports and tracking logs (42% block-v1,
// 20% course-v1, 6% asset-v1, 6% lb, 3% lib, v1 libraries, lct, 1% forms that
// str() normalizes, lib-collection, deprecated forms, ~12% invalid, non-ASCII).
#ifndef BLOCKRT_KEYS_TESTING_KEY_MIX_H_
#define BLOCKRT_KEYS_TESTING_KEY_MIX_H_

#include <cstdint>
#include <string>

namespace blockrt::keys::testing {

class KeyMix {
 public:
  explicit KeyMix(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 1) {}
  // Appends one key (no newline) to *out.
  void Next(std::string* out);

 private:
  uint64_t Rand();
  void AppendId(std::string* out, int min_len, int max_len, bool allow_unicode);
  void AppendHex(std::string* out, int n);
  void AppendCourse(std::string* out, char sep);
  void AppendInvalid(std::string* out);
  uint64_t state_;
};

}  // namespace blockrt::keys::testing

#endif  // BLOCKRT_KEYS_TESTING_KEY_MIX_H_
