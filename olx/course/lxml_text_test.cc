// LxmlToString against vectors printed by lxml 4.9 (etree.tostring after an
// XMLParser(remove_blank_text=True) parse), and the url_name fallback built on it.
#include "olx/course/internal/lxml_text.h"

#include <gtest/gtest.h>

#include <string>

#include "olx/course/internal/url_name.h"

namespace blockrt::olx::internal {
namespace {

struct Vector {
  const char* xml;    // a document; the vector prints the root's child at `child`
  const char* child;  // text that starts the child element ("" = the root itself)
  bool ascii;
  const char* want;
};

TEST(LxmlTextTest, PrintsLikeLxml) {
  const Vector kVectors[] = {
      // Blank text between elements is dropped; a blank-only element keeps it.
      {"<v>\n  <p/>\n  <q>  </q>\n</v>", "<q>", true, "<q>  </q>"},
      // Mixed content: once text was seen, every later blank is kept, tail too.
      {"<v>\n  <html a=\"x&#10;y\t\xC3\xA9\n&quot;&gt;\">caf\xC3\xA9 <b>b</b> <i>i</i>\n"
       "<![CDATA[a<b]]><!--c-->  <?pi x?>  </html>tail\n  <p/>\n</v>",
       "<html", true,
       "<html a=\"x&#10;y &#xE9; &quot;&gt;\">caf&#233; <b>b</b> <i>i</i>\na&lt;b<!--c-->  "
       "<?pi x?>  </html>tail\n  "},
      {"<v>\n  <html a=\"x&#10;y\t\xC3\xA9\n&quot;&gt;\">caf\xC3\xA9 <b>b</b> <i>i</i>\n"
       "<![CDATA[a<b]]><!--c-->  <?pi x?>  </html>tail\n  <p/>\n</v>",
       "<html", false,
       "<html a=\"x&#10;y &#xE9; &quot;&gt;\">caf\xC3\xA9 <b>b</b> <i>i</i>\na&lt;b<!--c-->  "
       "<?pi x?>  </html>tail\n  "},
      // Only the printed element's own attributes use &#xN;; descendants follow the mode.
      {"<v><s a=\"\xC3\xA9\">\xC3\xA9<h b=\"\xC3\xA9\">\xC3\xA9<!--\xC3\xA9--></h></s></v>", "<s",
       true, "<s a=\"&#xE9;\">&#233;<h b=\"&#233;\">&#233;<!--&#233;--></h></s>"},
      {"<v><s a=\"\xC3\xA9\">\xC3\xA9<h b=\"\xC3\xA9\">\xC3\xA9</h></s></v>", "<s", false,
       "<s a=\"&#xE9;\">\xC3\xA9<h b=\"\xC3\xA9\">\xC3\xA9</h></s>"},
      {"<v c=\"\xC3\xA9\"><s/></v>", "", true, "<v c=\"&#233;\"><s/></v>"},
      // \r\n and literal whitespace in attribute values; \r from a reference.
      {"<v><a x=\"&#13;&#9;\r\n\xE4\xB8\xAD&apos;\">&#13;\r\nq&apos;&quot;<?pi   x  y ?><?pj?>"
       "<!--\xC3\xA9-->  <![CDATA[  ]]>  </a>  <b/></v>",
       "<a", true,
       "<a x=\"&#13;&#9; &#x4E2D;'\">&#13;\nq'\"<?pi x  y ?><?pj?><!--&#233;-->      </a>"},
      // Tails stop at the next sibling node (a comment here).
      {"<v><a/>tail &amp; more<!--c--><b/></v>", "<a", true, "<a/>tail &amp; more"},
      {"<v>\n  <a  x = 'q\"'  ></a>\n  <b/>\n</v>", "<a", true, "<a x=\"q&quot;\"/>"},
  };
  for (const Vector& v : kVectors) {
    std::string_view text = v.xml;
    ElementSource src;
    src.text = text;
    src.ascii = v.ascii;
    if (*v.child == '\0') {
      src.offset = 0;
    } else {
      src.parent = 0;
      src.offset = text.find(v.child);
    }
    EXPECT_EQ(LxmlToString(src), v.want) << v.xml;
  }
}

TEST(LxmlTextTest, FallbackUrlNames) {
  // printf '%s' '<discussion discussion_category="Week 1"/>' | sha1sum -> 72e2220c81af7e29...
  const std::string xml = "<discussion discussion_category=\"Week 1\"/>";
  EXPECT_EQ(FallbackUrlName("discussion", xml), "discussion_72e2220c81af");
  EXPECT_EQ(FallbackUrlName("discussion", xml, "Clip"), "discussion_Clip_72e2220c81af");
  // An original that looks like a fallback loses "tag_" and its last 12 characters.
  EXPECT_EQ(FallbackUrlName("discussion", xml, "discussion_old_0123456789ab"),
            "discussion_old__72e2220c81af");
  EXPECT_EQ(FallbackUrlName("discussion", xml, "discussion_0123456789AB"),
            "discussion_72e2220c81af");
  // printf '%s' '' | sha1sum -> da39a3ee5e6b4b0d...
  EXPECT_EQ(FallbackUrlName("html", ""), "html_da39a3ee5e6b");
}

TEST(LxmlTextTest, PlainKeyIds) {
  EXPECT_TRUE(IsPlainKeyId("sub:p1"));
  EXPECT_TRUE(IsPlainKeyId("a-b_c.d~e"));
  EXPECT_FALSE(IsPlainKeyId(""));
  EXPECT_FALSE(IsPlainKeyId("a b"));
  EXPECT_FALSE(IsPlainKeyId("caf\xC3\xA9"));  // valid (\w is Unicode) but left to keys/
  EXPECT_FALSE(IsPlainKeyId("50%"));
}

}  // namespace
}  // namespace blockrt::olx::internal
