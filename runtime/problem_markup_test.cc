// The problem view's two readers agree: whatever FlatXml accepts renders
// byte for byte as through pugixml, on hand-written edge cases, generated
// documents and mutations of both.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/internal/renderers.h"

namespace blockrt::runtime::internal {
namespace {

// Checks one input; returns whether FlatXml took it.
bool SameAsPugi(const std::string& markup) {
  std::string flat = "prefix";
  const bool took = WriteProblemMarkupFlat(markup, &flat);
  if (!took) {
    EXPECT_EQ(flat, "prefix") << "wrote before declining: " << markup;
    return false;
  }
  std::string xml = "prefix";
  Status st = WriteProblemMarkupXml(markup, &xml);
  EXPECT_TRUE(st.ok()) << "FlatXml accepted what pugixml rejects (" << st.ToString()
                       << "): " << markup;
  EXPECT_EQ(flat, xml) << markup;
  return true;
}

TEST(ProblemMarkupTest, EdgeCasesMatchPugixml) {
  const char* accepted[] = {
      "<problem/>",
      "<problem></problem>",
      "<problem> </problem>",
      "<problem>\n  <p>a</p>\n  </problem>",
      "<problem><p> </p><p> <!-- c --> </p><p><!--c--> x </p></problem>",
      "<problem><p>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#65;&#x42;&#xe9;&#8364;"
      "&#x1F600;</p></problem>",
      "<problem><p><![CDATA[<raw> & ]]></p><![CDATA[ ]]></problem>",
      "<problem a='1' b=\"2\" c = \"3\" d=\"x\ty\nz\" e=\"&#9;&#10;&lt;\" a='dup'/>",
      "<problem><img src=\"/static/a.png\"/><img src=\"x\"></img><img> </img>"
      "<br><solution/></br><hr><!--x--></hr><input>t</input></problem>",
      "<problem><multiplechoiceresponse><label>L</label><description>D</description>"
      "<choicegroup type=\"MultipleChoice\"> <choice correct=\"true\">A <b>b</b></choice>"
      "text<other>o</other><choice correct=\"false\">B</choice></choicegroup>"
      "</multiplechoiceresponse><choiceresponse><checkboxgroup><choice>C</choice>"
      "</checkboxgroup></choiceresponse></problem>",
      "<problem><optionresponse><optioninput options=\"('a','b', 'c&amp;d')\"/>"
      "<optioninput><option correct=\"True\">x</option><b/><option><!--c-->y<i/>z</option>"
      "<option/><option><![CDATA[q]]></option></optioninput></optionresponse></problem>",
      "<problem><stringresponse answer=\"a\"><textline size=\"20\"><x/></textline>"
      "<formulaequationinput/><correcthint>no</correcthint><hint>h</hint></stringresponse>"
      "<numericalresponse><responseparam type=\"tolerance\"/><imageinput src=\"s\" "
      "width=\"1\" height=\"2\" other=\"o\"/></numericalresponse>"
      "<customresponse><outerresponse><innerresponse><textline/></innerresponse>"
      "<textline/></outerresponse></customresponse><textline/></problem>",
      "<problem><script>x</script><answer>y</answer><demandhint/><hintgroup/>"
      "<additional_answer/><stringequalhint/><numerichint/><choicehint/><optionhint/>"
      "<compoundhint/><formulahint/><tolerance/><p>kept</p></problem>",
      "<!-- before --> <problem/> <!-- after -->\n",
      "<problem/><p>second root</p>",
      "<problem><p:q x:y=\"1\">ns</p:q><a-b.c_d>n</a-b.c_d><\xc3\xa9l\xc3\xa9ment/></problem>",
      "<problem><p>]]&gt; > ]]></p></problem>",
      "<problem><table><tr><td>1</td></tr></table><p>a<br/>b</p></problem>",
  };
  for (const char* m : accepted) EXPECT_TRUE(SameAsPugi(m)) << "declined: " << m;

  // Outside the subset (pugixml decides these, errors included).
  const std::string declined[] = {
      "",
      "text only",
      "<problem>\r\n</problem>",
      std::string("<problem>\0</problem>", 20),
      "<?xml version=\"1.0\"?><problem/>",
      "<!DOCTYPE problem><problem/>",
      "<problem><?pi x?></problem>",
      "<problem>&nbsp;</problem>",
      "<problem>&#0;</problem>",
      "<problem>&#xD800;</problem>",
      "<problem>&#1;</problem>",
      "<problem>&#;</problem>",
      "<problem>&#65</problem>",
      "<problem>& </problem>",
      "<problem a=\"<\"/>",
      "<problem a=\"1\"b=\"2\"/>",
      "<problem a/>",
      "<problem a=1/>",
      "<problem a=\"1/>",
      "<problem><p></problem>",
      "<problem>",
      "<problem></p>",
      "</problem>",
      "<problem/ >",
      "< problem/>",
      "<1problem/>",
      "<problem><!-- unclosed </problem>",
      "<problem><![CDATA[ unclosed </problem>",
      "junk<problem/>",
      "<![CDATA[x]]><problem/>",
  };
  for (const std::string& m : declined) EXPECT_FALSE(SameAsPugi(m)) << "accepted: " << m;
}

// Random documents from the subset's grammar: FlatXml must take every one.
class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  std::string Document() {
    std::string out;
    Blank(&out);
    Element(&out, 0, "problem");
    Blank(&out);
    return out;
  }

 private:
  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  void Blank(std::string* out) {
    static const char* kBlanks[] = {"", "", " ", "\n", "\n  ", "\t"};
    out->append(kBlanks[Pick(6)]);
  }

  void Text(std::string* out) {
    static const char* kPieces[] = {"a",     "Pick one", " ",        "\n",     "&lt;",   "&gt;",
                                    "&amp;", "&quot;",   "&apos;",   "&#233;", "&#x41;", ">",
                                    "]]",    "1/2",      "\xc3\xa9", "'",      "\""};
    for (size_t n = 1 + Pick(4); n > 0; --n) out->append(kPieces[Pick(17)]);
  }

  void Element(std::string* out, int depth, const char* forced = nullptr) {
    static const char* kTags[] = {"p",
                                  "b",
                                  "img",
                                  "br",
                                  "label",
                                  "description",
                                  "choicegroup",
                                  "checkboxgroup",
                                  "choice",
                                  "optioninput",
                                  "option",
                                  "textline",
                                  "imageinput",
                                  "solution",
                                  "hint",
                                  "multiplechoiceresponse",
                                  "stringresponse",
                                  "div",
                                  "formulaequationinput",
                                  "script",
                                  "problem"};
    static const char* kAttrs[] = {"size", "src", "width", "height", "options", "correct", "class"};
    static const char* kValues[] = {"20", "/static/a.png", "('a','b')", "x&amp;y", "t\tu\nv",
                                    "",   "&quot;q&quot;", "it's"};
    const char* tag = forced != nullptr ? forced : kTags[Pick(21)];
    out->append("<").append(tag);
    for (size_t n = Pick(3); n > 0; --n) {
      const char* value = kValues[Pick(8)];
      const bool single = std::string_view(value).find('\'') == std::string_view::npos && Pick(2);
      out->append(Pick(4) == 0 ? "\n  " : " ").append(kAttrs[Pick(7)]).append("=");
      out->append(single ? "'" : "\"").append(value).append(single ? "'" : "\"");
    }
    if (depth > 4 || Pick(5) == 0) {
      out->append(Pick(2) ? "/>" : " />");
      return;
    }
    out->append(">");
    for (size_t n = Pick(5); n > 0; --n) {
      switch (Pick(6)) {
        case 0:
        case 1:
          Text(out);
          break;
        case 2:
          Blank(out);
          break;
        case 3:
          out->append(Pick(2) ? "<!-- note -->" : "<![CDATA[ <x> & ]]>");
          break;
        default:
          Element(out, depth + 1);
      }
    }
    out->append("</").append(tag).append(Pick(4) == 0 ? " >" : ">");
  }

  std::mt19937 rng_;
};

TEST(ProblemMarkupTest, GeneratedDocumentsMatchPugixml) {
  Generator gen(20261122);
  for (int i = 0; i < 3000; ++i) {
    const std::string doc = gen.Document();
    ASSERT_TRUE(SameAsPugi(doc)) << "declined: " << doc;
  }
}

// Byte mutations of generated documents: whatever FlatXml still accepts must
// render as pugixml does, and it must accept nothing pugixml rejects.
TEST(ProblemMarkupTest, MutatedDocumentsMatchPugixml) {
  Generator gen(7);
  std::mt19937 rng(99);
  static const char kBytes[] = "<>/&;#x=\"' \n\t!-[]?abc0\r";
  int accepted = 0;
  for (int i = 0; i < 4000; ++i) {
    std::string doc = gen.Document();
    for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) {
      const size_t at = rng() % (doc.size() + 1);
      switch (rng() % 3) {
        case 0:
          if (at < doc.size()) doc.erase(at, 1);
          break;
        case 1:
          doc.insert(at, 1, kBytes[rng() % (sizeof(kBytes) - 1)]);
          break;
        default:
          if (at < doc.size()) doc[at] = kBytes[rng() % (sizeof(kBytes) - 1)];
      }
    }
    accepted += SameAsPugi(doc) ? 1 : 0;
    if (HasFailure()) return;
  }
  EXPECT_GT(accepted, 100);  // the comparison did exercise FlatXml
}

}  // namespace
}  // namespace blockrt::runtime::internal
