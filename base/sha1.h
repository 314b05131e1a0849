// SHA-1 for the id rules that are defined with it (edx-platform's DERIVE_ID,
// the OLX url_name fallback): the one SHA-1 routine of the project, OpenSSL
// underneath. An identifier hash, not a security primitive.
#ifndef BLOCKRT_BASE_SHA1_H_
#define BLOCKRT_BASE_SHA1_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace blockrt {

inline constexpr size_t kSha1Size = 20;  // bytes of a digest

// Writes SHA-1(data) to digest[0..kSha1Size).
void Sha1(std::string_view data, unsigned char digest[kSha1Size]);
// Appends the first `hex_digits` (at most 40) lowercase hex digits of SHA-1(data),
// Python's hashlib.sha1(data).hexdigest()[:hex_digits].
void AppendSha1Hex(std::string* out, std::string_view data, size_t hex_digits = 2 * kSha1Size);
std::string Sha1Hex(std::string_view data);
// The same digits written to out[0..hex_digits) (hex_digits at most 40).
void WriteSha1Hex(std::string_view data, char* out, size_t hex_digits);

}  // namespace blockrt

#endif  // BLOCKRT_BASE_SHA1_H_
