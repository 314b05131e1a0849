#include "runtime/internal/hmac.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>

namespace blockrt::runtime::internal {
namespace {

constexpr size_t kBlockSize = 64;  // SHA-256

struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// A key's HMAC-SHA256 state after absorbing (key ^ ipad) and (key ^ opad):
// each message then costs two context copies instead of the full key setup
// (fetching the MAC, hashing the padded key twice) that one-shot HMAC() does.
struct KeyedState {
  std::string key;
  MdCtx inner;
  MdCtx outer;
  bool ok = false;

  explicit KeyedState(std::string_view k)
      : key(k), inner(EVP_MD_CTX_new()), outer(EVP_MD_CTX_new()) {
    unsigned char block[kBlockSize] = {};
    if (k.size() > kBlockSize) {
      unsigned int n = 0;
      if (!EVP_Digest(k.data(), k.size(), block, &n, EVP_sha256(), nullptr)) return;
    } else if (!k.empty()) {
      std::memcpy(block, k.data(), k.size());
    }
    unsigned char ipad[kBlockSize], opad[kBlockSize];
    for (size_t i = 0; i < kBlockSize; ++i) {
      ipad[i] = block[i] ^ 0x36;
      opad[i] = block[i] ^ 0x5c;
    }
    ok = inner && outer && EVP_DigestInit_ex(inner.get(), EVP_sha256(), nullptr) &&
         EVP_DigestUpdate(inner.get(), ipad, kBlockSize) &&
         EVP_DigestInit_ex(outer.get(), EVP_sha256(), nullptr) &&
         EVP_DigestUpdate(outer.get(), opad, kBlockSize);
    OPENSSL_cleanse(block, sizeof(block));
    OPENSSL_cleanse(ipad, sizeof(ipad));
    OPENSSL_cleanse(opad, sizeof(opad));
  }
  ~KeyedState() { OPENSSL_cleanse(key.data(), key.size()); }
};

// The last few keys used on this thread (a runtime signs with one or two).
constexpr size_t kCachedKeys = 4;
struct KeyCache {
  std::array<std::unique_ptr<KeyedState>, kCachedKeys> slots;
  size_t next = 0;
  MdCtx work{EVP_MD_CTX_new()};

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

bool Mac(std::string_view key, std::string_view message, unsigned char* mac) {
  thread_local KeyCache cache;
  const KeyedState* st = cache.Get(key);
  EVP_MD_CTX* w = cache.work.get();
  unsigned char inner[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  return st->ok && w != nullptr && EVP_MD_CTX_copy_ex(w, st->inner.get()) &&
         EVP_DigestUpdate(w, message.data(), message.size()) && EVP_DigestFinal_ex(w, inner, &n) &&
         EVP_MD_CTX_copy_ex(w, st->outer.get()) && EVP_DigestUpdate(w, inner, n) &&
         EVP_DigestFinal_ex(w, mac, &n);
}

}  // namespace

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 32;
  if (!Mac(key, message, mac)) {
    // Out of memory in the fast path: the one-shot HMAC, as before.
    len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &len);
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out(len * 2, '0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[mac[i] >> 4];
    out[2 * i + 1] = kHex[mac[i] & 15];
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace blockrt::runtime::internal
