#include "runtime/asset_url.h"

#include <charconv>

#include "runtime/internal/hmac.h"

namespace blockrt::runtime {
namespace {

bool Unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

void PercentEncode(std::string_view in, bool keep_slash, std::string* out) {
  static const char kHex[] = "0123456789ABCDEF";
  size_t run = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (Unreserved(c) || (keep_slash && c == '/')) continue;
    out->append(in.data() + run, i - run);
    const char esc[3] = {'%', kHex[c >> 4], kHex[c & 15]};
    out->append(esc, 3);
    run = i + 1;
  }
  out->append(in.data() + run, in.size() - run);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool PercentDecode(std::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

}  // namespace

AssetUrlSigner::AssetUrlSigner(std::vector<std::string> keys, std::string prefix)
    : keys_(std::move(keys)), prefix_(std::move(prefix)) {}

std::string AssetUrlSigner::SignedText(const AssetRef& a, std::string_view expires) {
  // "blockrt-asset-v1" then each field as "LEN:BYTES\n": a field's bytes can
  // never be read as part of another field.
  std::string msg = "blockrt-asset-v1\n";
  for (std::string_view field :
       {std::string_view(a.usage_key), std::string_view(a.bundle_uuid),
        std::string_view(a.version_or_draft), std::string_view(a.path), expires}) {
    msg.append(std::to_string(field.size())).push_back(':');
    msg.append(field).push_back('\n');
  }
  return msg;
}

Result<std::string> AssetUrlSigner::Sign(const AssetRef& a, int64_t expires_unix) const {
  if (!can_sign()) return Status::FailedPrecondition("no asset URL signing key configured");
  std::string expires = std::to_string(expires_unix);
  std::string url = prefix_;
  PercentEncode(a.bundle_uuid, false, &url);
  url.push_back('/');
  PercentEncode(a.version_or_draft, false, &url);
  url.push_back('/');
  PercentEncode(a.path, true, &url);
  url.append("?usage=");
  PercentEncode(a.usage_key, false, &url);
  url.append("&expires=").append(expires).append("&signature=");
  url.append(internal::HmacSha256Hex(keys_.front(), SignedText(a, expires)));
  return url;
}

Result<AssetRef> AssetUrlSigner::Verify(std::string_view url, int64_t now_unix) const {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("not an asset URL (" + std::string(why) +
                                   "): " + std::string(url));
  };
  if (url.substr(0, prefix_.size()) != prefix_) return bad("must start with " + prefix_);
  std::string_view rest = url.substr(prefix_.size());
  size_t q = rest.find('?');
  std::string_view query = q == std::string_view::npos ? std::string_view() : rest.substr(q + 1);
  rest = rest.substr(0, q);
  size_t s1 = rest.find('/');
  size_t s2 = s1 == std::string_view::npos ? s1 : rest.find('/', s1 + 1);
  if (s1 == 0 || s2 == std::string_view::npos || s2 == s1 + 1 || s2 + 1 >= rest.size())
    return bad("expected bundle/version/path");
  AssetRef ref;
  if (!PercentDecode(rest.substr(0, s1), &ref.bundle_uuid) ||
      !PercentDecode(rest.substr(s1 + 1, s2 - s1 - 1), &ref.version_or_draft) ||
      !PercentDecode(rest.substr(s2 + 1), &ref.path)) {
    return bad("bad percent-encoding");
  }
  // Each parameter exactly once, and no others: nothing unsigned rides along.
  std::string_view expires, signature, usage;
  bool seen[3] = {false, false, false};
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) return bad("query parameter without '='");
    std::string_view name = pair.substr(0, eq), value = pair.substr(eq + 1);
    int slot = name == "usage" ? 0 : name == "expires" ? 1 : name == "signature" ? 2 : -1;
    if (slot < 0) return bad("unknown query parameter '" + std::string(name) + "'");
    if (seen[slot]) return bad("repeated query parameter '" + std::string(name) + "'");
    seen[slot] = true;
    (slot == 0 ? usage : slot == 1 ? expires : signature) = value;
  }
  if (!PercentDecode(usage, &ref.usage_key)) return bad("bad percent-encoding");
  int64_t expires_at = 0;
  auto [end, ec] = std::from_chars(expires.data(), expires.data() + expires.size(), expires_at);
  if (ref.usage_key.empty() || expires.empty() || signature.empty() || ec != std::errc() ||
      end != expires.data() + expires.size()) {
    return Status::PermissionDenied("asset URL is not signed: " + std::string(url));
  }
  const std::string text = SignedText(ref, expires);
  bool ok = false;
  // Every key is always checked, so timing reveals nothing about which matched.
  for (const std::string& key : keys_) {
    if (!key.empty())
      ok |= internal::ConstantTimeEquals(internal::HmacSha256Hex(key, text), signature);
  }
  if (!ok) {
    return Status::PermissionDenied("asset URL signature does not match: " + std::string(url));
  }
  if (now_unix > expires_at) {
    return Status::PermissionDenied("asset URL expired at " + std::string(expires) + " (now " +
                                    std::to_string(now_unix) + ")");
  }
  return ref;
}

}  // namespace blockrt::runtime
