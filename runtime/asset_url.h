// Signed asset URLs: a block's `/static/NAME` becomes
// "{prefix}{bundle}/{version|draft}/{TYPE/ID/static/NAME}?usage=U&expires=T&signature=S"
// with S = HMAC-SHA256(key, encoding of (usage, bundle, version|draft, path, T)).
// The encoding is length-prefixed, so no two different URLs share a signed text
// (a '/' or '%2F' moved between fields changes it), and the URL must start
// with the prefix and carry exactly these three query parameters: nothing in
// it is left unsigned. The usage key names the block the asset belongs to,
// so the runtime can check that the user may still see that block.
#ifndef BLOCKRT_RUNTIME_ASSET_URL_H_
#define BLOCKRT_RUNTIME_ASSET_URL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace blockrt::runtime {

struct AssetRef {
  std::string bundle_uuid;
  std::string version_or_draft;  // "5" or a draft name
  std::string path;              // "TYPE/ID/static/NAME"
  std::string usage_key;         // the block that owns the asset
};

class AssetUrlSigner {
 public:
  // `keys`: the first signs, every one verifies (rotation). With no key
  // nothing can be signed or verified.
  explicit AssetUrlSigner(std::vector<std::string> keys,
                          std::string prefix = "/api/blockrt/v1/assets/");

  bool can_sign() const { return !keys_.empty() && !keys_.front().empty(); }
  // The URL path segments are percent-encoded; the signature covers the
  // decoded fields. FailedPrecondition without a key.
  Result<std::string> Sign(const AssetRef& asset, int64_t expires_unix) const;
  // PermissionDenied for a bad or missing signature, or once `now_unix` is past
  // the expiry; InvalidArgument for something that is not an asset URL (wrong
  // prefix, missing or extra parts, unknown or repeated query parameters).
  Result<AssetRef> Verify(std::string_view url, int64_t now_unix) const;

  // The signed text (exposed for tests of its unambiguity).
  static std::string SignedText(const AssetRef& asset, std::string_view expires);

 private:
  std::vector<std::string> keys_;
  std::string prefix_;
};

}  // namespace blockrt::runtime

#endif  // BLOCKRT_RUNTIME_ASSET_URL_H_
