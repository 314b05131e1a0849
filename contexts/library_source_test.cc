// ReadLibrary over both kinds: top-level blocks in library order, settings,
// content, OLX and children, pinned versions, and the reference's errors.
#include "contexts/library_source.h"

#include <gtest/gtest.h>

#include "contexts/testing/v1_library_fixture.h"

namespace blockrt::contexts {
namespace {

using testing::BankExport;
using testing::V1LibraryTest;

std::vector<std::string> Keys(const std::vector<LibraryBlock>& blocks) {
  std::vector<std::string> out;
  for (const LibraryBlock& b : blocks) out.push_back(b.usage_key);
  return out;
}

std::string Setting(const LibraryBlock& b, const std::string& name) {
  for (const olx::Attribute& a : b.settings) {
    if (a.name == name) return a.value;
  }
  return "<unset>";
}

keys::Key K(const std::string& text) {
  Result<keys::Key> k = keys::Key::Parse(text);
  EXPECT_TRUE(k.ok()) << text;
  return k.ok() ? *k : keys::Key();
}

class LibrarySourceTest : public V1LibraryTest {
 protected:
  LibrarySource Source() const { return LibrarySource(v2_.get(), v1_.get()); }

  // lib:O:L2 with top-level html/h1, problem/p1 and vertical/v1 (which
  // includes problem/c1), published as version 1.
  void MakeV2() {
    ASSERT_TRUE(v2a_->CreateLibrary({"lib:O:L2", "Bank Two", false, "alice"}).ok());
    auto p1 = v2a_->CreateBlock("lib:O:L2", "problem", "p1");
    auto h1 = v2a_->CreateBlock("lib:O:L2", "html", "h1");
    auto v1 = v2a_->CreateBlock("lib:O:L2", "vertical", "v1");
    ASSERT_TRUE(p1.ok() && h1.ok() && v1.ok());
    auto c1 = v2a_->CreateChildBlock(v1->view(), "problem", "c1");
    ASSERT_TRUE(c1.ok()) << c1.status().ToString();
    ASSERT_TRUE(v2a_->SetOlx(p1->view(),
                             "<problem display_name=\"P1\" max_attempts=\"2\">"
                             "<multiplechoiceresponse/></problem>")
                    .ok());
    ASSERT_TRUE(
        v2a_->SetOlx(h1->view(), "<html display_name=\"H1\"><![CDATA[<p>Hi</p>]]></html>").ok());
    ASSERT_TRUE(v2a_->SetOlx(c1->view(), "<problem display_name=\"C1\"><p>c</p></problem>").ok());
    ASSERT_TRUE(v2a_->Publish("lib:O:L2").ok());
  }
};

TEST_F(LibrarySourceTest, V1TopLevelBlocksInLibraryXmlOrderWithTheirParts) {
  ImportBank();
  Result<LibrarySnapshot> snap = Source().ReadLibrary("library-v1:O+L", std::nullopt);
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  EXPECT_EQ(snap->library_key, "library-v1:O+L");
  EXPECT_TRUE(snap->v1);
  EXPECT_EQ(snap->version, 1);
  EXPECT_EQ(snap->title, "Bank");
  EXPECT_EQ(Keys(snap->blocks), (std::vector<std::string>{
                                    "lib-block-v1:O+L+type@problem+block@p2",
                                    "lib-block-v1:O+L+type@html+block@h1",
                                    "lib-block-v1:O+L+type@vertical+block@v1",
                                    "lib-block-v1:O+L+type@problem+block@p1",
                                }));
  EXPECT_EQ(snap->CountBlocks(), 5u);

  const LibraryBlock& p2 = snap->blocks[0];
  EXPECT_EQ(p2.block_type, "problem");
  EXPECT_EQ(p2.block_id, "p2");
  EXPECT_EQ(Setting(p2, "display_name"), "P2");
  EXPECT_EQ(Setting(p2, "max_attempts"), "3");
  EXPECT_EQ(Setting(p2, "url_name"), "<unset>");
  ASSERT_EQ(p2.content.size(), 1u);
  EXPECT_EQ(p2.content[0].name, "data");
  EXPECT_NE(p2.content[0].value.find("<multiplechoiceresponse>"), std::string::npos);
  EXPECT_EQ(p2.olx,
            "<problem display_name=\"P2\" markdown=\"null\" max_attempts=\"3\">\n"
            "  <multiplechoiceresponse><choicegroup><choice correct=\"true\">A</choice>"
            "</choicegroup></multiplechoiceresponse>\n</problem>\n");
  EXPECT_TRUE(p2.children.empty());

  // html: the body from its .html file, the pointer's filename left out.
  const LibraryBlock& h1 = snap->blocks[1];
  EXPECT_EQ(Setting(h1, "filename"), "<unset>");
  EXPECT_EQ(h1.olx, "<html display_name=\"H1\"><p>Hello &amp; welcome</p>\n</html>\n");

  const LibraryBlock& v1 = snap->blocks[2];
  EXPECT_EQ(v1.olx, "<vertical display_name=\"V1\"/>\n");
  ASSERT_EQ(v1.children.size(), 1u);
  EXPECT_EQ(v1.children[0].usage_key, "lib-block-v1:O+L+type@problem+block@c1");
  EXPECT_EQ(v1.children[0].olx, "<problem display_name=\"C1\"><p>child</p></problem>\n");
}

TEST_F(LibrarySourceTest, V1VersionsArePinnedStoreVersions) {
  ImportBank();
  ASSERT_TRUE(
      v1a_->SetField(K("lib-block-v1:O+L+type@problem+block@p1").view(), "display_name", "P1 v2")
          .ok());
  // The draft is not a version.
  Result<LibrarySnapshot> latest = Source().ReadLibrary("library-v1:O+L", std::nullopt);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->version, 1);
  EXPECT_EQ(Setting(latest->blocks[3], "display_name"), "P1");
  ASSERT_EQ(*v1a_->Publish("library-v1:O+L"), 2);
  latest = Source().ReadLibrary("library-v1:O+L", std::nullopt);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(Setting(latest->blocks[3], "display_name"), "P1 v2");
  Result<LibrarySnapshot> one = Source().ReadLibrary("library-v1:O+L", 1);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->version, 1);
  EXPECT_EQ(Setting(one->blocks[3], "display_name"), "P1");
  EXPECT_EQ(*Source().LatestVersion("library-v1:O+L"), 2);
}

TEST_F(LibrarySourceTest, V2TopLevelBlocksAreTheIncludedByNoneInLibraryOrder) {
  MakeV2();
  Result<LibrarySnapshot> snap = Source().ReadLibrary("lib:O:L2", std::nullopt);
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  EXPECT_FALSE(snap->v1);
  EXPECT_EQ(snap->version, 1);
  EXPECT_EQ(snap->title, "Bank Two");
  EXPECT_EQ(Keys(snap->blocks), (std::vector<std::string>{
                                    "lb:O:L2:html:h1",
                                    "lb:O:L2:problem:p1",
                                    "lb:O:L2:vertical:v1",
                                }));
  EXPECT_EQ(snap->CountBlocks(), 4u);
  const LibraryBlock& p1 = snap->blocks[1];
  EXPECT_EQ(p1.block_id, "p1");
  EXPECT_EQ(Setting(p1, "max_attempts"), "2");
  EXPECT_EQ(p1.olx,
            "<problem display_name=\"P1\" max_attempts=\"2\"><multiplechoiceresponse/>"
            "</problem>\n");
  ASSERT_EQ(p1.content.size(), 1u);
  EXPECT_EQ(p1.content[0].name, "data");
  const LibraryBlock& h1 = snap->blocks[0];
  EXPECT_EQ(h1.olx, "<html display_name=\"H1\"><![CDATA[<p>Hi</p>]]></html>\n");
  const LibraryBlock& v1 = snap->blocks[2];
  // The container's own OLX leaves its includes out: they are its children.
  EXPECT_EQ(v1.olx, "<vertical/>\n");
  ASSERT_EQ(v1.children.size(), 1u);
  EXPECT_EQ(v1.children[0].usage_key, "lb:O:L2:problem:c1");
  EXPECT_EQ(v1.children[0].olx, "<problem display_name=\"C1\"><p>c</p></problem>\n");

  // A later version; the first stays readable as it was.
  ASSERT_TRUE(v2a_->DeleteBlock(K("lb:O:L2:html:h1").view()).ok());
  ASSERT_EQ(*v2a_->Publish("lib:O:L2"), 2);
  Result<LibrarySnapshot> two = Source().ReadLibrary("lib:O:L2", std::nullopt);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->version, 2);
  EXPECT_EQ(Keys(two->blocks),
            (std::vector<std::string>{"lb:O:L2:problem:p1", "lb:O:L2:vertical:v1"}));
  Result<LibrarySnapshot> one = Source().ReadLibrary("lib:O:L2", 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->blocks.size(), 3u);
  EXPECT_EQ(*Source().LatestVersion("lib:O:L2"), 2);
}

TEST_F(LibrarySourceTest, ErrorsAreTheReferences) {
  ImportBank();
  MakeV2();
  ASSERT_TRUE(v1a_->CreateCourse({"library-v1:O+Empty", "", "", false}).ok());
  ASSERT_TRUE(v1a_->SetRole("library-v1:O+L", "bob", CourseRole::kLearner).ok());
  struct Case {
    const char* key;
    std::optional<int64_t> version;
    const char* user;
    Status::Code code;
    const char* message;  // exact
  } cases[] = {
      {"library-v1:O+Nope", std::nullopt, "", Status::Code::kNotFound,
       "Library library-v1:O+Nope not found."},
      {"lib:O:Nope", 1, "", Status::Code::kNotFound, "Library lib:O:Nope not found."},
      {"library-v1:O+Empty", std::nullopt, "", Status::Code::kNotFound,
       "Library library-v1:O+Empty not found."},
      {"library-v1:O+L", 2, "", Status::Code::kNotFound,
       "Version 2 of library library-v1:O+L not found."},
      {"lib:O:L2", 0, "", Status::Code::kNotFound, "Version 0 of library lib:O:L2 not found."},
      {"library-v1:O+L", std::nullopt, "carol", Status::Code::kPermissionDenied,
       "Cannot read library at library-v1:O+L"},
      {"lib:O:L2", std::nullopt, "bob", Status::Code::kPermissionDenied,
       "Cannot read library at lib:O:L2"},
      {"course-v1:O+C+R", std::nullopt, "", Status::Code::kInvalidArgument,
       "'course-v1:O+C+R' is not a library key (library-v1:ORG+LIB or lib:ORG:SLUG)"},
      {"lb:O:L2:problem:p1", std::nullopt, "", Status::Code::kInvalidArgument,
       "'lb:O:L2:problem:p1' is not a library key (library-v1:ORG+LIB or lib:ORG:SLUG)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.key);
    Result<LibrarySnapshot> snap = Source().ReadLibrary(c.key, c.version, User(c.user));
    ASSERT_FALSE(snap.ok());
    EXPECT_EQ(snap.status().code(), c.code);
    EXPECT_EQ(snap.status().message(), c.message);
  }
  // Readers with a viewing role, or any reader of a public library.
  EXPECT_TRUE(Source().ReadLibrary("library-v1:O+L", 1, User("bob")).ok());
  EXPECT_TRUE(Source().ReadLibrary("lib:O:L2", 1, User("alice")).ok());
  ASSERT_TRUE(v2a_->SetPublicLearning("lib:O:L2", true).ok());
  EXPECT_TRUE(Source().ReadLibrary("lib:O:L2", 1, User("bob")).ok());
  EXPECT_EQ(*Source().LatestVersion("library-v1:O+Empty"), 0);
  EXPECT_EQ(Source().LatestVersion("library-v1:O+Nope").status().code(), Status::Code::kNotFound);
  // A source without the context of a kind finds no library of it.
  EXPECT_EQ(LibrarySource(nullptr, nullptr).ReadLibrary("lib:O:L2", 1).status().code(),
            Status::Code::kNotFound);
}

}  // namespace
}  // namespace blockrt::contexts
