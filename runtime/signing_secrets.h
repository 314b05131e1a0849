// The keys that sign asset URLs and handler tokens. There is no built-in
// default: an embedding application passes its own (RuntimeOptions), or the
// store keeps a random set of its own, generated on first use (`blockrt store
// init` or the first Engine::Open) and rotated on demand. Whoever knows a key
// can forge URLs and tokens for every user, so keys never leave the store
// (no export, no CLI output).
#ifndef BLOCKRT_RUNTIME_SIGNING_SECRETS_H_
#define BLOCKRT_RUNTIME_SIGNING_SECRETS_H_

#include <string>
#include <vector>

#include "base/result.h"
#include "store/store.h"

namespace blockrt::runtime {

// Record table and key the store's secrets live under (store/FORMAT.md).
inline constexpr char kSecretsTable[] = "runtime_secrets";
inline constexpr char kSigningSecretsKey[] = "signing";

struct SigningSecrets {
  // The first key of each list signs; all of them verify (rotation).
  std::vector<std::string> asset_keys;
  std::vector<std::string> handler_keys;
};

// 32 bytes from the OpenSSL CSPRNG, as 64 hex digits. Internal when the
// generator fails (never a weak fallback).
Result<std::string> RandomSecret();

// The store's secrets, created (random) when it has none yet. Corruption when
// the stored record is malformed.
Result<SigningSecrets> EnsureSigningSecrets(store::Store& store);

// Makes fresh keys current. The previous current key of each list keeps
// verifying (URLs and tokens already handed out stay valid until they
// expire); older ones are dropped, so rotating twice revokes everything that
// was signed before the first rotation.
Result<SigningSecrets> RotateSigningSecrets(store::Store& store);

}  // namespace blockrt::runtime

#endif  // BLOCKRT_RUNTIME_SIGNING_SECRETS_H_
