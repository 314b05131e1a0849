#include "base/arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>

namespace blockrt {
namespace {

TEST(ArenaTest, CopiesSurviveGrowthAndMoves) {
  Arena arena;
  std::vector<std::pair<std::string, std::string_view>> kept;
  // Sizes that cross chunk boundaries and the dedicated-chunk threshold.
  for (size_t n : {0, 1, 15, 16, 17, 1000, 1023, 1024, 1025, 5000, 70000, 3, 300000, 7}) {
    std::string s(n, static_cast<char>('a' + n % 26));
    kept.emplace_back(s, arena.Copy(s));
  }
  Arena moved = std::move(arena);
  for (const auto& [want, view] : kept) EXPECT_EQ(view, want);
  EXPECT_TRUE(moved.Copy("").empty());
  EXPECT_GE(moved.reserved(), moved.used());
}

TEST(ArenaTest, ArraysAreAlignedAndDistinct) {
  Arena arena;
  arena.Copy("x");  // misalign the cursor
  uint64_t* a = arena.Allocate<uint64_t>(3);
  uint32_t* b = arena.Allocate<uint32_t>(1);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % alignof(uint64_t), 0u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(b) % alignof(uint32_t), 0u);
  a[0] = a[1] = a[2] = ~0ull;
  *b = 7;
  EXPECT_EQ(a[2], ~0ull);
  EXPECT_EQ(*b, 7u);
  EXPECT_EQ(arena.Allocate<int>(0), nullptr);
}

}  // namespace
}  // namespace blockrt
