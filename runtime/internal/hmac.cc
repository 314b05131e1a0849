#include "runtime/internal/hmac.h"

// SHA-256 through its low-level API (deprecated in OpenSSL 3 in favour of
// EVP, still supported): its context is a plain struct, so a keyed state is
// copied by value. EVP_MD_CTX_copy_ex allocates and dispatches through the
// provider on every copy, which cost more than the two compressions a short
// message needs.
#define OPENSSL_API_COMPAT 0x10101000L
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>

#include "store/digest.h"

namespace blockrt::runtime::internal {
namespace {

constexpr size_t kBlockSize = 64;  // SHA-256

// A key's HMAC-SHA256 state after absorbing (key ^ ipad) and (key ^ opad):
// each message then costs two struct copies and the message's own blocks.
struct KeyedState {
  std::string key;
  SHA256_CTX inner;
  SHA256_CTX outer;

  explicit KeyedState(std::string_view k) : key(k) {
    unsigned char block[kBlockSize] = {};
    if (k.size() > kBlockSize) {
      SHA256(reinterpret_cast<const unsigned char*>(k.data()), k.size(), block);
    } else if (!k.empty()) {
      std::memcpy(block, k.data(), k.size());
    }
    unsigned char ipad[kBlockSize], opad[kBlockSize];
    for (size_t i = 0; i < kBlockSize; ++i) {
      ipad[i] = block[i] ^ 0x36;
      opad[i] = block[i] ^ 0x5c;
    }
    SHA256_Init(&inner);
    SHA256_Update(&inner, ipad, kBlockSize);
    SHA256_Init(&outer);
    SHA256_Update(&outer, opad, kBlockSize);
    OPENSSL_cleanse(block, sizeof(block));
    OPENSSL_cleanse(ipad, sizeof(ipad));
    OPENSSL_cleanse(opad, sizeof(opad));
  }
  ~KeyedState() {
    OPENSSL_cleanse(key.data(), key.size());
    OPENSSL_cleanse(&inner, sizeof(inner));
    OPENSSL_cleanse(&outer, sizeof(outer));
  }
};

// The last few keys used on this thread (a runtime signs with one or two).
constexpr size_t kCachedKeys = 4;
struct KeyCache {
  std::array<std::unique_ptr<KeyedState>, kCachedKeys> slots;
  size_t next = 0;

  const KeyedState* Get(std::string_view key) {
    for (const auto& s : slots) {
      if (s && s->key.size() == key.size() &&
          CRYPTO_memcmp(s->key.data(), key.data(), key.size()) == 0) {
        return s.get();
      }
    }
    auto& slot = slots[next];
    next = (next + 1) % kCachedKeys;
    slot = std::make_unique<KeyedState>(key);
    return slot.get();
  }
};

void Mac(std::string_view key, std::string_view message, unsigned char* mac) {
  thread_local KeyCache cache;
  const KeyedState* st = cache.Get(key);
  unsigned char inner[SHA256_DIGEST_LENGTH];
  SHA256_CTX ctx = st->inner;
  SHA256_Update(&ctx, message.data(), message.size());
  SHA256_Final(inner, &ctx);
  ctx = st->outer;
  SHA256_Update(&ctx, inner, sizeof(inner));
  SHA256_Final(mac, &ctx);
  OPENSSL_cleanse(&ctx, sizeof(ctx));
  OPENSSL_cleanse(inner, sizeof(inner));
}

}  // namespace

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  unsigned char mac[SHA256_DIGEST_LENGTH];
  Mac(key, message, mac);
  return store::ToHex(std::string_view(reinterpret_cast<const char*>(mac), sizeof(mac)));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace blockrt::runtime::internal
