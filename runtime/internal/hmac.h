// HMAC-SHA256 through OpenSSL, returned as lowercase hex, plus a constant-time
// comparison for checking signatures.
#ifndef BLOCKRT_RUNTIME_INTERNAL_HMAC_H_
#define BLOCKRT_RUNTIME_INTERNAL_HMAC_H_

#include <string>
#include <string_view>

namespace blockrt::runtime::internal {

std::string HmacSha256Hex(std::string_view key, std::string_view message);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace blockrt::runtime::internal

#endif  // BLOCKRT_RUNTIME_INTERNAL_HMAC_H_
