#include "base/arena.h"

#include <cstdint>

#include "base/chunk_cache.h"

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
  char* p = static_cast<char*>(AcquireChunk(n));
  chunks_.emplace_back(p, n);
  reserved_ += n;
  return p;
}

Arena::~Arena() { Release(); }

Arena::Arena(Arena&& o) noexcept
    : chunks_(std::move(o.chunks_)),
      next_(std::exchange(o.next_, nullptr)),
      left_(std::exchange(o.left_, 0)),
      chunk_size_(o.chunk_size_),
      used_(std::exchange(o.used_, 0)),
      reserved_(std::exchange(o.reserved_, 0)) {
  o.chunks_.clear();
}

Arena& Arena::operator=(Arena&& o) noexcept {
  if (this != &o) {
    Release();
    chunks_ = std::move(o.chunks_);
    o.chunks_.clear();
    next_ = std::exchange(o.next_, nullptr);
    left_ = std::exchange(o.left_, 0);
    chunk_size_ = o.chunk_size_;
    used_ = std::exchange(o.used_, 0);
    reserved_ = std::exchange(o.reserved_, 0);
  }
  return *this;
}

void Arena::Release() {
  for (const auto& [p, n] : chunks_) ReleaseChunk(p, n);
  chunks_.clear();
  next_ = nullptr;
  left_ = 0;
}

}  // namespace blockrt
