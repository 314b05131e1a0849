// The byte-level pieces under course_edit.h: element spans in XML text,
// text edits, and policy.json members and values.
#include <gtest/gtest.h>

#include "olx/course/internal/policy_edit.h"
#include "olx/course/internal/xml_edit.h"

namespace blockrt::olx::internal {
namespace {

TEST(XmlEditTest, ScansElements) {
  struct Case {
    std::string text;
    size_t begin;
    std::string name, attrs, content;
    bool self_closing;
  };
  for (const Case& t : std::vector<Case>{
           {"<a x=\"1\" y='2'>t<b/>u</a>", 0, "a", "x=1 y=2 ", "t<b/>u", false},
           {"<a\n  x=\"a>b\"\n/>", 0, "a", "x=a>b ", "", true},
           {"<r><a><!-- </a> --><![CDATA[</a>]]><?p </a>?><a>x</a></a></r>", 3, "a", "",
            "<!-- </a> --><![CDATA[</a>]]><?p </a>?><a>x</a>", false},
       }) {
    ElementSpan e;
    ASSERT_TRUE(ScanElement(t.text, t.begin, &e)) << t.text;
    EXPECT_EQ(e.name, t.name);
    std::string attrs;
    for (const AttributeSpan& a : e.attributes) {
      attrs += std::string(a.name) + "=" +
               t.text.substr(a.value_begin, a.value_end - a.value_begin) + " ";
    }
    EXPECT_EQ(attrs, t.attrs);
    EXPECT_EQ(t.text.substr(e.start_tag_end, e.content_end - e.start_tag_end), t.content);
    EXPECT_EQ(e.self_closing, t.self_closing);
    EXPECT_EQ(t.text[e.end - 1], '>');
  }
  ElementSpan e;
  EXPECT_FALSE(ScanElement("<a><b></a>", 0, &e));
  EXPECT_FALSE(ScanElement("text", 0, &e));
}

TEST(XmlEditTest, ContentShape) {
  struct Case {
    std::string text;
    bool elements, text_seen;
  };
  for (const Case& t : std::vector<Case>{{"<a/>", false, false},
                                         {"<a>\n  <!-- c -->\n</a>", false, false},
                                         {"<a> <![CDATA[  ]]> </a>", false, false},
                                         {"<a><![CDATA[x]]></a>", false, true},
                                         {"<a>&amp;</a>", false, true},
                                         {"<a> <b/> </a>", true, false}}) {
    ElementSpan e;
    ASSERT_TRUE(ScanElement(t.text, 0, &e));
    ContentShape s = ShapeOf(t.text, e);
    EXPECT_EQ(s.elements, t.elements) << t.text;
    EXPECT_EQ(s.text, t.text_seen) << t.text;
  }
}

TEST(XmlEditTest, WholeLinesAndIndent) {
  std::string text = "<a>\n  <b/>\n  <c/><d/>\n</a>";
  size_t b = text.find("<b/>");
  EXPECT_EQ(WholeLines(text, b, b + 4), std::make_pair(b - 2, b + 5));
  size_t c = text.find("<c/>");
  EXPECT_EQ(WholeLines(text, c, c + 4), std::make_pair(c, c + 4));
  std::string_view indent;
  EXPECT_TRUE(StartsLine(text, c, &indent));
  EXPECT_EQ(indent, "  ");
  EXPECT_FALSE(StartsLine(text, text.find("<d/>"), &indent));
  std::string last = "<a/>\n<b/>";
  EXPECT_EQ(WholeLines(last, 5, 9), std::make_pair(size_t{4}, size_t{9}));
}

TEST(XmlEditTest, TextEditsApplyInOrder) {
  TextEdits edits;
  edits.Insert(3, "X");
  edits.Replace(3, 5, "yy");
  edits.Insert(3, "Z");
  edits.Replace(0, 1, "");
  std::string out;
  ASSERT_TRUE(edits.Apply("abcdefg", &out));
  EXPECT_EQ(out, "bcXZyyfg");
  EXPECT_EQ(edits.Map(6), 7u);  // "g" follows the inserted X and Z
  edits.Replace(4, 6, "overlap");
  EXPECT_FALSE(edits.Apply("abcdefg", &out));
}

TEST(PolicyEditTest, ScansEntriesAndFields) {
  std::string text = R"({"a/1": {"x": 1, "y": [1, {"z": "}"}], "x": "2"}, "b\/2": 3, "c/3": {}})";
  std::vector<PolicyEntry> entries;
  ASSERT_TRUE(ScanPolicy(text, &entries));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].member.key, "a/1");
  ASSERT_EQ(entries[0].fields.size(), 3u);
  const JsonMember& y = entries[0].fields[1];
  EXPECT_EQ(text.substr(y.value_begin, y.value_end - y.value_begin), R"([1, {"z": "}"}])");
  EXPECT_EQ(entries[1].member.key, "b/2");  // escapes decoded
  EXPECT_FALSE(entries[1].object);
  EXPECT_TRUE(entries[2].object);
  EXPECT_TRUE(entries[2].fields.empty());
  EXPECT_FALSE(ScanPolicy("[1]", &entries));
  EXPECT_FALSE(ScanPolicy("{\"a\": }", &entries));
}

TEST(PolicyEditTest, RemovesMembersKeepingLayout) {
  std::string text = "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}";
  std::vector<PolicyEntry> entries;
  ASSERT_TRUE(ScanPolicy("{\"k\": " + text + "}", &entries));
  std::vector<JsonMember> members = entries[0].fields;
  for (JsonMember& m : members) {  // offsets into `text`
    size_t shift = 6;
    m.lead -= shift;
    m.value_begin -= shift;
    m.value_end -= shift;
    if (m.comma != std::string_view::npos) m.comma -= shift;
  }
  struct Case {
    std::vector<bool> removed;
    std::string want;
  };
  for (const Case& t : std::vector<Case>{
           {{true, false, false}, "{\n  \"b\": 2,\n  \"c\": 3\n}"},
           {{false, true, false}, "{\n  \"a\": 1,\n  \"c\": 3\n}"},
           {{false, false, true}, "{\n  \"a\": 1,\n  \"b\": 2\n}"},
           {{false, true, true}, "{\n  \"a\": 1\n}"},
           {{true, false, true}, "{\n  \"b\": 2\n}"},
           {{true, true, true}, "{\n}"},
       }) {
    TextEdits edits;
    RemoveMembers(members, t.removed, &edits);
    std::string out;
    ASSERT_TRUE(edits.Apply(text, &out));
    EXPECT_EQ(out, t.want);
  }
}

TEST(PolicyEditTest, ValueText) {
  struct Case {
    std::string value, old;
    PolicyValueKind kind;
    std::string want;
  };
  for (const Case& t : std::vector<Case>{
           {"5", "3", PolicyValueKind::kJson, "5"},
           {"5", "\"3\"", PolicyValueKind::kJson, "5"},
           {"true", "\"false\"", PolicyValueKind::kJson, "true"},
           {"[1, 2]", "[]", PolicyValueKind::kJson, "[1, 2]"},
           {"many", "3", PolicyValueKind::kJson, "\"many\""},
           {"\"q\"", "3", PolicyValueKind::kJson, "\"\\\"q\\\"\""},
           {"5", "3", PolicyValueKind::kString, "\"5\""},
           {"5", "\"3\"", PolicyValueKind::kLikeOld, "\"5\""},
           {" 5 ", "3", PolicyValueKind::kLikeOld, "5"},
           {"a\"b\n", "null", PolicyValueKind::kLikeOld, "\"a\\\"b\\n\""},
       }) {
    EXPECT_EQ(PolicyValueText(t.value, t.old, t.kind), t.want) << t.value;
  }
}

}  // namespace
}  // namespace blockrt::olx::internal
