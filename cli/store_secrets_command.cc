// blockrt store rotate-secrets, and the keys `store init` creates: the store's
// own asset-URL and handler-token signing keys (runtime/signing_secrets.h).
// The keys themselves are never printed.
#include "cli/store_cli.h"
#include "runtime/signing_secrets.h"

namespace blockrt::cli::storecli {

int EnsureSecrets(Ctx& c) {
  Result<runtime::SigningSecrets> s = runtime::EnsureSigningSecrets(*c.store);
  return s.ok() ? kExitOk : c.Fail(s.status());
}

int RotateSecrets(Ctx& c) {
  Result<runtime::SigningSecrets> s = runtime::RotateSigningSecrets(*c.store);
  if (!s.ok()) return c.Fail(s.status());
  const size_t kept = s->asset_keys.size() - 1;
  if (c.args.json) {
    c.Json({{"rotated", true}, {"previous_keys_kept", kept}});
  } else {
    *c.inv.out << "signing keys rotated; " << kept
               << " previous key(s) still verify until the next rotation\n";
  }
  return kExitOk;
}

}  // namespace blockrt::cli::storecli
