#include "olx/internal/xml_scan.h"

#include <gtest/gtest.h>

#include <string>

namespace blockrt::olx::internal {
namespace {

std::string FirstLine(const Status& st) {
  std::string m = st.ToString();
  return m.substr(0, m.find('\n'));
}

Status Scan(const std::string& text) { return ScanXml("f.xml", text, ScanLimits{1 << 20, 64}); }

// Names, values and delimiters at every offset around the sixteen-byte
// blocks the scanner reads: each outcome and each column must not depend on
// where a block boundary falls.
TEST(XmlScanTest, BoundariesOfTheSixteenByteSearches) {
  for (size_t len = 1; len <= 40; ++len) {
    SCOPED_TRACE(len);
    std::string name(len, 'n');
    std::string value(len, 'v');
    EXPECT_TRUE(Scan("<r " + name + "=\"v\"/>").ok());
    EXPECT_TRUE(Scan("<" + name + " a='" + value + "'></" + name + ">").ok());
    EXPECT_TRUE(Scan("<r a=\"" + value + "&amp;" + value + "&#10;\"/>").ok());
    EXPECT_TRUE(Scan("<r " + name + "\xC3\xA9=\"\xC3\xA9\"/>").ok());  // non-ASCII name bytes
    EXPECT_TRUE(Scan("<r\n\t" + name + " = 'x' />").ok());

    std::string col = std::to_string(7 + len);  // 1-based column after '<r a="' + value
    EXPECT_EQ(FirstLine(Scan("<r a=\"" + value + "<\"/>")),
              "parse_error: f.xml:1:" + col + ": error: '<' is not allowed in an attribute value");
    EXPECT_EQ(FirstLine(Scan("<r a=\"" + value + "&nbsp;\"/>")),
              "parse_error: f.xml:1:" + col +
                  ": error: undefined entity '&nbsp;' (only &amp; &lt; &gt; &quot; &apos; and "
                  "&#N; are defined)");
    EXPECT_EQ(FirstLine(Scan("<r a=\"" + value)),
              "parse_error: f.xml:1:6: error: unterminated attribute value");
    EXPECT_EQ(FirstLine(Scan("<r " + name + "<x/>")),
              "parse_error: f.xml:1:" + std::to_string(4 + len) +
                  ": error: expected '=' after attribute '" + name + "'");
    EXPECT_EQ(FirstLine(Scan("<r " + name + "='1' " + name + "='2'/>")),
              "parse_error: f.xml:1:" + std::to_string(9 + len) + ": error: duplicate attribute '" +
                  name + "'");
    EXPECT_EQ(FirstLine(Scan("<" + name)), "parse_error: f.xml:1:1: error: unterminated start tag");
  }
}

TEST(XmlScanTest, TagStartsAndRoots) {
  EXPECT_EQ(FirstLine(Scan("<1a/>")),
            "parse_error: f.xml:1:1: error: '<' must start a tag (write &lt; for a literal <)");
  EXPECT_TRUE(Scan("<Zed/>").ok());
  EXPECT_TRUE(Scan("<_a:b/>").ok());
  EXPECT_TRUE(Scan("<\xC3\xA9/>").ok());
  RootExtent extent;
  ASSERT_TRUE(ScanXml("f.xml", " <a x='1'>in</a> ", ScanLimits{1 << 20, 8}, &extent).ok());
  EXPECT_EQ(extent.start, 1u);
  EXPECT_EQ(extent.content_begin, 10u);
  EXPECT_EQ(extent.content_end, 12u);
  EXPECT_TRUE(extent.complete);
}

}  // namespace
}  // namespace blockrt::olx::internal
