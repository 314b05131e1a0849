#include "runtime/handler_token.h"

#include <cmath>

#include "runtime/internal/hmac.h"

namespace blockrt::runtime {
namespace {

constexpr std::string_view kRoute = "/api/xblock/v2/xblocks/";
constexpr std::string_view kHandler = "/handler/";

// Python's \w on the ASCII range plus any non-ASCII byte (\w is Unicode there).
bool IsWordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c >= 0x80;
}

bool AllWord(std::string_view s, bool allow_dash) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!IsWordChar(c) && !(allow_dash && c == '-')) return false;
  }
  return true;
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

std::string HandlerToken(std::string_view key, std::string_view user_id, std::string_view usage_key,
                         int64_t now_seconds, int time_idx) {
  int64_t time_token = FloorDiv(now_seconds, kHandlerTokenPeriodSeconds) + time_idx;
  std::string check;
  check.reserve(24 + user_id.size() + usage_key.size());
  check.append(std::to_string(time_token)).push_back(':');
  check.append(user_id).push_back(':');
  check.append(usage_key);
  return internal::HmacSha256Hex(key, check).substr(0, 20);
}

bool ValidateHandlerToken(const std::vector<std::string>& keys, std::string_view token,
                          std::string_view user_id, std::string_view usage_key,
                          int64_t now_seconds) {
  bool ok = false;
  // Every key and both periods are always checked, so timing reveals nothing.
  for (const std::string& key : keys) {
    if (key.empty()) continue;  // an empty key would vouch for anyone's tokens
    for (int idx : {0, -1}) {
      ok |= internal::ConstantTimeEquals(HandlerToken(key, user_id, usage_key, now_seconds, idx),
                                         token);
    }
  }
  return ok;
}

std::string BuildHandlerUrl(std::string_view site_root, std::string_view usage_key,
                            std::string_view user_id, std::string_view token,
                            std::string_view handler, std::string_view suffix,
                            std::string_view query) {
  std::string url;
  url.reserve(site_root.size() + kRoute.size() + usage_key.size() + kHandler.size() +
              user_id.size() + token.size() + handler.size() + suffix.size() + query.size() + 8);
  url.append(site_root).append(kRoute).append(usage_key).append(kHandler);
  url.append(user_id).push_back('-');
  url.append(token).push_back('/');
  url.append(handler).push_back('/');
  if (!suffix.empty()) {
    if (url.back() != '/') url.push_back('/');
    url.append(suffix);
  }
  if (!query.empty()) {
    url.push_back(url.find('?') == std::string::npos ? '?' : '&');
    url.append(query);
  }
  return url;
}

Result<HandlerUrlParts> ParseHandlerUrl(std::string_view url) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("not a handler URL (" + std::string(why) +
                                   "): " + std::string(url));
  };
  HandlerUrlParts parts;
  size_t q = url.find('?');
  if (q != std::string_view::npos) {
    parts.query = std::string(url.substr(q + 1));
    url = url.substr(0, q);
  }
  size_t route = url.find(kRoute);
  if (route == std::string_view::npos) return bad("no /api/xblock/v2/xblocks/ route");
  std::string_view rest = url.substr(route + kRoute.size());
  size_t handler = rest.find(kHandler);
  if (handler == std::string_view::npos || handler == 0) return bad("no usage key or /handler/");
  parts.usage_key = std::string(rest.substr(0, handler));
  rest.remove_prefix(handler + kHandler.size());
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return bad("no handler name");
  std::string_view auth = rest.substr(0, slash);
  rest.remove_prefix(slash + 1);
  // (?P<user_id>\w+)-(?P<secure_token>\w+): \w has no '-', so split at the only dash.
  size_t dash = auth.find('-');
  if (dash == std::string_view::npos || auth.find('-', dash + 1) != std::string_view::npos) {
    return bad("expected {user_id}-{token}");
  }
  std::string_view user = auth.substr(0, dash), token = auth.substr(dash + 1);
  if (!AllWord(user, false) || !AllWord(token, false)) return bad("user id or token not \\w+");
  slash = rest.find('/');
  if (slash == std::string_view::npos) return bad("handler name must end with '/'");
  std::string_view name = rest.substr(0, slash);
  if (!AllWord(name, true)) return bad("handler name must be [\\w-]+");
  parts.user_id = std::string(user);
  parts.token = std::string(token);
  parts.handler = std::string(name);
  parts.suffix = std::string(rest.substr(slash + 1));
  return parts;
}

}  // namespace blockrt::runtime
