// SetCourseField / UnsetCourseField: every place a value can live (own
// file, inline in the parent's file, policy.json), reloaded and compared
// block by block; only the changed files come back, edited in place.
#include "olx/course/course_edit.h"

#include <gtest/gtest.h>

#include "olx/course/course_edit_testing.h"

namespace blockrt::olx {
namespace {

using edit_testing::Files;

const Files kCourse = {
    {"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n"},
    {"course/R.xml", "<course display_name=\"Course\">\n  <chapter url_name=\"ch\"/>\n</course>\n"},
    {"chapter/ch.xml",
     "<chapter display_name=\"Ch\">\n  <sequential url_name=\"seq\"/>\n</chapter>\n"},
    {"sequential/seq.xml",
     "<sequential display_name=\"Seq\">\n"
     "  <vertical url_name=\"v1\" display_name=\"V1\">\n"
     "    <problem url_name=\"inline_p\" display_name=\"Inline P\" max_attempts=\"1\"><p>Q</p>"
     "</problem>\n"
     "    <html url_name=\"inline_h\" display_name='Inline H'><p>Hi</p></html>\n"
     "    <discussion url_name=\"d1\" display_name=\"D\"/>\n"
     "    <problem url_name=\"empty_p\" display_name=\"E\"/>\n"
     "    <html display_name=\"Named Html\"><p>n</p></html>\n"
     "    <problem weight=\"2\" type=\"old\"><p>hash</p></problem>\n"
     "  </vertical>\n"
     "  <vertical>\n"
     "    <html url_name=\"deep\"><p>d</p></html>\n"
     "  </vertical>\n"
     "  <vertical url_name=\"v2\"/>\n"
     "</sequential>\n"},
    {"vertical/v2.xml",
     "<vertical display_name=\"V2\">\n  <problem url_name=\"p1\"/>\n  <html url_name=\"h1\"/>\n"
     "</vertical>\n"},
    {"problem/p1.xml", "<problem display_name=\"P1\" weight=\"1\"><p>x</p></problem>\n"},
    {"html/h1.xml", "<html filename=\"h1\" display_name=\"H1\"/>\n"},
    {"html/h1.html", "<p>body</p>\n"},
    {"policies/R/policy.json",
     "{\n"
     "    \"problem/p1\": {\n"
     "        \"display_name\": \"P1 policy\",\n"
     "        \"max_attempts\": 3\n"
     "    },\n"
     "    \"problem/inline_p\": {\"due\": \"2030-01-01T00:00:00Z\"}\n"
     "}\n"},
};

// The url_name the loader generates for the anonymous problem and vertical.
std::string HashName(const Course& c, std::string_view type) {
  for (const CourseBlock& b : c.blocks) {
    if (b.definition.block_type == type &&
        b.url_name.substr(0, type.size() + 1) == std::string(type) + "_" &&
        b.url_name.size() == type.size() + 13) {
      return std::string(b.url_name);
    }
  }
  ADD_FAILURE() << "no hash-named " << type;
  return "";
}

struct EditCase {
  const char* name;
  const char* type;
  const char* id;  // "#hash": the block's generated name
  const char* field;
  const char* value;  // nullptr: unset
  std::set<std::string> changed;
  std::string want;  // the value read back ("<unset>" when gone)
  // Optional: one changed file's exact new content.
  const char* golden_path = nullptr;
  const char* golden = nullptr;
  const char* also_changed = "";  // another attribute the edit changes
};

class CourseEditFieldTest : public ::testing::TestWithParam<EditCase> {};

TEST_P(CourseEditFieldTest, ReloadShowsTheEditAndNothingElse) {
  const EditCase& t = GetParam();
  MemoryFileSource files = edit_testing::SourceOf(kCourse);
  auto before = LoadCourse(files);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ(edit_testing::Errors(*before), "");
  std::string id = std::string(t.id) == "#hash" ? HashName(*before, t.type) : t.id;
  uint32_t index = edit_testing::IndexOf(*before, t.type, id);
  auto changes = t.value != nullptr ? SetCourseField(*before, files, index, t.field, t.value)
                                    : UnsetCourseField(*before, files, index, t.field);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  EXPECT_EQ(edit_testing::PathsOf(*changes), t.changed);
  MemoryFileSource edited = edit_testing::SourceOf(kCourse);
  ASSERT_TRUE(ApplyFileChanges(*changes, &edited).ok());
  // Untouched files are the very same bytes.
  for (const auto& [rel, bytes] : kCourse) {
    if (t.changed.count(rel) == 0) {
      EXPECT_EQ(edited.files().at(rel), bytes) << rel;
    }
  }
  if (t.golden_path != nullptr) {
    EXPECT_EQ(edited.files().at(t.golden_path), t.golden);
  }
  auto after = LoadCourse(edited);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(edit_testing::Errors(*after), "");
  EXPECT_EQ(edit_testing::ValueOf(*after, t.type, id, t.field), t.want);
  std::string skip = std::string(t.type) + "/" + id;
  EXPECT_EQ(edit_testing::Picture(*after, skip, t.field, t.also_changed),
            edit_testing::Picture(*before, skip, t.field, t.also_changed));
}

const char* kPolicy = "policies/R/policy.json";

INSTANTIATE_TEST_SUITE_P(
    Placements, CourseEditFieldTest,
    ::testing::Values(
        // The block's own file (a pointer's target).
        EditCase{"OwnFileReplace",
                 "problem",
                 "p1",
                 "weight",
                 "2.5",
                 {"problem/p1.xml"},
                 "2.5",
                 "problem/p1.xml",
                 "<problem display_name=\"P1\" weight=\"2.5\"><p>x</p></problem>\n"},
        EditCase{"OwnFileAdd",
                 "chapter",
                 "ch",
                 "start",
                 "2030-01-01T00:00:00Z",
                 {"chapter/ch.xml"},
                 "2030-01-01T00:00:00Z",
                 "chapter/ch.xml",
                 "<chapter display_name=\"Ch\" start=\"2030-01-01T00:00:00Z\">\n"
                 "  <sequential url_name=\"seq\"/>\n</chapter>\n"},
        EditCase{"CourseRoot", "course", "R", "display_name", "New", {"course/R.xml"}, "New"},
        EditCase{"Escaped",
                 "html",
                 "h1",
                 "display_name",
                 "a & b < \"c\" > 'd'\n\tend",
                 {"html/h1.xml"},
                 "a & b < \"c\" > 'd'\n\tend",
                 "html/h1.xml",
                 "<html filename=\"h1\" display_name=\"a &amp; b &lt; &quot;c&quot; &gt; "
                 "'d'&#10;&#9;end\"/>\n"},
        EditCase{"LibraryDefault",
                 "problem",
                 "p1",
                 "default-display_name",
                 "Lib",
                 {"problem/p1.xml"},
                 "Lib"},
        // Inline in the parent's file.
        EditCase{"InlineReplace",
                 "problem",
                 "inline_p",
                 "max_attempts",
                 "4",
                 {"sequential/seq.xml"},
                 "4"},
        EditCase{"InlineAdd",
                 "vertical",
                 "v1",
                 "visible_to_staff_only",
                 "true",
                 {"sequential/seq.xml"},
                 "true"},
        EditCase{"InlineSingleQuoted",
                 "html",
                 "inline_h",
                 "display_name",
                 "it's",
                 {"sequential/seq.xml"},
                 "it's"},
        // The name comes from display_name: pinned as url_name first.
        EditCase{"InlineNamedByDisplayName",
                 "html",
                 "Named_Html",
                 "display_name",
                 "Other",
                 {"sequential/seq.xml"},
                 "Other"},
        EditCase{"InlineHashNamed",
                 "problem",
                 "#hash",
                 "display_name",
                 "Now named",
                 {"sequential/seq.xml"},
                 "Now named"},
        EditCase{"InsideHashNamedParent",
                 "html",
                 "deep",
                 "display_name",
                 "Deep",
                 {"sequential/seq.xml"},
                 "Deep"},
        // policy.json holds it: changed there (policy wins over the XML).
        EditCase{"PolicyString",
                 "problem",
                 "p1",
                 "display_name",
                 "P1 \"new\"",
                 {kPolicy},
                 "P1 \"new\"",
                 kPolicy,
                 "{\n    \"problem/p1\": {\n        \"display_name\": \"P1 \\\"new\\\"\",\n"
                 "        \"max_attempts\": 3\n    },\n"
                 "    \"problem/inline_p\": {\"due\": \"2030-01-01T00:00:00Z\"}\n}\n"},
        EditCase{"PolicyNumber",
                 "problem",
                 "p1",
                 "max_attempts",
                 "5",
                 {kPolicy},
                 "5",
                 kPolicy,
                 "{\n    \"problem/p1\": {\n        \"display_name\": \"P1 policy\",\n"
                 "        \"max_attempts\": 5\n    },\n"
                 "    \"problem/inline_p\": {\"due\": \"2030-01-01T00:00:00Z\"}\n}\n"},
        EditCase{"PolicyForInline",
                 "problem",
                 "inline_p",
                 "due",
                 "2031-02-02T00:00:00Z",
                 {kPolicy},
                 "2031-02-02T00:00:00Z"},
        // Content: data.
        EditCase{"DataOwnProblem",
                 "problem",
                 "p1",
                 "data",
                 "<problem><p>new</p></problem>",
                 {"problem/p1.xml"},
                 "<problem><p>new</p></problem>",
                 "problem/p1.xml",
                 "<problem display_name=\"P1\" weight=\"1\"><p>new</p></problem>\n"},
        EditCase{"DataInlineProblem",
                 "problem",
                 "inline_p",
                 "data",
                 "<problem><choice>a</choice></problem>",
                 {"sequential/seq.xml"},
                 "<problem><choice>a</choice></problem>"},
        // A problem's data owns its attributes that are not settings.
        EditCase{"DataOwnedAttributeAdded",
                 "problem",
                 "p1",
                 "data",
                 "<problem type=\"x\"><p>t</p></problem>",
                 {"problem/p1.xml"},
                 "<problem type=\"x\"><p>t</p></problem>",
                 "problem/p1.xml",
                 "<problem display_name=\"P1\" weight=\"1\" type=\"x\"><p>t</p></problem>\n",
                 "type"},
        EditCase{"DataOwnedAttributeRemoved",
                 "problem",
                 "#hash",
                 "data",
                 "<problem><p>h2</p></problem>",
                 {"sequential/seq.xml"},
                 "<problem><p>h2</p></problem>",
                 nullptr,
                 nullptr,
                 "type"},
        EditCase{"DataHtmlFile",
                 "html",
                 "h1",
                 "data",
                 "<p>new &nbsp; body",
                 {"html/h1.html"},
                 "<p>new &nbsp; body"},
        EditCase{"DataInlineHtml",
                 "html",
                 "inline_h",
                 "data",
                 "<b>bold</b> text",
                 {"sequential/seq.xml"},
                 "<b>bold</b> text"},
        EditCase{"DataIntoSelfClosing",
                 "problem",
                 "empty_p",
                 "data",
                 "<problem><p>now</p></problem>",
                 {"sequential/seq.xml"},
                 "<problem><p>now</p></problem>"},
        // Unset: from every place that sets it.
        EditCase{"UnsetOwnFile",
                 "problem",
                 "p1",
                 "weight",
                 nullptr,
                 {"problem/p1.xml"},
                 "<unset>",
                 "problem/p1.xml",
                 "<problem display_name=\"P1\"><p>x</p></problem>\n"},
        EditCase{"UnsetInline",
                 "problem",
                 "inline_p",
                 "max_attempts",
                 nullptr,
                 {"sequential/seq.xml"},
                 "<unset>"},
        EditCase{"UnsetPolicyOnly",
                 "problem",
                 "p1",
                 "max_attempts",
                 nullptr,
                 {kPolicy},
                 "<unset>",
                 kPolicy,
                 "{\n    \"problem/p1\": {\n        \"display_name\": \"P1 policy\"\n    },\n"
                 "    \"problem/inline_p\": {\"due\": \"2030-01-01T00:00:00Z\"}\n}\n"},
        EditCase{"UnsetPolicyAndXml",
                 "problem",
                 "p1",
                 "display_name",
                 nullptr,
                 {kPolicy, "problem/p1.xml"},
                 "<unset>"},
        EditCase{"UnsetOnlyPolicyField",
                 "problem",
                 "inline_p",
                 "due",
                 nullptr,
                 {kPolicy},
                 "<unset>",
                 kPolicy,
                 "{\n    \"problem/p1\": {\n        \"display_name\": \"P1 policy\",\n"
                 "        \"max_attempts\": 3\n    },\n    \"problem/inline_p\": {}\n}\n"},
        // Left with only url_name it would read as a pointer: kept inline.
        EditCase{"UnsetKeepsInline",
                 "discussion",
                 "d1",
                 "display_name",
                 nullptr,
                 {"sequential/seq.xml"},
                 "<unset>"},
        EditCase{"UnsetNamedByDisplayName",
                 "html",
                 "Named_Html",
                 "display_name",
                 nullptr,
                 {"sequential/seq.xml"},
                 "<unset>"},
        EditCase{"UnsetDataHtmlFile", "html", "h1", "data", nullptr, {"html/h1.html"}, ""},
        EditCase{"UnsetDataInline",
                 "problem",
                 "inline_p",
                 "data",
                 nullptr,
                 {"sequential/seq.xml"},
                 "<problem/>"}),
    [](const ::testing::TestParamInfo<EditCase>& info) { return std::string(info.param.name); });

TEST(CourseEditFieldTest, UnchangedValueChangesNothing) {
  MemoryFileSource files = edit_testing::SourceOf(kCourse);
  auto course = LoadCourse(files);
  ASSERT_TRUE(course.ok());
  for (auto [type, id, field, value] : {std::tuple{"problem", "p1", "weight", "1"},
                                        {"problem", "p1", "max_attempts", "3"},
                                        {"problem", "p1", "display_name", "P1 policy"}}) {
    auto changes =
        SetCourseField(*course, files, edit_testing::IndexOf(*course, type, id), field, value);
    ASSERT_TRUE(changes.ok()) << changes.status().ToString();
    EXPECT_TRUE(changes->empty()) << field;
  }
}

TEST(CourseEditFieldTest, KeepsInlineElementsInline) {
  MemoryFileSource files = edit_testing::SourceOf(kCourse);
  auto course = LoadCourse(files);
  ASSERT_TRUE(course.ok());
  auto changes = UnsetCourseField(
      *course, files, edit_testing::IndexOf(*course, "discussion", "d1"), "display_name");
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_NE((*changes)[0].bytes.find("<discussion url_name=\"d1\" xblock-family=\"xblock.v1\"/>"),
            std::string::npos)
      << (*changes)[0].bytes;
}

struct ErrorCase {
  const char* name;
  uint32_t block;  // kByName: looked up from type/id
  const char* type;
  const char* id;
  const char* field;
  const char* value;  // nullptr: unset
  Status::Code code;
  const char* message;
};
constexpr uint32_t kByName = ~0u;

class CourseEditFieldErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(CourseEditFieldErrorTest, GoldenMessages) {
  const ErrorCase& t = GetParam();
  MemoryFileSource files = edit_testing::SourceOf(kCourse);
  auto course = LoadCourse(files);
  ASSERT_TRUE(course.ok());
  uint32_t index = t.block != kByName ? t.block : edit_testing::IndexOf(*course, t.type, t.id);
  auto changes = t.value != nullptr ? SetCourseField(*course, files, index, t.field, t.value)
                                    : UnsetCourseField(*course, files, index, t.field);
  ASSERT_FALSE(changes.ok());
  EXPECT_EQ(changes.status().code(), t.code);
  EXPECT_EQ(changes.status().message(), std::string(t.message));
}

INSTANTIATE_TEST_SUITE_P(
    Errors, CourseEditFieldErrorTest,
    ::testing::Values(
        ErrorCase{"NoSuchBlock", 999, "", "", "display_name", "x", Status::Code::kNotFound,
                  "course-v1:O+C+R: no block #999 (the course has 15 blocks)"},
        ErrorCase{"BadName", kByName, "problem", "p1", "1abc", "x", Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@problem+block@p1: '1abc' is not a valid field name"},
        ErrorCase{"Namespaced", kByName, "problem", "p1", "a:b", "x",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@problem+block@p1: 'a:b' is not a valid field name"},
        ErrorCase{"UrlName", kByName, "problem", "p1", "url_name", "x",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@problem+block@p1: field 'url_name' cannot be set"},
        ErrorCase{"DefaultUrlName", kByName, "problem", "p1", "default-url_name", "x",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@problem+block@p1: field 'default-url_name' cannot be set"},
        ErrorCase{"EmptyDefault", kByName, "problem", "p1", "default-", "x",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@problem+block@p1: 'default-' is not a valid field name"},
        ErrorCase{"Filename", kByName, "html", "h1", "filename", "x",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@html+block@h1: field 'filename' cannot be set"},
        ErrorCase{"NotAnInteger", kByName, "problem", "p1", "max_attempts", "many",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@problem+block@p1: field 'max_attempts' expects an "
                  "integer, not 'many'"},
        ErrorCase{"NotABoolean", kByName, "vertical", "v2", "visible_to_staff_only", "yes",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@vertical+block@v2: field 'visible_to_staff_only' "
                  "expects a boolean, not 'yes'"},
        ErrorCase{"ControlCharacter", kByName, "problem", "p1", "display_name", "a\x01",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@problem+block@p1: the value of 'display_name' holds a "
                  "character XML cannot carry (byte 1)"},
        ErrorCase{"BadUtf8", kByName, "problem", "p1", "display_name", "a\xff",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@problem+block@p1: the value of 'display_name' is not "
                  "valid UTF-8 (byte 1)"},
        ErrorCase{"ContainerData", kByName, "vertical", "v2", "data", "x",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@vertical+block@v2: vertical blocks have no data"},
        ErrorCase{"DataWrongRoot", kByName, "problem", "p1", "data", "<html/>",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@problem+block@p1: data must be a <problem> element, not "
                  "<html>"},
        ErrorCase{"DataSetsSettings", kByName, "problem", "p1", "data", "<problem weight=\"9\"/>",
                  Status::Code::kInvalidArgument,
                  "block-v1:O+C+R+type@problem+block@p1: data's <problem> sets attribute "
                  "'weight'; set settings as fields of their own"},
        ErrorCase{"UnsetNotSet", kByName, "problem", "p1", "showanswer", nullptr,
                  Status::Code::kNotFound,
                  "block-v1:O+C+R+type@problem+block@p1: field 'showanswer' is not set"}),
    [](const ::testing::TestParamInfo<ErrorCase>& info) { return std::string(info.param.name); });

// Legacy filename= references, drafts/ and about/: the rarer places.
const Files kOther = {
    {"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n"},
    {"course/R.xml", "<course>\n  <chapter url_name=\"ch\"/>\n</course>\n"},
    {"chapter/ch.xml",
     "<chapter>\n  <sequential url_name=\"seq\">\n"
     "    <problem url_name=\"lp\" filename=\"legacy\" display_name=\"Ref\"/>\n"
     "  </sequential>\n</chapter>\n"},
    {"problem/legacy.xml", "<problem display_name=\"Root\" weight=\"1\"><p>l</p></problem>\n"},
    {"drafts/vertical/dv.xml",
     "<vertical display_name=\"Draft\" parent_url=\"block-v1:O+C+R+type@sequential+block@seq\" "
     "index_in_children_list=\"0\">\n  <problem url_name=\"dp\"/>\n</vertical>\n"},
    {"drafts/problem/dp.xml", "<problem display_name=\"DP\"><p>d</p></problem>\n"},
    {"about/overview.html", "<p>About</p>\n"},
};

struct OtherCase {
  const char* name;
  const char* type;
  const char* id;
  const char* field;
  const char* value;  // nullptr: unset
  std::set<std::string> changed;
  std::string want;
};

class CourseEditOtherTest : public ::testing::TestWithParam<OtherCase> {};

TEST_P(CourseEditOtherTest, ReloadShowsTheEdit) {
  const OtherCase& t = GetParam();
  MemoryFileSource files = edit_testing::SourceOf(kOther);
  auto before = LoadCourse(files);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ(edit_testing::Errors(*before), "");
  uint32_t index = edit_testing::IndexOf(*before, t.type, t.id);
  auto changes = t.value != nullptr ? SetCourseField(*before, files, index, t.field, t.value)
                                    : UnsetCourseField(*before, files, index, t.field);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  EXPECT_EQ(edit_testing::PathsOf(*changes), t.changed);
  ASSERT_TRUE(ApplyFileChanges(*changes, &files).ok());
  auto after = LoadCourse(files);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(edit_testing::Errors(*after), "");
  EXPECT_EQ(edit_testing::ValueOf(*after, t.type, t.id, t.field), t.want);
  const CourseBlock& b = after->blocks[edit_testing::IndexOf(*after, t.type, t.id)];
  std::string skip = std::string(t.type) + "/" + t.id + (b.draft ? "(draft)" : "");
  EXPECT_EQ(edit_testing::Picture(*after, skip, t.field),
            edit_testing::Picture(*before, skip, t.field));
}

INSTANTIATE_TEST_SUITE_P(
    Placements, CourseEditOtherTest,
    ::testing::Values(
        // The referring element's attributes win over its file's root.
        OtherCase{
            "LegacyReference", "problem", "lp", "display_name", "New", {"chapter/ch.xml"}, "New"},
        OtherCase{"LegacyFileRoot", "problem", "lp", "weight", "3", {"problem/legacy.xml"}, "3"},
        OtherCase{"LegacyAdded", "problem", "lp", "max_attempts", "2", {"problem/legacy.xml"}, "2"},
        OtherCase{"LegacyUnsetBoth",
                  "problem",
                  "lp",
                  "display_name",
                  nullptr,
                  {"chapter/ch.xml", "problem/legacy.xml"},
                  "<unset>"},
        OtherCase{
            "DraftUnit", "vertical", "dv", "display_name", "D2", {"drafts/vertical/dv.xml"}, "D2"},
        OtherCase{"DraftChild", "problem", "dp", "weight", "2", {"drafts/problem/dp.xml"}, "2"},
        OtherCase{"AboutData",
                  "about",
                  "overview",
                  "data",
                  "<p>New</p>",
                  {"about/overview.html"},
                  "<p>New</p>"}),
    [](const ::testing::TestParamInfo<OtherCase>& info) { return std::string(info.param.name); });

TEST(CourseEditOtherTest, ExtraBlocksOnlyTakeData) {
  MemoryFileSource files = edit_testing::SourceOf(kOther);
  auto course = LoadCourse(files);
  ASSERT_TRUE(course.ok());
  auto changes = SetCourseField(*course, files, edit_testing::IndexOf(*course, "about", "overview"),
                                "display_name", "x");
  ASSERT_FALSE(changes.ok());
  EXPECT_EQ(changes.status().message(),
            "block-v1:O+C+R+type@about+block@overview: only data can be set on about blocks");
}

TEST(CourseEditFieldTest, InlineHtmlDataMustBeXmlContent) {
  MemoryFileSource files = edit_testing::SourceOf(kCourse);
  auto course = LoadCourse(files);
  ASSERT_TRUE(course.ok());
  auto changes = SetCourseField(*course, files, edit_testing::IndexOf(*course, "html", "inline_h"),
                                "data", "<p>unclosed");
  ASSERT_FALSE(changes.ok());
  EXPECT_EQ(changes.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(changes.status().message().rfind(
                "block-v1:O+C+R+type@html+block@inline_h: data is not XML content: ", 0),
            0u)
      << changes.status().message();
}

TEST(ApplyFileChangesTest, AllOrNothing) {
  MemoryFileSource files = edit_testing::SourceOf({{"a.xml", "A"}, {"b/c.xml", "C"}});
  // The second change clashes (a file used as a directory): the first is undone.
  Status st = ApplyFileChanges({{"a.xml", false, "new"}, {"b/c.xml/d", false, "x"}}, &files);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(files.files().at("a.xml"), "A");
  EXPECT_EQ(ApplyFileChanges({{"gone.xml", true, ""}}, &files).code(), Status::Code::kNotFound);
  EXPECT_EQ(ApplyFileChanges({{"../x", false, ""}}, &files).code(), Status::Code::kInvalidArgument);
  ASSERT_TRUE(ApplyFileChanges({{"a.xml", true, ""}, {"n/e.xml", false, "E"}}, &files).ok());
  EXPECT_EQ(files.files().count("a.xml"), 0u);
  EXPECT_EQ(files.files().at("n/e.xml"), "E");
}

}  // namespace
}  // namespace blockrt::olx
