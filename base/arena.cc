#include "base/arena.h"

#include <cstdint>

namespace blockrt {
namespace {
// Chunks double up to this size; a small load stays small, a large one makes
// few heap calls.
constexpr size_t kMaxChunk = 1u << 20;
}  // namespace

char* Arena::AllocateSlow(size_t n) {
  // Large objects get a chunk of their own so the current one keeps its room.
  used_ += n;
  if (n > chunk_size_ / 4) return NewChunk(n);
  if (chunk_size_ < kMaxChunk) chunk_size_ *= 2;
  // new[] memory is aligned for any fundamental type, so no padding here.
  char* p = NewChunk(chunk_size_);
  next_ = p + n;
  left_ = chunk_size_ - n;
  return p;
}

char* Arena::NewChunk(size_t n) {
  chunks_.push_back(std::unique_ptr<char[]>(new char[n]));
  reserved_ += n;
  return chunks_.back().get();
}

}  // namespace blockrt
