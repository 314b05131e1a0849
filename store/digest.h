// Content digests: BLAKE2b with a 20-byte output (as Blockstore and Learning
// Core use), shown as 40 lowercase hex characters. Incremental so large files
// hash in bounded memory.
#ifndef BLOCKRT_STORE_DIGEST_H_
#define BLOCKRT_STORE_DIGEST_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace blockrt::store {

class Blake2b {
 public:
  // out_len in 1..64 bytes; key optional (up to 64 bytes).
  explicit Blake2b(size_t out_len = 20, std::string_view key = {});
  void Update(std::string_view data);
  // Finishes and returns the raw digest; the object must not be reused.
  std::string Final();

 private:
  void Compress(const uint8_t* block, bool last);
  uint64_t h_[8];
  uint64_t t_[2] = {0, 0};
  uint8_t buf_[128];
  size_t buf_len_ = 0;
  size_t out_len_;
};

// BLAKE2b-160 hex of `data`.
std::string ContentDigest(std::string_view data);
std::string ToHex(std::string_view raw);

}  // namespace blockrt::store

#endif  // BLOCKRT_STORE_DIGEST_H_
