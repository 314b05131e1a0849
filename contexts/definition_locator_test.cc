#include "contexts/definition_locator.h"

#include <gtest/gtest.h>

namespace blockrt::contexts {
namespace {

constexpr char kUuid[] = "11111111-1111-1111-1111-111111111111";

TEST(DefinitionLocator, ParsesAndPrintsTheReferenceForm) {
  struct Case {
    std::string text;
    bool ok;
    uint64_t version;
    const char* draft;
  } cases[] = {
      {std::string("bundle-olx:") + kUuid + ":studio_draft:problem:problem/problem1/definition.xml",
       true, 0, "studio_draft"},
      {std::string("bundle-olx:") + kUuid + ":5:problem:problem/problem1/definition.xml", true, 5,
       ""},
      {std::string("bundle-olx:") + kUuid + ":05:problem:problem/p/definition.xml", false, 0, ""},
      {std::string("bundle-olx:") + kUuid + "::problem:problem/p/definition.xml", false, 0, ""},
      {"bundle-olx:11111111-1111-1111-1111-11111111111A:5:html:html/h/definition.xml", false, 0,
       ""},
      {std::string("bundle-olx:") + kUuid + ":5:html:bad path", false, 0, ""},
      {std::string("bundle-olx:") + kUuid + ":5:html", false, 0, ""},
      {"lb:o:l:html:h", false, 0, ""},
      {std::string("bundle-olx:") + kUuid + ":99999999999999999999:html:h/definition.xml", false, 0,
       ""},
      {std::string("bundle-olx:") + kUuid + ":5:bl\xC3\xA9:html/h/definition.xml", false, 0, ""},
  };
  for (const Case& c : cases) {
    auto loc = DefinitionLocator::Parse(c.text);
    ASSERT_EQ(loc.ok(), c.ok) << c.text << " " << loc.status().ToString();
    if (!c.ok) {
      EXPECT_EQ(loc.status().code(), Status::Code::kInvalidArgument);
      continue;
    }
    EXPECT_EQ(loc->version, c.version);
    EXPECT_EQ(loc->draft_name, c.draft);
    EXPECT_EQ(loc->ToString(), c.text);
  }
}

TEST(DefinitionLocator, OlxPrefixKeepsTheSlash) {
  DefinitionLocator loc{kUuid, 1, "", "problem", "problem/quiz1/definition.xml", ""};
  ASSERT_TRUE(loc.OlxPrefix().ok());
  EXPECT_EQ(*loc.OlxPrefix(), "problem/quiz1/");
  loc.olx_path = "problem/quiz1/other.xml";
  EXPECT_EQ(loc.OlxPrefix().status().code(), Status::Code::kInvalidArgument);
  std::string dir;
  EXPECT_EQ(loc.AssetDir(&dir).code(), Status::Code::kInvalidArgument);
  loc.asset_dir = "static/";  // a course block: the course's shared assets
  ASSERT_TRUE(loc.AssetDir(&dir).ok());
  EXPECT_EQ(dir, "static/");
}

}  // namespace
}  // namespace blockrt::contexts
