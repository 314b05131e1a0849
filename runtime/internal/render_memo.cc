#include "runtime/internal/render_memo.h"

#include "contexts/bundle_snapshots.h"

namespace blockrt::runtime::internal {
namespace {

uint64_t PointerHash(const void* p) {
  uint64_t h = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p)) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

// Adds entry `index` (whose hash is `hash`) to `slots`, rebuilding them from
// every entry's hash when they would be over half full.
template <typename HashOf>
void Index(std::vector<uint32_t>* slots, uint32_t index, uint64_t hash, HashOf hash_of) {
  const size_t entries = static_cast<size_t>(index) + 1;
  if (entries * 2 > slots->size()) {
    size_t capacity = 16;
    while (capacity < entries * 2) capacity *= 2;
    slots->assign(capacity, 0);
    for (uint32_t i = 0; i < index; ++i) Index(slots, i, hash_of(i), hash_of);
  }
  const size_t mask = slots->size() - 1;
  size_t at = hash & mask;
  while ((*slots)[at] != 0) at = (at + 1) & mask;
  (*slots)[at] = index + 1;
}

}  // namespace

RenderMemo::TokenEntry* RenderMemo::FindToken(std::string_view usage) {
  if (token_slots_.empty()) return nullptr;
  const uint64_t hash = contexts::PathHash(usage);
  const size_t mask = token_slots_.size() - 1;
  for (size_t at = hash & mask; token_slots_[at] != 0; at = (at + 1) & mask) {
    TokenEntry& e = tokens_[token_slots_[at] - 1];
    if (e.hash == hash && e.usage == usage) return &e;
  }
  return nullptr;
}

RenderMemo::TokenEntry* RenderMemo::PutToken(std::string_view usage, int64_t period,
                                             std::string_view token) {
  TokenEntry* entry = FindToken(usage);
  if (entry == nullptr) {
    const uint64_t hash = contexts::PathHash(usage);
    tokens_.push_back(TokenEntry{hash, Keep(usage), 0, {}, {}});
    Index(&token_slots_, static_cast<uint32_t>(tokens_.size() - 1), hash,
          [&](uint32_t i) { return tokens_[i].hash; });
    entry = &tokens_.back();
  }
  entry->period = period;
  entry->token = Keep(token);
  entry->problem_actions = {};
  return entry;
}

const std::string_view* RenderMemo::FindProblemView(const olx::Definition* def) const {
  if (view_slots_.empty()) return nullptr;
  const size_t mask = view_slots_.size() - 1;
  for (size_t at = PointerHash(def) & mask; view_slots_[at] != 0; at = (at + 1) & mask) {
    const ViewEntry& e = views_[view_slots_[at] - 1];
    if (e.def.get() == def) return &e.html;
  }
  return nullptr;
}

std::string_view RenderMemo::PutProblemView(std::shared_ptr<const olx::Definition> def,
                                            std::string_view html) {
  const uint64_t hash = PointerHash(def.get());
  views_.push_back(ViewEntry{std::move(def), Keep(html)});
  Index(&view_slots_, static_cast<uint32_t>(views_.size() - 1), hash,
        [&](uint32_t i) { return PointerHash(views_[i].def.get()); });
  return views_.back().html;
}

void RenderMemo::Trim() {
  if (arena_.used() <= kMaxBytes && tokens_.size() + views_.size() <= kMaxEntries &&
      views_.size() <= kMaxViews) {
    return;
  }
  arena_ = Arena();
  tokens_.clear();
  token_slots_.clear();
  views_.clear();
  view_slots_.clear();
}

}  // namespace blockrt::runtime::internal
