#include "base/sha1.h"

// The low-level SHA1_* API (deprecated in OpenSSL 3, still supported): in 3.0
// the one-shot SHA1() goes through EVP_Q_digest, which fetches the algorithm
// from the provider on every call and cost more than hashing a key-sized input.
#define OPENSSL_API_COMPAT 0x10101000L
#include <openssl/sha.h>

static_assert(SHA_DIGEST_LENGTH == blockrt::kSha1Size, "SHA-1 digests are 20 bytes");

namespace blockrt {

void Sha1(std::string_view data, unsigned char digest[kSha1Size]) {
  SHA_CTX ctx;
  SHA1_Init(&ctx);
  SHA1_Update(&ctx, data.data(), data.size());
  SHA1_Final(digest, &ctx);
}

void WriteSha1Hex(std::string_view data, char* out, size_t hex_digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  unsigned char digest[kSha1Size];
  Sha1(data, digest);
  if (hex_digits > 2 * kSha1Size) hex_digits = 2 * kSha1Size;
  for (size_t i = 0; i < hex_digits; ++i) {
    unsigned char b = digest[i / 2];
    out[i] = kHex[(i & 1) ? (b & 15) : (b >> 4)];
  }
}

void AppendSha1Hex(std::string* out, std::string_view data, size_t hex_digits) {
  if (hex_digits > 2 * kSha1Size) hex_digits = 2 * kSha1Size;
  size_t at = out->size();
  out->resize(at + hex_digits);
  WriteSha1Hex(data, &(*out)[at], hex_digits);
}

std::string Sha1Hex(std::string_view data) {
  std::string out;
  AppendSha1Hex(&out, data);
  return out;
}

}  // namespace blockrt
