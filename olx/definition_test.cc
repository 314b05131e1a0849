#include "olx/definition.h"

#include <gtest/gtest.h>

#include <string>

namespace blockrt::olx {
namespace {

TEST(DefinitionTest, ProblemKeepsWholeElementAsData) {
  auto def = ParseDefinition("problem/p1/definition.xml",
                             "<problem display_name=\"Q\" max_attempts=\"2\" weight=\"1\">"
                             "<p>2+2?</p><numericalresponse answer=\"4\"/></problem>");
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(def->block_type, "problem");
  EXPECT_TRUE(def->known_type);
  ASSERT_NE(def->data(), nullptr);
  EXPECT_EQ(*def->data(),
            "<problem display_name=\"Q\" max_attempts=\"2\" weight=\"1\"><p>2+2?</p>"
            "<numericalresponse answer=\"4\"/></problem>");
  ASSERT_NE(def->field("max_attempts"), nullptr);
  EXPECT_EQ(def->field("max_attempts")->scope, FieldScope::kSettings);
  EXPECT_EQ(def->field("data")->scope, FieldScope::kContent);
}

TEST(DefinitionTest, HtmlDataIsInnerContent) {
  auto def = ParseDefinition("html/h/definition.xml",
                             "<html display_name=\"T\"><![CDATA[<p>a &nbsp; b</p>]]></html>");
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(*def->data(), "<![CDATA[<p>a &nbsp; b</p>]]>");
  EXPECT_EQ(def->field("display_name")->value, "T");
}

TEST(DefinitionTest, ContainerIncludesInOrder) {
  auto def = ParseDefinition("unit/u/definition.xml",
                             "<unit display_name=\"U\">\n"
                             "  <!-- comments are skipped -->\n"
                             "  <xblock-include definition=\"html/a\"/>\n"
                             "  <xblock-include definition=\"problem/b\" usage=\"alias\" "
                             "source=\"lnk\"/>\n"
                             "</unit>\n");
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  ASSERT_EQ(def->includes.size(), 2u);
  EXPECT_EQ(def->includes[0].definition(), "html/a");
  EXPECT_EQ(def->includes[0].usage, "");
  EXPECT_EQ(def->includes[0].line, 3u);
  EXPECT_EQ(def->includes[0].column, 3u);
  EXPECT_EQ(def->includes[1].source, "lnk");
  EXPECT_EQ(def->includes[1].usage, "alias");
}

TEST(DefinitionTest, UnknownTypeKeepsEverything) {
  const std::string xml =
      "<openassessment submission_due=\"2030\" zz=\"1\" allow_file_upload=\"False\">\n"
      "  <title>T</title><rubric><criterion/></rubric>\n"
      "</openassessment>";
  auto def = ParseDefinition("openassessment/o/definition.xml", xml);
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_FALSE(def->known_type);
  EXPECT_EQ(def->attributes.size(), 3u);
  EXPECT_EQ(def->attributes[0].name, "allow_file_upload");  // sorted
  EXPECT_EQ(def->body, "\n  <title>T</title><rubric><criterion/></rubric>\n");
  EXPECT_EQ(WriteDefinition(*def),
            "<openassessment allow_file_upload=\"False\" submission_due=\"2030\" zz=\"1\">\n"
            "  <title>T</title><rubric><criterion/></rubric>\n</openassessment>\n");
}

// Round trip: parse -> write -> parse gives an equal definition, and writing
// again gives the same bytes.
TEST(DefinitionTest, RoundTripIsIdentity) {
  const char* inputs[] = {
      "<problem b=\"2\" a=\"x&amp;y&#10;z\"><p>q</p></problem>",
      "<html><![CDATA[<b>x</b>]]></html>",
      "<vertical display_name=\"V\"><!--c--><xblock-include definition=\"html/a\" "
      "usage=\"u\"/></vertical>",
      "<sequential/>",
      "<drag-and-drop-v2 data=\"{&quot;a&quot;: 1}\"/>",
      "<video youtube_id_1_0=\"abc\"><source src=\"x.mp4\"/></video>",
      "<custom><xblock-include definition=\"html/a\"/><other/></custom>",
      "<?xml version=\"1.0\"?>\n<!-- lead --><html>t</html>\n<!-- trail -->\n",
  };
  for (const char* in : inputs) {
    SCOPED_TRACE(in);
    auto first = ParseDefinition("t/x/definition.xml", in);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    std::string written = WriteDefinition(*first);
    auto second = ParseDefinition("t/x/definition.xml", written);
    ASSERT_TRUE(second.ok()) << second.status().ToString() << "\n" << written;
    EXPECT_EQ(*first, *second) << written;
    EXPECT_EQ(WriteDefinition(*second), written);
  }
}

// Pure XBlocks (no schema): every attribute, namespace declaration, option
// child, CDATA section, comment, PI and character reference survives
// parse -> write -> parse, in both the bundle and the course-export mode.
TEST(DefinitionTest, UnknownTypesRoundTripEverything) {
  const char* inputs[] = {
      "<drag-and-drop-v2 xmlns:option=\"http://code.edx.org/xblock/option\" "
      "display_name=\"D&amp;D\" data=\"{&quot;a&quot;: 1}\" tab=\"a&#9;b&#10;c&#13;d\" "
      "lit=\"x\ny\">\n  <option:feedback>{\"x\": \"&lt;\"}</option:feedback>\n"
      "  <![CDATA[ raw <b> ]]>\n  <!-- c -->\n  text &amp; more &gt; &apos; &quot;\n"
      "  <xblock-include definition=\"html/h1\"/>\n<?pi data?></drag-and-drop-v2>\n",
      "<x a='1\"2'/>",
      "<x a=\"&lt;&gt;&amp;\">  </x>",
      "<x>\r\n</x>",
      "<poll question=\"Q\" feedback=\"\"><answer id=\"A\">a</answer></poll>",
      "<x xml:lang=\"en\" xmlns=\"urn:a\"><y/></x>",
  };
  for (const char* in : inputs) {
    for (bool bundle : {true, false}) {
      SCOPED_TRACE(std::string(in) + (bundle ? " (bundle)" : " (course)"));
      ParseOptions options;
      options.bundle = bundle;
      auto first = ParseDefinition("t/x/definition.xml", in, options);
      ASSERT_TRUE(first.ok()) << first.status().ToString();
      EXPECT_FALSE(first->known_type);
      std::string written = WriteDefinition(*first);
      auto second = ParseDefinition("t/x/definition.xml", written, options);
      ASSERT_TRUE(second.ok()) << second.status().ToString() << "\n" << written;
      EXPECT_EQ(second->attributes, first->attributes);
      EXPECT_EQ(second->body, first->body);
      EXPECT_EQ(*first, *second) << written;
    }
  }
}

struct ErrorCase {
  const char* xml;
  const char* message;  // exact, golden
};

TEST(DefinitionTest, ErrorsAreLocatedExactly) {
  const ErrorCase cases[] = {
      {"<unit>\n  <html/>\n</unit>",
       "u.xml:2:3: error: Expected an <xblock-include /> XML node, but got <html>\n"
       "  <html/>\n  ^ near here"},
      {"<unit><xblock-include usage=\"x\"/></unit>",
       "u.xml:1:7: error: <xblock-include> is missing the required definition=\"...\" "
       "attribute\n<unit><xblock-include usage=\"x\"/></unit>\n      ^ near here"},
      {"<unit><xblock-include definition=\"a/b/c\"/></unit>",
       "u.xml:1:7: error: Invalid definition attribute: a/b/c\n"
       "<unit><xblock-include definition=\"a/b/c\"/></unit>\n      ^ near here"},
      {"<!DOCTYPE x [<!ENTITY e \"boom\">]><html>&e;</html>",
       "u.xml:1:1: error: DOCTYPE declarations are not allowed in OLX (no DTDs or entities)\n"
       "<!DOCTYPE x [<!ENTITY e \"boom\">]><html>&e;</html>\n^ near here"},
      {"<html>a&nbsp;b</html>",
       "u.xml:1:8: error: undefined entity '&nbsp;' (only &amp; &lt; &gt; &quot; &apos; and "
       "&#N; are defined)\n<html>a&nbsp;b</html>\n       ^ near here"},
      {"<html a=\"1\" b=\"2\" a=\"3\"/>",
       "u.xml:1:19: error: duplicate attribute 'a'\n<html a=\"1\" b=\"2\" a=\"3\"/>\n"
       "                  ^ near here"},
      {"<html>\xff</html>",
       "u.xml:1:7: error: invalid UTF-8 byte sequence\n<html>\xff</html>\n      ^ near here"},
      {"<html>a & b</html>",
       "u.xml:1:9: error: '&' does not start an entity reference (write &amp; for a literal "
       "&)\n<html>a & b</html>\n        ^ near here"},
      {"<html x=\"&#0;\"/>",
       "u.xml:1:10: error: invalid character reference '&#0;'\n<html x=\"&#0;\"/>\n"
       "         ^ near here"},
      {"<!-- only a comment -->\n", "u.xml:2:1: error: no root element\n\n^ near here"},
  };
  for (const ErrorCase& c : cases) {
    auto def = ParseDefinition("u.xml", c.xml);
    ASSERT_FALSE(def.ok()) << c.xml;
    EXPECT_EQ(def.status().code(), Status::Code::kParseError);
    EXPECT_EQ(def.status().message(), c.message);
  }
}

TEST(DefinitionTest, MalformedXmlPointsAtTheProblem) {
  auto def = ParseDefinition("m.xml", "<problem>\n<p>unclosed\n</problem>");
  ASSERT_FALSE(def.ok());
  EXPECT_EQ(def.status().message().rfind("m.xml:3:", 0), 0u) << def.status().message();
}

TEST(DefinitionTest, LimitsAreEnforced) {
  ParseOptions small;
  small.max_bytes = 10;
  auto big = ParseDefinition("b.xml", "<html>0123456789</html>", small);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(big.status().message(), "b.xml: error: file is 23 bytes, over the 10-byte limit");

  ParseOptions shallow;
  shallow.max_depth = 3;
  EXPECT_TRUE(ParseDefinition("d.xml", "<a><b><c/></b></a>", shallow).ok());
  auto deep = ParseDefinition("d.xml", "<a><b><c><d/></c></b></a>", shallow);
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.status().message().find("nested deeper than 3"), std::string::npos);
}

TEST(DefinitionTest, IncludeAttributeRules) {
  EXPECT_FALSE(ParseIncludeAttributes("problem", "", "").ok());
  EXPECT_FALSE(ParseIncludeAttributes("a/b/c", "", "").ok());
  auto empty_half = ParseIncludeAttributes("problem/", "", "");  // accepted, fails later
  ASSERT_TRUE(empty_half.ok());
  EXPECT_EQ(empty_half->definition_id, "");
  auto empty_usage = ParseIncludeAttributes("html/h", "", "");
  EXPECT_EQ(empty_usage->usage, "");  // usage="" is no alias (child_usage.h)
  EXPECT_EQ(empty_usage->definition_id, "h");
}

}  // namespace
}  // namespace blockrt::olx
