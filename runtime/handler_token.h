// Handler URL tokens, exactly edx-platform's scheme: HMAC-SHA256 over
// "{time_token}:{user_id}:{usage_key}", hex, first 20 chars, where time_token =
// floor(now / 2 days) (+0 when signing; 0 or -1 accepted) under any key.
#ifndef BLOCKRT_RUNTIME_HANDLER_TOKEN_H_
#define BLOCKRT_RUNTIME_HANDLER_TOKEN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace blockrt::runtime {

inline constexpr int64_t kHandlerTokenPeriodSeconds = 24 * 60 * 60 * 2;

// The token for `time_idx` periods from now (0 signs; -1 is the grace period).
std::string HandlerToken(std::string_view key, std::string_view user_id, std::string_view usage_key,
                         int64_t now_seconds, int time_idx = 0);

// True when `token` matches under any of `keys` for this or the previous period.
// Compares in constant time.
bool ValidateHandlerToken(const std::vector<std::string>& keys, std::string_view token,
                          std::string_view user_id, std::string_view usage_key,
                          int64_t now_seconds);

// The parts of ".../xblocks/{usage}/handler/{user_id}-{token}/{handler}/{suffix}".
struct HandlerUrlParts {
  std::string usage_key;
  std::string user_id;
  std::string token;
  std::string handler;
  std::string suffix;  // may be empty
  std::string query;   // after '?', may be empty
};

// "{site_root}/api/xblock/v2/xblocks/{usage}/handler/{user}-{token}/{handler}/",
// then the suffix and query as the reference appends them.
std::string BuildHandlerUrl(std::string_view site_root, std::string_view usage_key,
                            std::string_view user_id, std::string_view token,
                            std::string_view handler, std::string_view suffix,
                            std::string_view query);
// InvalidArgument when the URL does not match the reference's route pattern.
Result<HandlerUrlParts> ParseHandlerUrl(std::string_view url);

}  // namespace blockrt::runtime

#endif  // BLOCKRT_RUNTIME_HANDLER_TOKEN_H_
