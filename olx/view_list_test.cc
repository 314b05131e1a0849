#include "olx/view_list.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace blockrt::olx {
namespace {

struct Counted {
  static int live;
  std::string s;
  Counted() { ++live; }
  ~Counted() { --live; }
};
int Counted::live = 0;

// Elements are built one at a time, never move while the list grows, move
// with the list and are destroyed exactly once.
TEST(ChunkedListTest, StableElementsAndOwnership) {
  {
    ChunkedList<Counted, 4> list;
    std::vector<Counted*> seen;
    for (int i = 0; i < 11; ++i) {
      Counted& c = list.emplace_back();
      c.s = std::string(40, static_cast<char>('a' + i));  // heap-allocated strings
      seen.push_back(&c);
    }
    EXPECT_EQ(Counted::live, 11);
    for (int i = 0; i < 11; ++i) EXPECT_EQ(&list[i], seen[i]);
    ChunkedList<Counted, 4> moved = std::move(list);
    EXPECT_TRUE(list.empty());
    EXPECT_EQ(moved.size(), 11u);
    EXPECT_EQ(moved.back().s, std::string(40, 'k'));
    int n = 0;
    for (const Counted& c : moved) n += c.s.size() == 40;
    EXPECT_EQ(n, 11);
    ChunkedList<Counted, 4> other;
    other.emplace_back();
    other = std::move(moved);
    EXPECT_EQ(other.size(), 11u);
    EXPECT_EQ(Counted::live, 11);
  }
  EXPECT_EQ(Counted::live, 0);
}

TEST(ViewListTest, Views) {
  int data[] = {3, 1, 2};
  ViewList<int> v(data, 3);
  EXPECT_EQ(v.size(), 3u);
  EXPECT_EQ(v[1], 1);
  int sum = 0;
  for (int x : v) sum += x;
  EXPECT_EQ(sum, 6);
  EXPECT_TRUE(ViewList<int>().empty());
}

}  // namespace
}  // namespace blockrt::olx
