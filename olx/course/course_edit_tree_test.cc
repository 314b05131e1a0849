// AddCourseBlock / DeleteCourseBlock: reloaded, the tree shows the new or
// missing subtree and every other block is as it was; files only the
// subtree used go, files another parent still uses stay.
#include <gtest/gtest.h>

#include "olx/course/course_edit.h"
#include "olx/course/course_edit_testing.h"

namespace blockrt::olx {
namespace {

using edit_testing::Files;

const Files kTree = {
    {"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n"},
    {"course/R.xml", "<course>\n  <chapter url_name=\"ch\"/>\n</course>\n"},
    {"chapter/ch.xml",
     "<chapter display_name=\"Ch\">\n"
     "  <sequential url_name=\"seq\"/>\n"
     "  <sequential url_name=\"seq2\" display_name=\"Inline seq\">\n"
     "    <vertical url_name=\"v3\">\n"
     "      <problem url_name=\"p3\"/>\n"
     "    </vertical>\n"
     "  </sequential>\n"
     "</chapter>\n"},
    {"sequential/seq.xml",
     "<sequential>\n  <vertical url_name=\"v1\"/>\n  <vertical url_name=\"v2\"/>\n"
     "  <vertical url_name=\"empty\"/>\n</sequential>\n"},
    {"vertical/v1.xml",
     "<vertical>\n  <problem url_name=\"p1\"/>\n  <html url_name=\"shared\"/>\n"
     "  <poll url_name=\"poll1\" display_name=\"Poll\"><answer id=\"a\">A</answer></poll>\n"
     "</vertical>\n"},
    {"vertical/v2.xml",
     "<vertical>\n  <html url_name=\"shared\"/>\n"
     "  <problem url_name=\"p2\" display_name=\"Inline p2\"><p>2</p></problem>\n</vertical>\n"},
    {"vertical/empty.xml", "<vertical display_name=\"E\"/>\n"},
    {"problem/p1.xml", "<problem display_name=\"P1\"><p>1</p></problem>\n"},
    {"problem/p3.xml", "<problem display_name=\"P3\"><p>3</p></problem>\n"},
    {"problem/orphan.xml", "<problem/>\n"},
    {"html/shared.xml", "<html filename=\"shared\"/>\n"},
    {"html/shared.html", "<p>shared</p>\n"},
    {"policies/R/policy.json",
     "{\n"
     "    \"problem/p1\": {\"weight\": 2},\n"
     "    \"html/shared\": {\"display_name\": \"Shared\"},\n"
     "    \"vertical/v1\": {\"display_name\": \"V1\"},\n"
     "    \"problem/p2\": {\"weight\": 1}\n"
     "}\n"},
};
const std::string kPolicy = "policies/R/policy.json";

std::string IdOf(const Course& c, size_t i) {
  return std::string(c.blocks[i].definition.block_type) + "/" + std::string(c.blocks[i].url_name);
}

std::vector<std::string> ChildrenOf(const Course& c, std::string_view type, std::string_view id) {
  std::vector<std::string> out;
  for (uint32_t k : c.blocks[edit_testing::IndexOf(c, type, id)].children) {
    out.push_back(IdOf(c, k));
  }
  return out;
}

// Picture lines of `c` without the blocks at `skip` and the block `parent`.
std::vector<std::string> PictureWithout(const Course& c, const std::set<size_t>& skip,
                                        const std::string& parent) {
  std::vector<std::string> all = edit_testing::Picture(c), out;
  for (size_t i = 0; i < all.size(); ++i) {
    if (skip.count(i) == 0 && IdOf(c, i) != parent) out.push_back(all[i]);
  }
  return out;
}

std::set<size_t> SubtreeOf(const Course& c, size_t root) {
  std::set<size_t> out{root};
  for (size_t k = root + 1; k < c.blocks.size(); ++k) {
    if (c.blocks[k].parent >= 0 && out.count(static_cast<size_t>(c.blocks[k].parent)) != 0) {
      out.insert(k);
    }
  }
  return out;
}

struct DeleteCase {
  const char* name;
  const char* type;
  const char* id;
  std::set<std::string> changed;  // "-path": removed
  std::vector<std::string> parent_children;
  std::vector<std::string> still_there;  // TYPE/ID
};

class CourseEditDeleteTest : public ::testing::TestWithParam<DeleteCase> {};

TEST_P(CourseEditDeleteTest, RemovesTheSubtreeAndOnlyItsFiles) {
  const DeleteCase& t = GetParam();
  MemoryFileSource files = edit_testing::SourceOf(kTree);
  auto before = LoadCourse(files);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ(edit_testing::Errors(*before), "");
  uint32_t index = edit_testing::IndexOf(*before, t.type, t.id);
  std::string parent = IdOf(*before, static_cast<size_t>(before->blocks[index].parent));
  auto changes = DeleteCourseBlock(*before, files, index);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  EXPECT_EQ(edit_testing::PathsOf(*changes), t.changed);
  ASSERT_TRUE(ApplyFileChanges(*changes, &files).ok());
  auto after = LoadCourse(files);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(edit_testing::Errors(*after), "");
  size_t slash = parent.find('/');
  EXPECT_EQ(ChildrenOf(*after, parent.substr(0, slash), parent.substr(slash + 1)),
            t.parent_children);
  for (const std::string& id : t.still_there) {
    EXPECT_TRUE(edit_testing::Has(*after, id.substr(0, id.find('/')), id.substr(id.find('/') + 1)))
        << id;
  }
  EXPECT_EQ(PictureWithout(*after, {}, parent),
            PictureWithout(*before, SubtreeOf(*before, index), parent));
}

INSTANTIATE_TEST_SUITE_P(
    Subtrees, CourseEditDeleteTest,
    ::testing::Values(
        DeleteCase{"OwnFileWithPolicy",
                   "problem",
                   "p1",
                   {"vertical/v1.xml", "-problem/p1.xml", kPolicy},
                   {"html/shared", "poll/poll1"},
                   {}},
        // html/shared is also under v2: its files and policy entry stay.
        DeleteCase{"SharedWithAnotherParent",
                   "html",
                   "shared",
                   {"vertical/v1.xml"},
                   {"problem/p1", "poll/poll1"},
                   {"html/shared"}},
        DeleteCase{"OwnFileSubtree",
                   "vertical",
                   "v1",
                   {"sequential/seq.xml", "-vertical/v1.xml", "-problem/p1.xml", kPolicy},
                   {"vertical/v2", "vertical/empty"},
                   {"html/shared"}},
        DeleteCase{
            "InlineInParent", "problem", "p2", {"vertical/v2.xml", kPolicy}, {"html/shared"}, {}},
        DeleteCase{"InlineSubtree",
                   "sequential",
                   "seq2",
                   {"chapter/ch.xml", "-problem/p3.xml"},
                   {"sequential/seq"},
                   {}},
        // v3 keeps only url_name: it must stay inline, not become a pointer.
        DeleteCase{"LastChildOfInlineParent",
                   "problem",
                   "p3",
                   {"chapter/ch.xml", "-problem/p3.xml"},
                   {},
                   {"vertical/v3"}},
        DeleteCase{"WholeSequential",
                   "sequential",
                   "seq",
                   {"chapter/ch.xml", "-sequential/seq.xml", "-vertical/v1.xml", "-vertical/v2.xml",
                    "-vertical/empty.xml", "-problem/p1.xml", "-html/shared.xml",
                    "-html/shared.html", kPolicy},
                   {"sequential/seq2"},
                   {}}),
    [](const ::testing::TestParamInfo<DeleteCase>& info) { return std::string(info.param.name); });

TEST(CourseEditDeleteTest, EditsInPlace) {
  MemoryFileSource files = edit_testing::SourceOf(kTree);
  auto course = LoadCourse(files);
  ASSERT_TRUE(course.ok());
  auto changes =
      DeleteCourseBlock(*course, files, edit_testing::IndexOf(*course, "vertical", "v1"));
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_TRUE(ApplyFileChanges(*changes, &files).ok());
  EXPECT_EQ(files.files().at("sequential/seq.xml"),
            "<sequential>\n  <vertical url_name=\"v2\"/>\n  <vertical url_name=\"empty\"/>\n"
            "</sequential>\n");
  EXPECT_EQ(files.files().at(kPolicy),
            "{\n    \"html/shared\": {\"display_name\": \"Shared\"},\n"
            "    \"problem/p2\": {\"weight\": 1}\n}\n");
  auto more = LoadCourse(files);
  ASSERT_TRUE(more.ok());
  changes = DeleteCourseBlock(*more, files, edit_testing::IndexOf(*more, "problem", "p3"));
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_TRUE(ApplyFileChanges(*changes, &files).ok());
  EXPECT_EQ(files.files().at("chapter/ch.xml"),
            "<chapter display_name=\"Ch\">\n"
            "  <sequential url_name=\"seq\"/>\n"
            "  <sequential url_name=\"seq2\" display_name=\"Inline seq\">\n"
            "    <vertical url_name=\"v3\" xblock-family=\"xblock.v1\">\n"
            "    </vertical>\n"
            "  </sequential>\n"
            "</chapter>\n");
}

struct AddCase {
  const char* name;
  const char* parent_type;
  const char* parent_id;
  const char* type;
  const char* id;
  const char* olx;    // nullptr: empty
  const char* after;  // TYPE/ID of the sibling, nullptr: appended
  std::set<std::string> changed;
  std::vector<std::string> parent_children;
  // Optional: one changed file's exact new content.
  const char* golden_path = nullptr;
  const char* golden = nullptr;
};

class CourseEditAddTest : public ::testing::TestWithParam<AddCase> {};

TEST_P(CourseEditAddTest, AddsAPointerAndItsFile) {
  const AddCase& t = GetParam();
  MemoryFileSource files = edit_testing::SourceOf(kTree);
  auto before = LoadCourse(files);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  uint32_t parent = edit_testing::IndexOf(*before, t.parent_type, t.parent_id);
  std::optional<uint32_t> after;
  if (t.after != nullptr) {
    std::string a = t.after;
    after = edit_testing::IndexOf(*before, a.substr(0, a.find('/')), a.substr(a.find('/') + 1));
  }
  std::optional<std::string_view> olx;
  if (t.olx != nullptr) olx = t.olx;
  auto changes = AddCourseBlock(*before, files, parent, t.type, t.id, olx, after);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  EXPECT_EQ(edit_testing::PathsOf(*changes), t.changed);
  ASSERT_TRUE(ApplyFileChanges(*changes, &files).ok());
  if (t.golden_path != nullptr) {
    EXPECT_EQ(files.files().at(t.golden_path), t.golden);
  }
  auto loaded = LoadCourse(files);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(edit_testing::Errors(*loaded), "");
  EXPECT_EQ(ChildrenOf(*loaded, t.parent_type, t.parent_id), t.parent_children);
  std::string parent_id = std::string(t.parent_type) + "/" + t.parent_id;
  EXPECT_EQ(
      PictureWithout(*loaded, SubtreeOf(*loaded, edit_testing::IndexOf(*loaded, t.type, t.id)),
                     parent_id),
      PictureWithout(*before, {}, parent_id));
}

INSTANTIATE_TEST_SUITE_P(
    Placements, CourseEditAddTest,
    ::testing::Values(
        AddCase{"Appended",
                "vertical",
                "v1",
                "problem",
                "new1",
                nullptr,
                nullptr,
                {"vertical/v1.xml", "problem/new1.xml"},
                {"problem/p1", "html/shared", "poll/poll1", "problem/new1"},
                "vertical/v1.xml",
                "<vertical>\n  <problem url_name=\"p1\"/>\n  <html url_name=\"shared\"/>\n"
                "  <poll url_name=\"poll1\" display_name=\"Poll\"><answer id=\"a\">A</answer>"
                "</poll>\n  <problem url_name=\"new1\"/>\n</vertical>\n"},
        AddCase{"AfterSiblingHtml",
                "vertical",
                "v1",
                "html",
                "nh",
                "<html display_name=\"N\"><p>x &amp; y</p></html>",
                "problem/p1",
                {"vertical/v1.xml", "html/nh.xml", "html/nh.html"},
                {"problem/p1", "html/nh", "html/shared", "poll/poll1"},
                "html/nh.xml",
                "<html filename=\"nh\" display_name=\"N\"/>\n"},
        AddCase{"IntoSelfClosing",
                "vertical",
                "empty",
                "problem",
                "e1",
                nullptr,
                nullptr,
                {"vertical/empty.xml", "problem/e1.xml"},
                {"problem/e1"},
                "vertical/empty.xml",
                "<vertical display_name=\"E\">\n  <problem url_name=\"e1\"/>\n</vertical>\n"},
        AddCase{"AfterInlineSibling",
                "vertical",
                "v2",
                "video",
                "vid",
                nullptr,
                "problem/p2",
                {"vertical/v2.xml", "video/vid.xml"},
                {"html/shared", "problem/p2", "video/vid"}},
        AddCase{"IntoInlineParent",
                "vertical",
                "v3",
                "problem",
                "p4",
                "<problem display_name=\"P4\"><p>4</p></problem>",
                nullptr,
                {"chapter/ch.xml", "problem/p4.xml"},
                {"problem/p3", "problem/p4"},
                "problem/p4.xml",
                "<problem display_name=\"P4\"><p>4</p></problem>"},
        AddCase{
            "WithInlineChildren",
            "chapter",
            "ch",
            "sequential",
            "ns",
            "<sequential display_name=\"S\">\n  <vertical url_name=\"sv\" display_name=\"SV\"/>\n"
            "</sequential>\n",
            "sequential/seq",
            {"chapter/ch.xml", "sequential/ns.xml"},
            {"sequential/seq", "sequential/ns", "sequential/seq2"}},
        AddCase{"IdWithColon",
                "vertical",
                "v2",
                "problem",
                "a:b",
                nullptr,
                nullptr,
                {"vertical/v2.xml", "problem/a/b.xml"},
                {"html/shared", "problem/p2", "problem/a:b"}}),
    [](const ::testing::TestParamInfo<AddCase>& info) { return std::string(info.param.name); });

TEST(CourseEditAddTest, HtmlBodyIsTheInnerMarkup) {
  MemoryFileSource files = edit_testing::SourceOf(kTree);
  auto course = LoadCourse(files);
  ASSERT_TRUE(course.ok());
  auto changes = AddCourseBlock(*course, files, edit_testing::IndexOf(*course, "vertical", "v1"),
                                "html", "nh", "<html><p>x &amp; y</p></html>", std::nullopt);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_TRUE(ApplyFileChanges(*changes, &files).ok());
  EXPECT_EQ(files.files().at("html/nh.html"), "<p>x &amp; y</p>");
  EXPECT_EQ(files.files().at("html/nh.xml"), "<html filename=\"nh\"/>\n");
  auto loaded = LoadCourse(files);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(edit_testing::ValueOf(*loaded, "html", "nh", "data"), "<p>x &amp; y</p>");
}

struct TreeErrorCase {
  const char* name;
  const char* op;     // "add" or "delete"
  const char* block;  // TYPE/ID, or "#N" for an index
  const char* type;
  const char* id;
  const char* olx;
  const char* after;
  Status::Code code;
  const char* message;
};

class CourseEditTreeErrorTest : public ::testing::TestWithParam<TreeErrorCase> {};

TEST_P(CourseEditTreeErrorTest, GoldenMessages) {
  const TreeErrorCase& t = GetParam();
  MemoryFileSource files = edit_testing::SourceOf(kTree);
  auto course = LoadCourse(files);
  ASSERT_TRUE(course.ok());
  auto index_of = [&](std::string b) -> uint32_t {
    if (b[0] == '#') return static_cast<uint32_t>(std::stoul(b.substr(1)));
    return edit_testing::IndexOf(*course, b.substr(0, b.find('/')), b.substr(b.find('/') + 1));
  };
  uint32_t block = index_of(t.block);
  Result<std::vector<FileChange>> changes = Status::Internal("not run");
  if (std::string(t.op) == "delete") {
    changes = DeleteCourseBlock(*course, files, block);
  } else {
    std::optional<std::string_view> olx;
    if (t.olx != nullptr) olx = t.olx;
    std::optional<uint32_t> after;
    if (t.after != nullptr) after = index_of(t.after);
    changes = AddCourseBlock(*course, files, block, t.type, t.id, olx, after);
  }
  ASSERT_FALSE(changes.ok());
  EXPECT_EQ(changes.status().code(), t.code);
  EXPECT_EQ(changes.status().message(), t.message);
}

using C = Status::Code;
INSTANTIATE_TEST_SUITE_P(
    Errors, CourseEditTreeErrorTest,
    ::testing::Values(
        TreeErrorCase{"DeleteRoot", "delete", "course/R", "", "", nullptr, nullptr,
                      C::kFailedPrecondition,
                      "block-v1:O+C+R+type@course+block@R: the course root cannot be deleted"},
        TreeErrorCase{"DeleteNoBlock", "delete", "#99", "", "", nullptr, nullptr, C::kNotFound,
                      "course-v1:O+C+R: no block #99 (the course has 14 blocks)"},
        TreeErrorCase{"IdTaken", "add", "vertical/v1", "problem", "p1", nullptr, nullptr,
                      C::kAlreadyExists,
                      "block-v1:O+C+R+type@problem+block@p1: the course already has this block"},
        TreeErrorCase{"OrphanFile", "add", "vertical/v1", "problem", "orphan", nullptr, nullptr,
                      C::kAlreadyExists,
                      "block-v1:O+C+R+type@problem+block@orphan: problem/orphan.xml already "
                      "exists"},
        TreeErrorCase{"UnsafeId", "add", "vertical/v1", "problem", "a::b", nullptr, nullptr,
                      C::kInvalidArgument,
                      "block-v1:O+C+R+type@vertical+block@v1: 'a::b' is not a valid problem id: "
                      "empty path segment"},
        TreeErrorCase{"EmptyId", "add", "vertical/v1", "problem", "", nullptr, nullptr,
                      C::kInvalidArgument,
                      "block-v1:O+C+R+type@vertical+block@v1: '' is not a valid problem id: "
                      "empty path"},
        TreeErrorCase{"BadType", "add", "vertical/v1", "1x", "a", nullptr, nullptr,
                      C::kInvalidArgument,
                      "block-v1:O+C+R+type@vertical+block@v1: '1x' is not a valid block type"},
        TreeErrorCase{"NotAContainer", "add", "problem/p1", "html", "a", nullptr, nullptr,
                      C::kInvalidArgument,
                      "block-v1:O+C+R+type@problem+block@p1: problem blocks have no children"},
        TreeErrorCase{"AfterNotAChild", "add", "vertical/v1", "html", "a", nullptr, "problem/p2",
                      C::kInvalidArgument,
                      "block-v1:O+C+R+type@problem+block@p2 is not a child of "
                      "block-v1:O+C+R+type@vertical+block@v1"},
        TreeErrorCase{"OlxWrongRoot", "add", "vertical/v1", "problem", "a", "<html/>", nullptr,
                      C::kInvalidArgument,
                      "block-v1:O+C+R+type@problem+block@a: olx must be a <problem> element, not "
                      "<html>"},
        TreeErrorCase{"OlxOtherName", "add", "vertical/v1", "problem", "a",
                      "<problem url_name=\"b\"/>", nullptr, C::kInvalidArgument,
                      "block-v1:O+C+R+type@problem+block@a: olx names the block 'b'"},
        TreeErrorCase{"OlxHtmlFilename", "add", "vertical/v1", "html", "a",
                      "<html filename=\"x\"/>", nullptr, C::kInvalidArgument,
                      "block-v1:O+C+R+type@html+block@a: olx of an html block cannot name a "
                      "filename"}),
    [](const ::testing::TestParamInfo<TreeErrorCase>& info) {
      return std::string(info.param.name);
    });

TEST(CourseEditAddTest, OlxMustParse) {
  MemoryFileSource files = edit_testing::SourceOf(kTree);
  auto course = LoadCourse(files);
  ASSERT_TRUE(course.ok());
  auto changes = AddCourseBlock(*course, files, edit_testing::IndexOf(*course, "vertical", "v1"),
                                "problem", "a", "<problem><p></problem>", std::nullopt);
  ASSERT_FALSE(changes.ok());
  EXPECT_EQ(changes.status().message().rfind(
                "block-v1:O+C+R+type@problem+block@a: olx is not XML: olx:1:", 0),
            0u)
      << changes.status().message();
}

}  // namespace
}  // namespace blockrt::olx
