// RenderMemo: tokens per usage key, problem views per definition, views that
// survive the arena growing, and Trim().
#include "runtime/internal/render_memo.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace blockrt::runtime::internal {
namespace {

TEST(RenderMemoTest, TokensPerUsageAndPeriod) {
  RenderMemo memo;
  EXPECT_EQ(memo.FindToken("lb:a:b:problem:p"), nullptr);
  std::vector<std::string> usages;
  for (int i = 0; i < 5000; ++i) usages.push_back("lb:Org:lib:problem:p" + std::to_string(i));
  for (int i = 0; i < 5000; ++i) {
    memo.PutToken(usages[i], 7, "token" + std::to_string(i));
  }
  RenderMemo::TokenEntry* first = memo.FindToken(usages[0]);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->token, "token0");  // still valid after the arena grew
  EXPECT_EQ(first->period, 7);
  memo.SetProblemActions(first, std::string(20000, 'u'));  // larger than a chunk's quarter
  EXPECT_EQ(memo.FindToken(usages[0])->problem_actions, std::string(20000, 'u'));
  for (int i = 0; i < 5000; ++i) {
    RenderMemo::TokenEntry* e = memo.FindToken(usages[i]);
    ASSERT_NE(e, nullptr) << i;
    EXPECT_EQ(e->token, "token" + std::to_string(i));
  }
  // A new period replaces the token and forgets the URL built from the old one.
  RenderMemo::TokenEntry* again = memo.PutToken(usages[0], 8, "newer");
  EXPECT_EQ(again->token, "newer");
  EXPECT_EQ(again->period, 8);
  EXPECT_TRUE(again->problem_actions.empty());
  EXPECT_EQ(memo.FindToken("lb:Org:lib:problem:nope"), nullptr);
}

TEST(RenderMemoTest, ProblemViewsPinTheirDefinitions) {
  RenderMemo memo;
  std::vector<std::shared_ptr<const olx::Definition>> defs;
  for (int i = 0; i < 300; ++i) defs.push_back(std::make_shared<olx::Definition>());
  for (int i = 0; i < 300; ++i) memo.PutProblemView(defs[i], "<p>" + std::to_string(i) + "</p>");
  std::weak_ptr<const olx::Definition> watch = defs[3];
  const olx::Definition* raw = defs[3].get();
  defs.clear();
  EXPECT_FALSE(watch.expired());  // the memo keeps it, so its address is not reused
  const std::string_view* html = memo.FindProblemView(raw);
  ASSERT_NE(html, nullptr);
  EXPECT_EQ(*html, "<p>3</p>");
  olx::Definition other;
  EXPECT_EQ(memo.FindProblemView(&other), nullptr);
  memo.Trim();  // under budget: nothing is dropped
  EXPECT_NE(memo.FindProblemView(raw), nullptr);
}

TEST(RenderMemoTest, TrimDropsEverythingPastTheBudget) {
  RenderMemo memo;
  auto def = std::make_shared<olx::Definition>();
  const olx::Definition* raw = def.get();
  std::weak_ptr<const olx::Definition> watch = def;
  memo.PutProblemView(std::move(def), "<p/>");
  const std::string big(1 << 20, 'x');
  for (int i = 0; i < 20; ++i) memo.PutToken("lb:a:b:problem:p" + std::to_string(i), 1, big);
  memo.Trim();
  EXPECT_EQ(memo.FindProblemView(raw), nullptr);
  EXPECT_TRUE(watch.expired());
  EXPECT_EQ(memo.FindToken("lb:a:b:problem:p0"), nullptr);
  memo.PutToken("lb:a:b:problem:p0", 1, "t");  // usable again
  EXPECT_EQ(memo.FindToken("lb:a:b:problem:p0")->token, "t");
}

// Views pin definitions (and the library states behind them), so their
// number is bounded on its own, however small their HTML.
TEST(RenderMemoTest, TrimBoundsTheNumberOfViews) {
  RenderMemo memo;
  std::vector<std::shared_ptr<const olx::Definition>> defs;
  for (int i = 0; i < 4096; ++i) defs.push_back(std::make_shared<olx::Definition>());
  for (const auto& d : defs) memo.PutProblemView(d, "<p/>");
  memo.Trim();  // at the budget: kept
  EXPECT_NE(memo.FindProblemView(defs[0].get()), nullptr);
  auto extra = std::make_shared<olx::Definition>();
  memo.PutProblemView(extra, "<p/>");
  memo.Trim();
  EXPECT_EQ(memo.FindProblemView(defs[0].get()), nullptr);
  EXPECT_EQ(memo.FindProblemView(extra.get()), nullptr);
}

}  // namespace
}  // namespace blockrt::runtime::internal
