// RenderMemo: what one Runtime's renders derive from slow inputs and reuse,
// handler tokens (an HMAC each) per usage key and problem markup per parsed
// definition. Every string lives in one append-only arena of large chunks,
// found through flat open-addressed tables, so a first render adds no
// allocation per entry and dropping the memo frees a handful of buffers (a
// node-based map cost a few allocations per entry and as many frees).
// Views it returns stay valid until Trim() or destruction. Not thread-safe
// (one per Runtime).
#ifndef BLOCKRT_RUNTIME_INTERNAL_RENDER_MEMO_H_
#define BLOCKRT_RUNTIME_INTERNAL_RENDER_MEMO_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "base/arena.h"
#include "olx/definition.h"

namespace blockrt::runtime::internal {

// One usage's memoized handler token (and the problem actions built from it).
struct TokenEntry {
  uint64_t hash = 0;
  std::string_view usage;
  int64_t period = 0;
  std::string_view token;
  std::string_view problem_actions;  // the problem view's actions HTML; empty until built
};

class RenderMemo {
 public:
  using TokenEntry = internal::TokenEntry;

  // The entry of `usage`, or null.
  TokenEntry* FindToken(std::string_view usage);
  // Records `token` for `usage` in `period` (replacing what it had, whose
  // problem actions are then dropped).
  TokenEntry* PutToken(std::string_view usage, int64_t period, std::string_view token);
  void SetProblemActions(TokenEntry* entry, std::string_view url) {
    entry->problem_actions = Keep(url);
  }

  // The problem markup memoized for `def`, or null.
  const std::string_view* FindProblemView(const olx::Definition* def) const;
  // Keeps `html` for `def`, which stays pinned so its address is not reused.
  std::string_view PutProblemView(std::shared_ptr<const olx::Definition> def,
                                  std::string_view html);

  // Forgets everything once the memo holds more than its budget; call only
  // where no view it returned is in use.
  void Trim();

 private:
  static constexpr size_t kMaxBytes = 16 << 20;
  static constexpr size_t kMaxEntries = 1 << 16;
  // Each view pins its definition (and through it a library's state), so
  // views have a budget of their own.
  static constexpr size_t kMaxViews = 4096;

  struct ViewEntry {
    std::shared_ptr<const olx::Definition> def;
    std::string_view html;
  };
  std::string_view Keep(std::string_view s) { return arena_.Copy(s); }

  // The tables: open addressing over entry indexes (+1; 0 = empty), at most
  // half full.
  Arena arena_;
  std::vector<TokenEntry> tokens_;
  std::vector<uint32_t> token_slots_;
  std::vector<ViewEntry> views_;
  std::vector<uint32_t> view_slots_;
};

}  // namespace blockrt::runtime::internal

#endif  // BLOCKRT_RUNTIME_INTERNAL_RENDER_MEMO_H_
