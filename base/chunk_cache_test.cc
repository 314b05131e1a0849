#include "base/chunk_cache.h"

#include <gtest/gtest.h>

#include <cstring>
#include <thread>
#include <vector>

namespace blockrt {
namespace {

TEST(ChunkCacheTest, StandardSizesAreReused) {
  void* a = AcquireChunk(64 << 10);
  std::memset(a, 1, 64 << 10);
  ReleaseChunk(a, 64 << 10);
  void* b = AcquireChunk(64 << 10);
#if !defined(__SANITIZE_ADDRESS__)
  EXPECT_EQ(a, b);  // the cached chunk comes back (not kept under ASan)
#endif
  ReleaseChunk(b, 64 << 10);
  // Odd and oversized chunks are plain allocations (and nullptr is ignored).
  for (size_t size : {size_t{1}, size_t{5000}, size_t{3} << 20, size_t{2} << 20}) {
    void* p = AcquireChunk(size);
    ASSERT_NE(p, nullptr);
    std::memset(p, 2, size);
    ReleaseChunk(p, size);
  }
  ReleaseChunk(nullptr, 4096);
}

TEST(ChunkCacheTest, ThreadsShareTheCache) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([] {
      for (int i = 0; i < 2000; ++i) {
        size_t size = size_t{4096} << (i % 6);
        char* p = static_cast<char*>(AcquireChunk(size));
        p[0] = p[size - 1] = 'x';
        ReleaseChunk(p, size);
      }
    });
  }
  for (std::thread& t : threads) t.join();
}

}  // namespace
}  // namespace blockrt
