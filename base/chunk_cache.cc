#include "base/chunk_cache.h"

#include <mutex>
#include <new>
#include <utility>
#include <vector>

namespace blockrt {
namespace {

constexpr size_t kMinChunk = 4096;
constexpr size_t kMaxChunk = 1u << 20;
constexpr size_t kMaxCached = 16u << 20;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Only the standard sizes are kept, so odd sizes never crowd them out. Under
// AddressSanitizer nothing is kept: a use after release must stay visible.
bool Cacheable(size_t size) {
  return !kSanitized && size >= kMinChunk && size <= kMaxChunk && (size & (size - 1)) == 0;
}

struct Cache {
  std::mutex mu;
  std::vector<std::pair<void*, size_t>> free;  // few entries: scanned linearly
  size_t bytes = 0;
};

Cache& TheCache() {
  static Cache* cache = new Cache();  // never destroyed: chunks may be released at exit
  return *cache;
}

}  // namespace

void* AcquireChunk(size_t size) {
  if (Cacheable(size)) {
    Cache& c = TheCache();
    std::lock_guard<std::mutex> lock(c.mu);
    for (size_t i = c.free.size(); i-- > 0;) {
      if (c.free[i].second == size) {
        void* p = c.free[i].first;
        c.free[i] = c.free.back();
        c.free.pop_back();
        c.bytes -= size;
        return p;
      }
    }
  }
  return ::operator new(size);
}

void ReleaseChunk(void* chunk, size_t size) {
  if (chunk == nullptr) return;
  if (Cacheable(size)) {
    Cache& c = TheCache();
    std::lock_guard<std::mutex> lock(c.mu);
    if (c.bytes + size <= kMaxCached) {
      c.free.emplace_back(chunk, size);
      c.bytes += size;
      return;
    }
  }
  ::operator delete(chunk);
}

}  // namespace blockrt
