// Content-addressed blobs: stored once per store under their BLAKE2b-160
// digest, inline when small and in 1 MiB chunks when large, and rehashed on
// every read so damaged bytes surface as Corruption, never as content.
#ifndef BLOCKRT_STORE_INTERNAL_BLOBS_H_
#define BLOCKRT_STORE_INTERNAL_BLOBS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "store/internal/impl.h"

namespace blockrt::store {

inline constexpr int64_t kChunkBytes = 1 << 20;
// LC's cap on a single content item.
inline constexpr int64_t kMaxFileBytes = int64_t{1} << 30;

struct BlobRef {
  int64_t id = 0;
  std::string digest;
  int64_t size = 0;
};

// Must run inside Impl::Write. Returns the existing blob when the digest is known.
Result<BlobRef> PutBlob(Store::Impl& s, std::string_view bytes);
// Streams `file` from disk (two passes for large files: hash, then copy,
// checking the file did not change in between).
Result<BlobRef> PutBlobFromFile(Store::Impl& s, const std::string& file);
// Streams the blob's bytes to `sink`, then checks size and digest; `where()`
// ("path 'a/b' at v3 of bundle 'x'") goes into the Corruption message.
Status ReadBlob(Store::Impl& s, int64_t blob_id,
                const std::function<Status(std::string_view)>& sink,
                const std::function<std::string()>& where);

}  // namespace blockrt::store

#endif  // BLOCKRT_STORE_INTERNAL_BLOBS_H_
