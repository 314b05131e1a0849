#include "contexts/library_content/selection.h"

#include <algorithm>
#include <set>

namespace blockrt::contexts::library_content {
namespace {

// `k` of the sorted `pool`, drawn by `random`.
std::vector<BlockRef> SampleOf(const std::set<BlockRef>& pool, size_t k, RandomSource& random) {
  std::vector<BlockRef> sorted(pool.begin(), pool.end());
  std::vector<BlockRef> out;
  for (size_t i : random.Sample(sorted.size(), k)) out.push_back(sorted[i]);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Selection MakeSelection(const std::vector<BlockRef>& stored, const std::vector<BlockRef>& children,
                        int64_t max_count, RandomSource& random) {
  Selection out;
  std::set<BlockRef> selected(stored.begin(), stored.end());
  const std::set<BlockRef> valid(children.begin(), children.end());
  const size_t n = max_count < 0 ? children.size() : static_cast<size_t>(max_count);
  for (auto it = selected.begin(); it != selected.end();) {
    if (valid.count(*it) == 0) {
      out.invalid.push_back(*it);
      it = selected.erase(it);
    } else {
      ++it;
    }
  }
  if (selected.size() > n) {
    out.overlimit = SampleOf(selected, selected.size() - n, random);
    for (const BlockRef& r : out.overlimit) selected.erase(r);
  }
  if (selected.size() < n) {
    std::set<BlockRef> pool;
    for (const BlockRef& r : valid) {
      if (selected.count(r) == 0) pool.insert(r);
    }
    out.added = SampleOf(pool, std::min(n - selected.size(), pool.size()), random);
    selected.insert(out.added.begin(), out.added.end());
  }
  if (!out.changed()) {
    out.selected = stored;
    return out;
  }
  std::vector<BlockRef> list(selected.begin(), selected.end());
  for (size_t i : random.Shuffle(list.size())) out.selected.push_back(list[i]);
  return out;
}

}  // namespace blockrt::contexts::library_content
