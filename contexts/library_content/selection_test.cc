// make_selection's outcomes (library-content-semantics.md §1 and the
// item-bank tests): re-views keep the list, invalid entries refill and
// reshuffle, a full selection ignores new children, -1 takes them all,
// lowering max_count drops a sample. A scripted source stands in for the
// mocked Random.sample / shuffle; the default source is deterministic.
#include "contexts/library_content/selection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace blockrt::contexts::library_content {
namespace {

// sample: the first k of the pool; shuffle: reversed (edx tests mock both).
class Scripted : public RandomSource {
 public:
  std::vector<size_t> Sample(size_t n, size_t k) override {
    ++samples;
    std::vector<size_t> out;
    for (size_t i = 0; i < k && i < n; ++i) out.push_back(i);
    return out;
  }
  std::vector<size_t> Shuffle(size_t n) override {
    ++shuffles;
    std::vector<size_t> out;
    for (size_t i = n; i-- > 0;) out.push_back(i);
    return out;
  }
  int samples = 0, shuffles = 0;
};

std::vector<BlockRef> P(std::initializer_list<const char*> ids) {
  std::vector<BlockRef> out;
  for (const char* id : ids) out.emplace_back("problem", id);
  return out;
}

std::string Ids(const std::vector<BlockRef>& refs) {
  std::string out;
  for (const BlockRef& r : refs) out += (out.empty() ? "" : " ") + r.second;
  return out;
}

TEST(MakeSelection, TheReferencesOutcomes) {
  struct Case {
    const char* name;
    std::vector<BlockRef> stored, children;
    int64_t max_count;
    std::string selected, invalid, overlimit, added;
  } cases[] = {
      {"first view", {}, P({"a", "b", "c", "d"}), 1, "a", "", "", "a"},
      {"first view, all", {}, P({"a", "b", "c"}), -1, "c b a", "", "", "a b c"},
      {"re-view keeps the list and its order", P({"c", "a"}), P({"a", "b", "c", "d"}), 2, "c a", "",
       "", ""},
      {"a deleted child refills and reshuffles", P({"c", "a"}), P({"a", "b", "d"}), 2, "b a", "c",
       "", "b"},
      {"new children, fixed max_count, full", P({"b"}), P({"a", "b", "z"}), 1, "b", "", "", ""},
      {"new children, max_count -1", P({"b", "a"}), P({"a", "b", "q"}), -1, "q b a", "", "", "q"},
      {"max_count lowered", P({"c", "a", "b"}), P({"a", "b", "c"}), 1, "c", "", "a b", ""},
      {"max_count 0", P({"a"}), P({"a", "b"}), 0, "", "", "a", ""},
      {"max_count 1 -> 2", P({"b"}), P({"a", "b", "c"}), 2, "b a", "", "", "a"},
      {"more than there are", P({}), P({"a", "b"}), 50, "b a", "", "", "a b"},
      {"no children", P({"a"}), P({}), 1, "", "a", "", ""},
      {"duplicates stored, unchanged", P({"a", "a"}), P({"a", "b"}), 1, "a a", "", "", ""},
      {"another type is another block", {{"html", "a"}}, P({"a"}), 1, "a", "a", "", "a"},
  };
  for (const Case& c : cases) {
    Scripted rng;
    Selection s = MakeSelection(c.stored, c.children, c.max_count, rng);
    EXPECT_EQ(Ids(s.selected), c.selected) << c.name;
    EXPECT_EQ(Ids(s.invalid), c.invalid) << c.name;
    EXPECT_EQ(Ids(s.overlimit), c.overlimit) << c.name;
    EXPECT_EQ(Ids(s.added), c.added) << c.name;
    EXPECT_EQ(rng.shuffles, s.changed() ? 1 : 0) << c.name;
  }
}

// test_item_bank.py: 4 children, max_count 50/3/0/-1 -> 4/3/0/4 selected.
TEST(MakeSelection, ItemBankCounts) {
  const std::pair<int64_t, size_t> cases[] = {{50, 4}, {3, 3}, {0, 0}, {-1, 4}, {1, 1}};
  for (const auto& [max_count, expected] : cases) {
    std::unique_ptr<RandomSource> rng = DeterministicRandom("learner", "lcb", 0);
    Selection s = MakeSelection({}, P({"p1", "p2", "p3", "p4"}), max_count, *rng);
    EXPECT_EQ(s.selected.size(), expected) << max_count;
    std::set<BlockRef> distinct(s.selected.begin(), s.selected.end());
    EXPECT_EQ(distinct.size(), expected) << max_count;
  }
}

TEST(DeterministicRandom, ReproducesPerUserBlockAndGeneration) {
  auto draw = [](std::string_view user, std::string_view usage, int64_t gen) {
    std::unique_ptr<RandomSource> rng = DeterministicRandom(user, usage, gen);
    std::vector<BlockRef> children;
    for (int i = 0; i < 100; ++i) children.emplace_back("problem", "p" + std::to_string(i));
    return Ids(MakeSelection({}, children, 5, *rng).selected);
  };
  EXPECT_EQ(draw("ada", "lcb1", 0), draw("ada", "lcb1", 0));
  EXPECT_NE(draw("ada", "lcb1", 0), draw("bob", "lcb1", 0));
  EXPECT_NE(draw("ada", "lcb1", 0), draw("ada", "lcb2", 0));
  EXPECT_NE(draw("ada", "lcb1", 0), draw("ada", "lcb1", 1));
  // Samples are distinct and in range; shuffles are permutations.
  std::unique_ptr<RandomSource> rng = DeterministicRandom("u", "b", 7);
  for (size_t n : {1u, 2u, 10u, 1000u}) {
    std::vector<size_t> s = rng->Sample(n, n / 2 + 1);
    std::set<size_t> distinct(s.begin(), s.end());
    EXPECT_EQ(distinct.size(), s.size());
    EXPECT_LT(*distinct.rbegin(), n);
    std::vector<size_t> p = rng->Shuffle(n);
    std::sort(p.begin(), p.end());
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(p[i], i);
  }
  // Over many learners every child gets picked: no index is starved.
  std::vector<int> hits(10, 0);
  for (int u = 0; u < 2000; ++u) {
    auto r = DeterministicRandom("user" + std::to_string(u), "lcb", 0);
    ++hits[r->Sample(10, 1)[0]];
  }
  for (int h : hits) EXPECT_GT(h, 120);
}

}  // namespace
}  // namespace blockrt::contexts::library_content
