#include "base/sha1.h"

// The low-level SHA1_* API (deprecated in OpenSSL 3, still supported): in 3.0
// the one-shot SHA1() goes through EVP_Q_digest, which fetches the algorithm
// from the provider on every call and cost more than hashing a key-sized input.
#define OPENSSL_API_COMPAT 0x10101000L
#include <openssl/sha.h>

#include <cstring>

static_assert(SHA_DIGEST_LENGTH == blockrt::kSha1Size, "SHA-1 digests are 20 bytes");

namespace blockrt {

void Sha1(std::string_view data, unsigned char digest[kSha1Size]) {
  SHA_CTX ctx;
  SHA1_Init(&ctx);
  SHA1_Update(&ctx, data.data(), data.size());
  SHA1_Final(digest, &ctx);
}

namespace {

// "000102...ff": a byte's two hex digits in one load (DERIVE_ID batches hash
// millions of short strings, and a digit at a time showed in profiles).
struct HexPairs {
  char text[512];
  constexpr HexPairs() : text() {
    constexpr char kHex[] = "0123456789abcdef";
    for (int b = 0; b < 256; ++b) {
      text[2 * b] = kHex[b >> 4];
      text[2 * b + 1] = kHex[b & 15];
    }
  }
};
constexpr HexPairs kHexPairs;

}  // namespace

void WriteSha1Hex(std::string_view data, char* out, size_t hex_digits) {
  unsigned char digest[kSha1Size];
  Sha1(data, digest);
  if (hex_digits > 2 * kSha1Size) hex_digits = 2 * kSha1Size;
  size_t i = 0;
  for (; i + 2 <= hex_digits; i += 2) std::memcpy(out + i, &kHexPairs.text[2 * digest[i / 2]], 2);
  if (i < hex_digits) out[i] = kHexPairs.text[2 * digest[i / 2]];
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
