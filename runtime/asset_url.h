// Signed asset URLs: a block's `/static/NAME` becomes
// "{prefix}{bundle}/{version|draft}/{TYPE/ID/static/NAME}?expires=T&signature=S"
// with S = HMAC-SHA256(secret, "bundle/version|draft/path\nT"), so only the
// runtime that signed it can vouch for it, and only until T.
#ifndef BLOCKRT_RUNTIME_ASSET_URL_H_
#define BLOCKRT_RUNTIME_ASSET_URL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace blockrt::runtime {

struct AssetRef {
  std::string bundle_uuid;
  std::string version_or_draft;  // "5" or a draft name
  std::string path;              // "TYPE/ID/static/NAME"
};

class AssetUrlSigner {
 public:
  AssetUrlSigner(std::string secret, std::string prefix = "/api/blockrt/v1/assets/");

  // The URL path segments are percent-encoded; the signature covers the decoded form.
  std::string Sign(const AssetRef& asset, int64_t expires_unix) const;
  // PermissionDenied for a bad or missing signature, or once `now_unix` is past
  // the expiry; InvalidArgument for something that is not an asset URL.
  Result<AssetRef> Verify(std::string_view url, int64_t now_unix) const;

 private:
  std::string Mac(const AssetRef& asset, std::string_view expires) const;
  std::string secret_;
  std::string prefix_;
};

}  // namespace blockrt::runtime

#endif  // BLOCKRT_RUNTIME_ASSET_URL_H_
