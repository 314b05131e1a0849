// SyncLibraryCopies / AddLibraryCopy: reloaded, the parent's children are the
// copies in order, kept children keep their own settings (attributes and
// policy entries) and take the library's defaults and content, removed ones
// leave no file behind, and only the files that change are written.
#include "olx/course/library_copy_edit.h"

#include <gtest/gtest.h>

#include "olx/course/course_edit_testing.h"

namespace blockrt::olx {
namespace {

using edit_testing::Files;
using edit_testing::IndexOf;
using edit_testing::PathsOf;
using edit_testing::ValueOf;

// The seed's course at library version 5 (W, X, Y, Z under myLCB).
const Files kCourse = {
    {"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n"},
    {"course/R.xml", "<course>\n  <chapter url_name=\"ch\"/>\n</course>\n"},
    {"chapter/ch.xml", "<chapter>\n  <sequential url_name=\"seq\"/>\n</chapter>\n"},
    {"sequential/seq.xml", "<sequential>\n  <vertical url_name=\"unit\"/>\n</sequential>\n"},
    {"vertical/unit.xml",
     "<vertical>\n  <library_content url_name=\"myLCB\"/>\n  <html url_name=\"after\"/>\n"
     "</vertical>\n"},
    {"html/after.xml", "<html filename=\"after\"/>\n"},
    {"html/after.html", "<p>after</p>\n"},
    {"library_content/myLCB.xml",
     "<library_content source_library_id=\"lib:O:L\" source_library_version=\"5\">\n"
     "  <problem url_name=\"W\"/>\n  <problem url_name=\"X\"/>\n"
     "  <problem url_name=\"Y\"/>\n  <problem url_name=\"Z\"/>\n</library_content>\n"},
    {"problem/W.xml", "<problem default-display_name=\"title W\">www</problem>\n"},
    {"problem/X.xml",
     "<problem default-display_name=\"title X\" display_name=\"override title X\">xxx</problem>\n"},
    {"problem/Y.xml",
     "<problem default-display_name=\"title Y\" display_name=\"override title Y\">yyy_edit"
     "</problem>\n"},
    {"problem/Z.xml", "<problem default-display_name=\"title Z\">zzz_edit</problem>\n"},
    {"policies/R/policy.json",
     "{\n    \"problem/Z\": {\"weight\": 2},\n    \"problem/W\": {\"max_attempts\": 3}\n}\n"},
};

LibraryCopy Problem(std::string id, std::string title, std::string data) {
  LibraryCopy c;
  c.type = "problem";
  c.id = std::move(id);
  c.library_attributes = {{"display_name", std::move(title)}};
  c.body = std::move(data);
  return c;
}

struct Loaded {
  MemoryFileSource files;
  Course course;
};

Loaded Load(const Files& files) {
  Loaded l{edit_testing::SourceOf(files), {}};
  Result<Course> c = LoadCourse(l.files);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  if (c.ok()) l.course = std::move(*c);
  EXPECT_EQ(edit_testing::Errors(l.course), "");
  return l;
}

// Applies `edit` to `l` and reloads.
void Apply(const CopyEdit& edit, Loaded* l) {
  ASSERT_TRUE(ApplyFileChanges(edit.changes, &l->files).ok());
  Result<Course> c = LoadCourse(l->files);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  l->course = std::move(*c);
  EXPECT_EQ(edit_testing::Errors(l->course), "");
}

std::vector<std::string> Children(const Course& c, std::string_view type, std::string_view id) {
  std::vector<std::string> out;
  for (uint32_t k : c.blocks[IndexOf(c, type, id)].children) {
    out.push_back(std::string(c.blocks[k].definition.block_type) + "/" +
                  std::string(c.blocks[k].url_name));
  }
  return out;
}

std::string Outcomes(const CopyEdit& e) {
  std::string out;
  for (const CopyOutcome& o : e.blocks) {
    out += std::string(o.depth, ' ') + o.type + "/" + o.id + " " +
           std::string(CopyActionName(o.action));
    for (const std::string& n : o.overrides) out += " +" + n;
    if (o.defaults_changed) out += " defaults";
    if (o.content_changed) out += " content";
    if (o.children_changed) out += " children";
    if (o.rewritten) out += " w";
    out += "\n";
  }
  return out;
}

std::vector<LibraryCopy> Version5() {
  return {Problem("W", "title W", "www"), Problem("X", "title X", "xxx"),
          Problem("Y", "title Y", "yyy"), Problem("Z", "title Z", "zzz")};
}
std::vector<LibraryCopy> Version6() {
  return {Problem("Y", "title Y", "yyy"), Problem("Z", "title Z", "zzz_updated"),
          Problem("Q", "title Q", "qqq")};
}

TEST(SyncLibraryCopies, UpgradeKeepsOverridesTakesContentRemovesAndAdds) {
  Loaded l = Load(kCourse);
  uint32_t lcb = IndexOf(l.course, "library_content", "myLCB");
  Result<CopyEdit> e =
      SyncLibraryCopies(l.course, l.files, lcb, Version6(), {{"source_library_version", "6"}});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(PathsOf(e->changes),
            (std::set<std::string>{"library_content/myLCB.xml", "-problem/W.xml", "-problem/X.xml",
                                   "problem/Y.xml", "problem/Z.xml", "problem/Q.xml",
                                   "policies/R/policy.json"}));
  EXPECT_EQ(Outcomes(*e),
            "problem/Y kept +display_name content w\n"
            "problem/Z kept +weight content w\n"
            "problem/Q added w\n"
            "problem/W removed +max_attempts\n"
            "problem/X removed +display_name\n");
  Apply(*e, &l);
  EXPECT_EQ(Children(l.course, "library_content", "myLCB"),
            (std::vector<std::string>{"problem/Y", "problem/Z", "problem/Q"}));
  EXPECT_EQ(ValueOf(l.course, "library_content", "myLCB", "source_library_version"), "6");
  EXPECT_EQ(ValueOf(l.course, "problem", "Y", "display_name"), "override title Y");
  EXPECT_EQ(ValueOf(l.course, "problem", "Y", "default-display_name"), "title Y");
  EXPECT_EQ(ValueOf(l.course, "problem", "Y", "data"), "<problem>yyy</problem>");
  EXPECT_EQ(ValueOf(l.course, "problem", "Z", "weight"), "2");  // policy.json override
  EXPECT_EQ(ValueOf(l.course, "problem", "Z", "data"), "<problem>zzz_updated</problem>");
  EXPECT_EQ(ValueOf(l.course, "problem", "Q", "default-display_name"), "title Q");
  EXPECT_EQ(ValueOf(l.course, "problem", "Q", "display_name"), "<unset>");
  EXPECT_FALSE(l.files.IsFile("problem/W.xml"));
  std::string policy;
  ASSERT_TRUE(l.files.Read("policies/R/policy.json", 1 << 20, &policy).ok());
  EXPECT_EQ(policy.find("problem/W"), std::string::npos) << policy;
  // The rest of the tree is untouched, the sibling after the LCB included.
  EXPECT_EQ(Children(l.course, "vertical", "unit"),
            (std::vector<std::string>{"library_content/myLCB", "html/after"}));
  std::string lcb_file;
  ASSERT_TRUE(l.files.Read("library_content/myLCB.xml", 1 << 20, &lcb_file).ok());
  EXPECT_EQ(lcb_file,
            "<library_content source_library_id=\"lib:O:L\" source_library_version=\"6\">\n"
            "  <problem url_name=\"Y\"/>\n  <problem url_name=\"Z\"/>\n"
            "  <problem url_name=\"Q\"/>\n</library_content>\n");
}

TEST(SyncLibraryCopies, TheSameCopiesChangeNothing) {
  Files files = kCourse;
  files["problem/Y.xml"] =
      "<problem default-display_name=\"title Y\" display_name=\"override title Y\">yyy</problem>\n";
  files["problem/Z.xml"] = "<problem default-display_name=\"title Z\">zzz</problem>\n";
  Loaded l = Load(files);
  uint32_t lcb = IndexOf(l.course, "library_content", "myLCB");
  Result<CopyEdit> e =
      SyncLibraryCopies(l.course, l.files, lcb, Version5(), {{"source_library_version", "5"}});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_TRUE(e->changes.empty()) << *PathsOf(e->changes).begin();
  EXPECT_EQ(Outcomes(*e),
            "problem/W kept +max_attempts\nproblem/X kept +display_name\n"
            "problem/Y kept +display_name\nproblem/Z kept +weight\n");
}

TEST(SyncLibraryCopies, NewDefaultsAndNewOrder) {
  Loaded l = Load(kCourse);
  uint32_t lcb = IndexOf(l.course, "library_content", "myLCB");
  std::vector<LibraryCopy> copies = {Problem("Z", "title Z", "zzz_edit"),
                                     Problem("W", "new W", "www")};
  copies[1].library_attributes.emplace_back("max_attempts", "5");
  copies[1].library_attributes.emplace_back("markdown", "dropped");
  copies[1].library_attributes.emplace_back("custom", "content attr");
  Result<CopyEdit> e = SyncLibraryCopies(l.course, l.files, lcb, copies);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(Outcomes(*e),
            "problem/Z kept +weight\n"
            "problem/W kept +max_attempts defaults content w\n"
            "problem/X removed +display_name\nproblem/Y removed +display_name\n");
  Apply(*e, &l);
  EXPECT_EQ(Children(l.course, "library_content", "myLCB"),
            (std::vector<std::string>{"problem/Z", "problem/W"}));
  EXPECT_EQ(ValueOf(l.course, "problem", "W", "default-max_attempts"), "5");
  EXPECT_EQ(ValueOf(l.course, "problem", "W", "max_attempts"), "3");  // policy override
  EXPECT_EQ(ValueOf(l.course, "problem", "W", "custom"), "content attr");
  EXPECT_EQ(ValueOf(l.course, "problem", "W", "default-markdown"), "<unset>");
  EXPECT_EQ(ValueOf(l.course, "problem", "W", "default-display_name"), "new W");
}

TEST(SyncLibraryCopies, FirstSyncOfAnEmptyBlockAndInlineChildren) {
  Files files = kCourse;
  files["library_content/myLCB.xml"] = "<library_content source_library_id=\"lib:O:L\"/>\n";
  Loaded l = Load(files);
  uint32_t lcb = IndexOf(l.course, "library_content", "myLCB");
  Result<CopyEdit> e =
      SyncLibraryCopies(l.course, l.files, lcb, Version5(), {{"source_library_version", "5"}});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  // The stale problem files of no block are overwritten, not refused.
  Apply(*e, &l);
  EXPECT_EQ(Children(l.course, "library_content", "myLCB"),
            (std::vector<std::string>{"problem/W", "problem/X", "problem/Y", "problem/Z"}));
  EXPECT_EQ(ValueOf(l.course, "problem", "X", "display_name"), "<unset>");
  EXPECT_EQ(ValueOf(l.course, "problem", "X", "default-display_name"), "title X");

  // Inline children get files of their own, keeping their own settings.
  files["library_content/myLCB.xml"] =
      "<library_content source_library_id=\"lib:O:L\">\n"
      "  <problem url_name=\"W\" display_name=\"inline W\">www</problem>\n"
      "</library_content>\n";
  files.erase("problem/W.xml");
  l = Load(files);
  lcb = IndexOf(l.course, "library_content", "myLCB");
  e = SyncLibraryCopies(l.course, l.files, lcb, {Problem("W", "title W", "www")});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(Outcomes(*e), "problem/W kept +display_name +max_attempts defaults w\n");
  Apply(*e, &l);
  EXPECT_TRUE(l.course.blocks[IndexOf(l.course, "problem", "W")].own_file);
  EXPECT_EQ(ValueOf(l.course, "problem", "W", "display_name"), "inline W");
  EXPECT_EQ(ValueOf(l.course, "problem", "W", "default-display_name"), "title W");
}

TEST(SyncLibraryCopies, ContainersRecurseAndHtmlKeepsItsFiles) {
  Loaded l = Load(kCourse);
  uint32_t lcb = IndexOf(l.course, "library_content", "myLCB");
  LibraryCopy unit;
  unit.type = "vertical";
  unit.id = "V";
  unit.library_attributes = {{"display_name", "lib unit"}};
  unit.children = {Problem("V1", "one", "1"), Problem("V2", "two", "2")};
  LibraryCopy html;
  html.type = "html";
  html.id = "H";
  html.library_attributes = {{"display_name", "lib html"}};
  html.body = "<p>hello</p>";
  Result<CopyEdit> e = SyncLibraryCopies(l.course, l.files, lcb, {unit, html});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  Apply(*e, &l);
  EXPECT_EQ(Children(l.course, "vertical", "V"),
            (std::vector<std::string>{"problem/V1", "problem/V2"}));
  EXPECT_EQ(ValueOf(l.course, "html", "H", "data"), "<p>hello</p>");
  EXPECT_TRUE(l.files.IsFile("html/H.html"));
  ASSERT_TRUE(
      ApplyFileChanges(*SetCourseField(l.course, l.files, IndexOf(l.course, "problem", "V2"),
                                       "display_name", "course two"),
                       &l.files)
          .ok());
  Result<Course> reloaded = LoadCourse(l.files);
  ASSERT_TRUE(reloaded.ok());
  l.course = std::move(*reloaded);

  // The library drops V1 and adds V3 inside the unit, and edits the html.
  unit.children = {Problem("V2", "two", "2"), Problem("V3", "three", "3")};
  html.body = "<p>bye</p>";
  lcb = IndexOf(l.course, "library_content", "myLCB");
  e = SyncLibraryCopies(l.course, l.files, lcb, {unit, html});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(Outcomes(*e),
            "vertical/V kept children w\n"
            " problem/V2 kept +display_name\n"
            " problem/V3 added w\n"
            " problem/V1 removed\n"
            "html/H kept content w\n");
  EXPECT_EQ(PathsOf(e->changes), (std::set<std::string>{"vertical/V.xml", "problem/V3.xml",
                                                        "-problem/V1.xml", "html/H.html"}));
  Apply(*e, &l);
  EXPECT_EQ(Children(l.course, "vertical", "V"),
            (std::vector<std::string>{"problem/V2", "problem/V3"}));
  EXPECT_EQ(ValueOf(l.course, "problem", "V2", "display_name"), "course two");
  EXPECT_EQ(ValueOf(l.course, "html", "H", "data"), "<p>bye</p>");
}

TEST(SyncLibraryCopies, Errors) {
  Loaded l = Load(kCourse);
  uint32_t lcb = IndexOf(l.course, "library_content", "myLCB");
  struct Case {
    std::vector<LibraryCopy> copies;
    Status::Code code;
    std::string message;
  } cases[] = {
      {{Problem("Y", "a", ""), Problem("Y", "b", "")},
       Status::Code::kInvalidArgument,
       "One or more library component IDs is a duplicate."},
      {{LibraryCopy{"html", "after", {}, "", {}, {}}},
       Status::Code::kAlreadyExists,
       "Expected existing block block-v1:O+C+R+type@html+block@after to be a child of "
       "block-v1:O+C+R+type@library_content+block@myLCB but instead it's a child of "
       "block-v1:O+C+R+type@vertical+block@unit"},
  };
  for (const Case& c : cases) {
    Result<CopyEdit> e = SyncLibraryCopies(l.course, l.files, lcb, c.copies);
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.status().code(), c.code) << e.status().ToString();
    EXPECT_NE(e.status().message().find(c.message), std::string::npos) << e.status().ToString();
  }
  Result<CopyEdit> leaf =
      SyncLibraryCopies(l.course, l.files, IndexOf(l.course, "problem", "W"), {});
  EXPECT_EQ(leaf.status().code(), Status::Code::kInvalidArgument);
}

TEST(AddLibraryCopy, DuplicatesABlockWithItsSubtreeUnderNewIds) {
  Loaded l = Load(kCourse);
  uint32_t lcb = IndexOf(l.course, "library_content", "myLCB");
  Result<LibraryCopy> made = CopyOfBlock(l.course, l.files, lcb, [&](uint32_t i) {
    return i == lcb ? std::string("dupe") : std::string(l.course.blocks[i].url_name) + "_copy";
  });
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  const LibraryCopy& dupe = *made;
  ASSERT_EQ(dupe.children.size(), 4u);
  EXPECT_EQ(dupe.children[1].own_settings, (AttributePairs{{"display_name", "override title X"}}));
  EXPECT_EQ(dupe.children[1].library_attributes, (AttributePairs{{"display_name", "title X"}}));
  EXPECT_EQ(dupe.children[3].own_settings, (AttributePairs{{"weight", "2"}}));
  EXPECT_EQ(dupe.children[3].body, "zzz_edit");
  Result<CopyEdit> e =
      AddLibraryCopy(l.course, l.files, IndexOf(l.course, "vertical", "unit"), lcb, dupe);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  Apply(*e, &l);
  EXPECT_EQ(
      Children(l.course, "vertical", "unit"),
      (std::vector<std::string>{"library_content/myLCB", "library_content/dupe", "html/after"}));
  EXPECT_EQ(ValueOf(l.course, "library_content", "dupe", "source_library_version"), "5");
  EXPECT_EQ(ValueOf(l.course, "problem", "X_copy", "display_name"), "override title X");
  EXPECT_EQ(ValueOf(l.course, "problem", "X_copy", "default-display_name"), "title X");
  EXPECT_EQ(ValueOf(l.course, "problem", "Z_copy", "weight"), "2");
  EXPECT_EQ(ValueOf(l.course, "problem", "Z_copy", "data"), "<problem>zzz_edit</problem>");
  // Taken ids are refused.
  Result<CopyEdit> again =
      AddLibraryCopy(l.course, l.files, IndexOf(l.course, "vertical", "unit"), std::nullopt, dupe);
  EXPECT_EQ(again.status().code(), Status::Code::kAlreadyExists);
}

TEST(LibraryCopyFromOlx, AttributesAndInnerMarkup) {
  Result<LibraryCopy> c = LibraryCopyFromOlx(
      "problem", "p",
      "<problem display_name=\"T &amp; U\" max_attempts=\"2\"><p>x</p> y</problem>");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->library_attributes,
            (AttributePairs{{"display_name", "T & U"}, {"max_attempts", "2"}}));
  EXPECT_EQ(c->body, "<p>x</p> y");
  EXPECT_EQ(LibraryCopyFromOlx("html", "h", "<html/>")->body, "");
  EXPECT_EQ(LibraryCopyFromOlx("html", "h", "<problem/>").status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(LibraryCopyFromOlx("html", "h", "<html>").status().code(),
            Status::Code::kInvalidArgument);
}

TEST(ClassifyLibraryAttribute, SettingsContentAndDropped) {
  struct Case {
    const char* type;
    const char* name;
    LibraryAttributeKind kind;
  } cases[] = {
      {"problem", "display_name", LibraryAttributeKind::kSetting},
      {"problem", "max_attempts", LibraryAttributeKind::kSetting},
      {"problem", "weight", LibraryAttributeKind::kSetting},
      {"problem", "markdown", LibraryAttributeKind::kDropped},
      {"problem", "url_name", LibraryAttributeKind::kDropped},
      {"problem", "default-display_name", LibraryAttributeKind::kDropped},
      {"problem", "foo", LibraryAttributeKind::kContent},
      {"html", "editor", LibraryAttributeKind::kSetting},
      {"drag-and-drop-v2", "display_name", LibraryAttributeKind::kSetting},
      {"drag-and-drop-v2", "data", LibraryAttributeKind::kContent},
      {"drag-and-drop-v2", "item_background_color", LibraryAttributeKind::kContent},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassifyLibraryAttribute(c.type, c.name), c.kind) << c.type << " " << c.name;
  }
}

}  // namespace
}  // namespace blockrt::olx
