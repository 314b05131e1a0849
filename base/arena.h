// Arena: append-only storage for the strings and small arrays of one large,
// read-mostly object (a loaded course). Everything is freed at once with the
// arena (its chunks go back to the chunk cache); pointers stay valid when the
// arena is moved. Not thread-safe.
#ifndef BLOCKRT_BASE_ARENA_H_
#define BLOCKRT_BASE_ARENA_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace blockrt {

class Arena {
 public:
  Arena() = default;
  ~Arena();
  Arena(Arena&& o) noexcept;
  Arena& operator=(Arena&& o) noexcept;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // A copy of `s` that lives as long as the arena ("" costs nothing).
  std::string_view Copy(std::string_view s) {
    if (s.empty()) return std::string_view();
    char* p = AllocateBytes(s.size(), 1);
    std::memcpy(p, s.data(), s.size());
    return std::string_view(p, s.size());
  }

  // Room for n objects of a trivially destructible T (never destroyed),
  // uninitialized; nullptr when n == 0.
  template <class T>
  T* Allocate(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>, "the arena never runs destructors");
    if (n == 0) return nullptr;
    return reinterpret_cast<T*>(AllocateBytes(n * sizeof(T), alignof(T)));
  }

  // Bytes handed out and bytes reserved from the heap.
  size_t used() const { return used_; }
  size_t reserved() const { return reserved_; }

 private:
  // The common case inline: room in the current chunk.
  char* AllocateBytes(size_t n, size_t align) {
    size_t pad = (align - (reinterpret_cast<uintptr_t>(next_) & (align - 1))) & (align - 1);
    if (n + pad > left_) return AllocateSlow(n);
    char* p = next_ + pad;
    next_ = p + n;
    left_ -= n + pad;
    used_ += n;
    return p;
  }
  char* AllocateSlow(size_t n);
  char* NewChunk(size_t n);

  void Release();

  std::vector<std::pair<char*, size_t>> chunks_;
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t chunk_size_ = 4096;
  size_t used_ = 0;
  size_t reserved_ = 0;
};

}  // namespace blockrt

#endif  // BLOCKRT_BASE_ARENA_H_
