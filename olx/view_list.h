// Small containers for loaded courses: ViewList, a read-only view of an array
// (the course's arena owns the elements), and ChunkedList, append-only storage
// in fixed chunks whose elements never move (blocks refer to each other by
// index and the loader keeps references while it appends); its chunks come
// from the chunk cache.
#ifndef BLOCKRT_OLX_VIEW_LIST_H_
#define BLOCKRT_OLX_VIEW_LIST_H_

#include <cstddef>
#include <new>
#include <utility>
#include <vector>

#include "base/chunk_cache.h"

namespace blockrt::olx {

template <class T>
class ViewList {
 public:
  ViewList() = default;
  ViewList(const T* data, size_t size) : data_(data), size_(size) {}
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return data_[i]; }

 private:
  const T* data_ = nullptr;
  size_t size_ = 0;
};

template <class T, size_t kChunk = 256>
class ChunkedList {
 public:
  template <class Ref, class List>
  class Iterator {
   public:
    Iterator(List* list, size_t i) : list_(list), i_(i) {}
    Ref operator*() const { return (*list_)[i_]; }
    auto* operator->() const { return &(*list_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const Iterator& o) const { return i_ == o.i_; }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    List* list_;
    size_t i_;
  };
  using iterator = Iterator<T&, ChunkedList>;
  using const_iterator = Iterator<const T&, const ChunkedList>;

  ChunkedList() = default;
  ~ChunkedList() { Clear(); }
  ChunkedList(ChunkedList&& o) noexcept : chunks_(std::move(o.chunks_)), size_(o.size_) {
    o.chunks_.clear();
    o.size_ = 0;
  }
  ChunkedList& operator=(ChunkedList&& o) noexcept {
    if (this != &o) {
      Clear();
      chunks_ = std::move(o.chunks_);
      size_ = o.size_;
      o.chunks_.clear();
      o.size_ = 0;
    }
    return *this;
  }
  ChunkedList(const ChunkedList&) = delete;
  ChunkedList& operator=(const ChunkedList&) = delete;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return chunks_[i / kChunk][i % kChunk]; }
  const T& operator[](size_t i) const { return chunks_[i / kChunk][i % kChunk]; }
  T& back() { return (*this)[size_ - 1]; }
  const T& back() const { return (*this)[size_ - 1]; }
  // Value-initializes the new element; earlier elements stay where they are.
  T& emplace_back() {
    if (size_ % kChunk == 0) chunks_.push_back(static_cast<T*>(AcquireChunk(kChunkBytes)));
    T* slot = &chunks_[size_ / kChunk][size_ % kChunk];
    new (slot) T();
    ++size_;
    return *slot;
  }
  iterator begin() { return iterator(this, 0); }
  iterator end() { return iterator(this, size_); }
  const_iterator begin() const { return const_iterator(this, 0); }
  const_iterator end() const { return const_iterator(this, size_); }

 private:
  // Chunks come from the chunk cache at a power-of-two size it keeps.
  static constexpr size_t RoundUp(size_t n) {
    size_t p = 4096;
    while (p < n) p *= 2;
    return p;
  }
  static constexpr size_t kChunkBytes = RoundUp(kChunk * sizeof(T));
  static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "chunks are operator new memory");

  void Clear() {
    for (size_t i = 0; i < size_; ++i) (*this)[i].~T();
    for (T* c : chunks_) ReleaseChunk(c, kChunkBytes);
    chunks_.clear();
    size_ = 0;
  }

  std::vector<T*> chunks_;
  size_t size_ = 0;
};

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_VIEW_LIST_H_
