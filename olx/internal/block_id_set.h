// The (block type, url_name) pairs a course load has seen, as an open-addressed
// table of views: one probe per block and no node allocation per insert (a
// std::unordered_set allocated once per block of a course).
#ifndef BLOCKRT_OLX_INTERNAL_BLOCK_ID_SET_H_
#define BLOCKRT_OLX_INTERNAL_BLOCK_ID_SET_H_

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace blockrt::olx::internal {

// The views must outlive the set (the course loader points them at its
// blocks' own strings, which a deque never moves).
class BlockIdSet {
 public:
  bool Contains(std::string_view type, std::string_view url_name) const {
    if (slots_.empty()) return false;
    for (size_t i = Hash(type, url_name) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return false;
      if (s.url_name == url_name && s.type == type) return true;
    }
  }

  void Insert(std::string_view type, std::string_view url_name) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Place(Slot{type, url_name, true});
  }

 private:
  struct Slot {
    std::string_view type, url_name;
    bool used = false;
  };

  static size_t Hash(std::string_view type, std::string_view url_name) {
    std::hash<std::string_view> h;
    return h(url_name) * 31 + h(type);
  }

  // Places s unless an equal slot exists (a repeated id is kept once).
  void Place(const Slot& s) {
    for (size_t i = Hash(s.type, s.url_name) & mask_;; i = (i + 1) & mask_) {
      Slot& at = slots_[i];
      if (!at.used) {
        at = s;
        ++size_;
        return;
      }
      if (at.url_name == s.url_name && at.type == s.type) return;
    }
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
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

#endif  // BLOCKRT_OLX_INTERNAL_BLOCK_ID_SET_H_
