// The (block type, url_name) pairs a course load has seen, as an open-addressed
// table of views: one probe per block and no node allocation per insert (a
// std::unordered_set allocated once per block of a course).
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_BLOCK_ID_SET_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_BLOCK_ID_SET_H_

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace blockrt::olx::internal {

// The views must outlive the set (the course loader points them at its
// blocks' own strings, which a deque never moves). Callers hash once with
// HashOf and pass the hash to both calls.
class BlockIdSet {
 public:
  static size_t HashOf(std::string_view type, std::string_view url_name) {
    std::hash<std::string_view> h;
    return h(url_name) * 31 + h(type);
  }

  bool Contains(size_t hash, std::string_view type, std::string_view url_name) const {
    if (slots_.empty()) return false;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return false;
      if (s.hash == hash && s.url_name == url_name && s.type == type) return true;
    }
  }

  // A repeated id is kept once (the first views stay).
  void Insert(size_t hash, std::string_view type, std::string_view url_name) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Place(Slot{type, url_name, hash, true});
  }

 private:
  struct Slot {
    std::string_view type, url_name;
    size_t hash = 0;
    bool used = false;
  };

  void Place(const Slot& s) {
    for (size_t i = s.hash & mask_;; i = (i + 1) & mask_) {
      Slot& at = slots_[i];
      if (!at.used) {
        at = s;
        ++size_;
        return;
      }
      if (at.hash == s.hash && at.url_name == s.url_name && at.type == s.type) return;
    }
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 256 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& s : old) {
      if (s.used) Place(s);
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_BLOCK_ID_SET_H_
