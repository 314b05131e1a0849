// v1 libraries (library-v1) in the store, through the course machinery:
// create, import (same and other key), export, publish/status, what Studio
// and the LMS load, roles, and refusals that leave nothing behind.
#include <gtest/gtest.h>

#include "contexts/internal/course_table.h"
#include "contexts/snapshot_files.h"
#include "contexts/testing/v1_library_fixture.h"
#include "olx/course/course.h"

namespace blockrt::contexts {
namespace {

using testing::BankExport;
using testing::Files;
using testing::ReadTree;
using testing::V1LibraryTest;

constexpr char kLib[] = "library-v1:O+L";
constexpr char kP1[] = "lib-block-v1:O+L+type@problem+block@p1";
constexpr char kC1[] = "lib-block-v1:O+L+type@problem+block@c1";

std::vector<std::string> Texts(const std::vector<keys::Key>& keys) {
  std::vector<std::string> out;
  for (const keys::Key& k : keys) out.push_back(k.ToString());
  return out;
}

keys::Key K(const std::string& text) {
  Result<keys::Key> k = keys::Key::Parse(text);
  EXPECT_TRUE(k.ok()) << text;
  return k.ok() ? *k : keys::Key();
}

TEST(CanonicalV1LibraryKey, AcceptsOnlyLibraryV1) {
  struct Case {
    const char* key;
    const char* canonical;  // nullptr = refused
  } cases[] = {
      {"library-v1:O+L", "library-v1:O+L"},
      {"library-v1:OpenedX+DemoRespiratoryQuestions",
       "library-v1:OpenedX+DemoRespiratoryQuestions"},
      {"library-v1:O+L+RUN", "library-v1:O+L"},  // opaque-keys drops a run
      {"library-v1:O+L+branch@library", nullptr},
      {"library-v1:O", nullptr},
      {"lib:O:L", nullptr},
      {"course-v1:O+C+R", nullptr},
      {"lib-block-v1:O+L+type@problem+block@p", nullptr},
      {"", nullptr},
  };
  for (const Case& c : cases) {
    Result<std::string> k = CanonicalV1LibraryKey(c.key);
    if (c.canonical == nullptr) {
      EXPECT_EQ(k.status().code(), Status::Code::kInvalidArgument) << c.key;
    } else {
      ASSERT_TRUE(k.ok()) << c.key << ": " << k.status().ToString();
      EXPECT_EQ(*k, c.canonical);
    }
  }
}

TEST_F(V1LibraryTest, CreateWritesALibraryXmlThatLoads) {
  Result<CourseInfo> info = v1a_->CreateCourse({kLib, "My <Bank>", "alice", false});
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->key, kLib);
  EXPECT_EQ(info->RoleOf("alice"), CourseRole::kStaff);
  const std::string out = FreshDir();
  ASSERT_TRUE(v1a_->ExportCourse(kLib, out).ok());
  Files files = ReadTree(out);
  EXPECT_EQ(files["library.xml"],
            "<library display_name=\"My &lt;Bank&gt;\" library=\"L\" org=\"O\" "
            "url_name=\"library\" xblock-family=\"xblock.v1\"/>\n");
  EXPECT_EQ(files["policies/assets.json"], "{}");
  EXPECT_EQ(files.size(), 2u);
  Result<olx::Course> loaded = olx::LoadCourse(out);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->kind, olx::Course::Kind::kLibrary);
  EXPECT_EQ(loaded->context_key, kLib);
  EXPECT_EQ(loaded->error_count(), 0u);
  auto tree = v1a_->Tree(kLib);
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  EXPECT_EQ((*tree)->course.blocks.size(), 1u);

  struct Refused {
    NewCourse spec;
    Status::Code code;
  } refused[] = {
      {{kLib, "", "", false}, Status::Code::kAlreadyExists},
      {{"library-v1:O+L+RUN", "", "", false}, Status::Code::kAlreadyExists},
      {{"course-v1:O+L+R", "", "", false}, Status::Code::kInvalidArgument},
      {{"lib:O:L2", "", "", false}, Status::Code::kInvalidArgument},
      {{"library-v1:O+L3", "\xff", "", false}, Status::Code::kInvalidArgument},
      {{"library-v1:O+L4", "", "anonymous1", false}, Status::Code::kInvalidArgument},
  };
  for (const Refused& r : refused) {
    EXPECT_EQ(v1a_->CreateCourse(r.spec).status().code(), r.code) << r.spec.key;
  }
  EXPECT_EQ(v1a_->ListCourses()->size(), 1u);
  // v1 libraries live in their own table: no course, no v2 library.
  EXPECT_TRUE(courses_->table().List()->empty());
  EXPECT_TRUE(v2a_->ListLibraries()->empty());
}

TEST_F(V1LibraryTest, ImportIsByteFaithfulAndListsTopLevelBlocksInLibraryOrder) {
  Result<CourseImportReport> r = v1a_->ImportCourse(Export(BankExport()), kLib, "alice");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->created);
  EXPECT_EQ(r->from_key, kLib);
  EXPECT_EQ(r->blocks, 6u);  // library + p2 h1 v1 c1 p1
  EXPECT_EQ(r->errors, 0u);
  EXPECT_TRUE(r->rewritten.empty());
  auto info = v1_->table().Get(kLib);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ((*info)->title, "Bank");
  const std::string out = FreshDir();
  ASSERT_TRUE(v1a_->ExportCourse(kLib, out).ok());
  EXPECT_EQ(ReadTree(out), BankExport());

  keys::Key lib = K(kLib);
  auto studio = v1_->TopLevelBlocks(lib.view(), {kStudioDraft});
  ASSERT_TRUE(studio.ok()) << studio.status().ToString();
  EXPECT_EQ(Texts(*studio), (std::vector<std::string>{
                                "lib-block-v1:O+L+type@problem+block@p2",
                                "lib-block-v1:O+L+type@html+block@h1",
                                "lib-block-v1:O+L+type@vertical+block@v1",
                                "lib-block-v1:O+L+type@problem+block@p1",
                            }));
  // Never published: the LMS sees an empty library.
  auto lms = v1_->TopLevelBlocks(lib.view(), {});
  ASSERT_TRUE(lms.ok());
  EXPECT_TRUE(lms->empty());
  auto all = v1_->ListBlocks(lib.view(), {kStudioDraft});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 6u);

  // Re-import without p1: the draft mirrors the export.
  Files fewer = BankExport();
  fewer.erase("problem/p1.xml");
  fewer["library.xml"] =
      "<library url_name=\"library\" xblock-family=\"xblock.v1\" display_name=\"Bank\" "
      "org=\"O\" library=\"L\">\n  <problem url_name=\"p2\"/>\n</library>\n";
  r = v1a_->ImportCourse(Export(fewer), kLib);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->created);
  EXPECT_EQ(r->deleted, std::vector<std::string>{"problem/p1.xml"});
  studio = v1_->TopLevelBlocks(lib.view(), {kStudioDraft});
  ASSERT_TRUE(studio.ok());
  EXPECT_EQ(Texts(*studio), std::vector<std::string>{"lib-block-v1:O+L+type@problem+block@p2"});
}

TEST_F(V1LibraryTest, ImportUnderAnotherKeyRewritesOnlyLibraryXml) {
  Result<CourseImportReport> r = v1a_->ImportCourse(Export(BankExport()), "library-v1:O2+L2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->from_key, kLib);
  EXPECT_EQ(r->rewritten, std::vector<std::string>{"library.xml"});
  const std::string out = FreshDir();
  ASSERT_TRUE(v1a_->ExportCourse("library-v1:O2+L2", out).ok());
  Files want = BankExport();
  want["library.xml"] =
      "<library url_name=\"library\" xblock-family=\"xblock.v1\" display_name=\"Bank\" "
      "org=\"O2\" library=\"L2\">\n"
      "  <problem url_name=\"p2\"/>\n  <html url_name=\"h1\"/>\n  <vertical url_name=\"v1\"/>\n"
      "  <problem url_name=\"p1\"/>\n</library>\n";
  EXPECT_EQ(ReadTree(out), want);
  auto tree = v1a_->Tree("library-v1:O2+L2");
  ASSERT_TRUE(tree.ok());
  EXPECT_NE((*tree)->Find("lib-block-v1:O2+L2+type@problem+block@p1"), nullptr);
  EXPECT_EQ((*tree)->Find(kP1), nullptr);
}

TEST_F(V1LibraryTest, RefusedImportsLeaveTheStoreUntouched) {
  const Files course = {{"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n"},
                        {"course/R.xml", "<course/>\n"}};
  struct Case {
    const char* name;
    std::string dir;
    std::string key;
    Status::Code code;
    const char* says;
  } cases[] = {
      {"a course export", Export(course), kLib, Status::Code::kInvalidArgument,
       "is a course export"},
      {"no root", Export({{"problem/p.xml", "<problem/>"}}), kLib, Status::Code::kNotFound,
       "library.xml"},
      {"broken library.xml", Export({{"library.xml", "<library>\n  <problem>\n</library>\n"}}),
       kLib, Status::Code::kParseError, "library.xml:"},
      {"not a directory", (tmp_.path() / "missing").string(), kLib, Status::Code::kIOError,
       "is not a directory"},
      {"a course key", Export(BankExport()), "course-v1:O+L+R", Status::Code::kInvalidArgument,
       "not a v1 library key"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<CourseImportReport> r = v1a_->ImportCourse(c.dir, c.key);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), c.code) << r.status().ToString();
    EXPECT_NE(r.status().message().find(c.says), std::string::npos) << r.status().message();
  }
  EXPECT_TRUE(v1a_->ListCourses()->empty());
  EXPECT_TRUE(store_->ListBundles()->empty());
}

TEST_F(V1LibraryTest, PublishVersionsAndStatus) {
  ASSERT_TRUE(v1a_->ImportCourse(Export(BankExport()), kLib).ok());
  Result<CourseStatus> st = v1a_->GetStatus(kLib);
  ASSERT_TRUE(st.ok());
  EXPECT_TRUE(st->has_draft_changes);
  EXPECT_TRUE(st->versions.empty());
  EXPECT_EQ(v1a_->ExportCourse(kLib, FreshDir(), /*published=*/true).status().code(),
            Status::Code::kFailedPrecondition);
  Result<int64_t> v = v1a_->Publish(kLib);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, 1);
  Result<int64_t> again = v1a_->Publish(kLib);
  EXPECT_EQ(again.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(again.status().message().find("library library-v1:O+L has no unpublished changes"),
            std::string::npos)
      << again.status().message();
  st = v1a_->GetStatus(kLib);
  EXPECT_FALSE(st->has_draft_changes);
  ASSERT_EQ(st->versions.size(), 1u);

  keys::Key lib = K(kLib);
  EXPECT_EQ(v1_->TopLevelBlocks(lib.view(), {})->size(), 4u);
  ASSERT_TRUE(v1a_->SetField(K(kP1).view(), "display_name", "P1 again").ok());
  EXPECT_EQ(*v1a_->Publish(kLib), 2);
  st = v1a_->GetStatus(kLib);
  EXPECT_EQ(st->versions.size(), 2u);
  const std::string out = FreshDir();
  ASSERT_TRUE(v1a_->ExportCourse(kLib, out, /*published=*/true).ok());
  EXPECT_NE(ReadTree(out)["problem/p1.xml"].find("P1 again"), std::string::npos);
}

// The display_name the load of `usage` carries, or "<none>" for no load.
std::string LoadedTitle(const CourseContext& ctx, const User* user, const std::string& usage,
                        ContentSelector sel, bool edit) {
  keys::Key key = K(usage);
  Result<std::optional<UsageLoad>> load = ctx.LoadUsage(nullptr, user, key.view(), sel, edit, true);
  EXPECT_TRUE(load.ok()) << load.status().ToString();
  if (!load.ok() || !load->has_value()) return "<none>";
  const std::string* title = (*load)->olx->attribute("display_name");
  return title ? *title : "<untitled>";
}

TEST_F(V1LibraryTest, StudioLoadsTheDraftTheLmsThePublishedVersion) {
  ImportBank();
  ASSERT_TRUE(v1a_->SetField(K(kP1).view(), "display_name", "Edited").ok());
  EXPECT_EQ(LoadedTitle(*v1_, nullptr, kP1, {kStudioDraft}, true), "Edited");
  EXPECT_EQ(LoadedTitle(*v1_, nullptr, kP1, {}, false), "P1");

  // Children and parents: the container's child, in the library tree.
  keys::Key v1 = K("lib-block-v1:O+L+type@vertical+block@v1");
  auto load = v1_->LoadUsage(nullptr, nullptr, v1.view(), {}, false, true);
  ASSERT_TRUE(load.ok() && load->has_value());
  EXPECT_EQ(Texts((*load)->children), std::vector<std::string>{kC1});
  ASSERT_NE((*load)->parent, nullptr);
  ASSERT_TRUE((*load)->parent->has_value());
  EXPECT_EQ((*load)->parent->value().ToString(), "lib-block-v1:O+L+type@library+block@library");
  EXPECT_EQ((*load)->definition->asset_dir, "static/");

  // Keys of other contexts, or of no block, load nothing.
  EXPECT_EQ(LoadedTitle(*v1_, nullptr, "lib-block-v1:O+L+type@problem+block@nope", {}, false),
            "<none>");
  EXPECT_EQ(LoadedTitle(*v1_, nullptr, "lib-block-v1:O+Other+type@problem+block@p1", {}, false),
            "<none>");
  EXPECT_EQ(LoadedTitle(*v1_, nullptr, "block-v1:O+L+R+type@problem+block@p1", {}, false),
            "<none>");
  EXPECT_EQ(LoadedTitle(*courses_, nullptr, kP1, {}, false), "<none>");
}

TEST_F(V1LibraryTest, RolesDecideWhoSeesAndEditsWhat) {
  ImportBank();
  ASSERT_TRUE(v1a_->SetRole(kLib, "bob", CourseRole::kLearner).ok());
  struct Case {
    const char* user;
    bool studio_edit, lms_view;
  } cases[] = {
      {"alice", true, true},  // staff (the importer's admin)
      {"bob", false, true},   // learner
      {"carol", false, false},
      {"anonymous1", false, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.user);
    User u(c.user);
    EXPECT_EQ(LoadedTitle(*v1_, &u, kP1, {kStudioDraft}, true) != "<none>", c.studio_edit);
    EXPECT_EQ(LoadedTitle(*v1_, &u, kP1, {}, false) != "<none>", c.lms_view);
  }
  // Public learning opens viewing to everyone, editing to no one new.
  ASSERT_TRUE(v1a_->SetPublicLearning(kLib, true).ok());
  User anon("anonymous1");
  EXPECT_EQ(LoadedTitle(*v1_, &anon, kP1, {}, false), "P1");
  EXPECT_EQ(LoadedTitle(*v1_, &anon, kP1, {kStudioDraft}, true), "<none>");

  // The authoring API checks the same roles.
  CourseAuthoring as_bob = v1a_->As(User("bob"));
  EXPECT_EQ(as_bob.Publish(kLib).status().code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(as_bob.ImportCourse(Export(BankExport()), kLib).status().code(),
            Status::Code::kPermissionDenied);
  EXPECT_TRUE(as_bob.ExportCourse(kLib, FreshDir(), /*published=*/true).ok());
  EXPECT_EQ(as_bob.ExportCourse(kLib, FreshDir()).status().code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(as_bob.SetField(K(kP1).view(), "display_name", "x").code(),
            Status::Code::kPermissionDenied);
  EXPECT_TRUE(v1a_->As(User("alice")).SetField(K(kP1).view(), "display_name", "x").ok());
}

TEST_F(V1LibraryTest, BlockEditsTakeLibraryKeysOnly) {
  ImportBank();
  keys::Key course_block = K("block-v1:O+L+R+type@problem+block@p1");
  Status st = v1a_->SetField(course_block.view(), "display_name", "x");
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(st.message().find("lib-block-v1"), std::string::npos) << st.message();
  Result<keys::Key> added = v1a_->AddBlock(K("lib-block-v1:O+L+type@library+block@library").view(),
                                           "problem", "p3", "<problem display_name=\"P3\"/>");
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->ToString(), "lib-block-v1:O+L+type@problem+block@p3");
  auto top = v1_->TopLevelBlocks(K(kLib).view(), {kStudioDraft});
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(top->back().ToString(), "lib-block-v1:O+L+type@problem+block@p3");
}

TEST_F(V1LibraryTest, ABundleOfTheOtherKindIsAPreciseError) {
  // A course record whose bundle holds a library export (or the reverse)
  // would serve keys of the other context: refused when viewed.
  ImportBank();
  auto lib = v1_->table().Get(kLib);
  ASSERT_TRUE(lib.ok());
  CourseInfo info;
  info.key = "course-v1:O+C+R";
  info.bundle_uuid = (*lib)->bundle_uuid;
  ASSERT_TRUE(courses_->table().Put(info).ok());
  auto view = courses_->View(K("course-v1:O+C+R").view(), {});
  ASSERT_FALSE(view.ok());
  EXPECT_EQ(view.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(view.status().message().find("holds a library export, not a course export"),
            std::string::npos)
      << view.status().message();
}

}  // namespace
}  // namespace blockrt::contexts
