#include "base/arena.h"

#include <cstdint>

namespace blockrt {
namespace {
// Chunks double up to this size; a small load stays small, a large one makes
// few heap calls.
constexpr size_t kMaxChunk = 1u << 20;
}  // namespace

char* Arena::AllocateBytes(size_t n, size_t align) {
  size_t pad = (align - (reinterpret_cast<uintptr_t>(next_) & (align - 1))) & (align - 1);
  if (n + pad > left_) {
    // Large objects get a chunk of their own so the current one keeps its room.
    if (n > chunk_size_ / 4) {
      used_ += n;
      return NewChunk(n);
    }
    if (chunk_size_ < kMaxChunk) chunk_size_ *= 2;
    next_ = NewChunk(chunk_size_);
    left_ = chunk_size_;
    pad = 0;  // new[] memory is aligned for any fundamental type
  }
  char* p = next_ + pad;
  next_ = p + n;
  left_ -= n + pad;
  used_ += n;
  return p;
}

char* Arena::NewChunk(size_t n) {
  chunks_.push_back(std::unique_ptr<char[]>(new char[n]));
  reserved_ += n;
  return chunks_.back().get();
}

}  // namespace blockrt
