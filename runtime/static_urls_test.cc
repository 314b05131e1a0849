// /static/ references: found at any position (window edges included) and
// rewritten through the lookup, others left as written.
#include "runtime/internal/static_urls.h"

#include <gtest/gtest.h>

#include <string>

namespace blockrt::runtime::internal {
namespace {

TEST(StaticUrlsTest, FindsReferencesAnywhere) {
  const std::string npos_text = "no references here </p></div> / static/ /stati";
  EXPECT_EQ(FindStaticRef(npos_text), std::string::npos);
  EXPECT_EQ(FindStaticRef("/static/"), 0u);
  EXPECT_EQ(FindStaticRef("/static"), std::string::npos);
  EXPECT_EQ(FindStaticRef(""), std::string::npos);
  EXPECT_EQ(FindStaticRef("x/static/", 0), 1u);
  EXPECT_EQ(FindStaticRef("x/static/", 1), 1u);
  EXPECT_EQ(FindStaticRef("x/static/", 2), std::string::npos);
  EXPECT_EQ(FindStaticRef("x/static/", 99), std::string::npos);
  EXPECT_EQ(FindStaticRef("//static//static/a", 0), 1u);
  EXPECT_EQ(FindStaticRef("//static//static/a", 2), 9u);
  for (size_t pad = 0; pad < 40; ++pad) {
    for (const char* filler : {"/", "a", "/s"}) {
      std::string s;
      while (s.size() < pad) s += filler;
      s.resize(pad);
      const std::string text = s + "/static/x" + std::string(pad % 7, 'y');
      EXPECT_EQ(FindStaticRef(text), text.find("/static/")) << pad << filler;
      EXPECT_EQ(FindStaticRef(text, pad), pad) << pad << filler;
      EXPECT_EQ(FindStaticRef(text, pad + 1), std::string::npos) << pad << filler;
    }
  }
}

TEST(StaticUrlsTest, RewritesOnlyWhatTheLookupKnows) {
  const AssetLookup lookup = [](std::string_view name) -> std::optional<std::string> {
    if (name == "a.png") return std::string("SIGNED");
    return std::nullopt;
  };
  EXPECT_EQ(
      RewriteStaticUrls("<img src=\"/static/a.png\"/><a href='/static/b.pdf'>/static/</a>", lookup),
      "<img src=\"SIGNED\"/><a href='/static/b.pdf'>/static/</a>");
  EXPECT_EQ(RewriteStaticUrls("/static/a.png", lookup), "SIGNED");
  EXPECT_EQ(RewriteStaticUrls("/static/../a.png /static/a.png?x=1", lookup),
            "/static/../a.png SIGNED?x=1");
}

}  // namespace
}  // namespace blockrt::runtime::internal
