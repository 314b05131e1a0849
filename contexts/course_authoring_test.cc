// Courses in the store: create, import (same and other run), export, the
// draft workflow, roles, and what a refused import leaves behind (nothing).
#include "contexts/course_authoring.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "contexts/builtin_contexts.h"
#include "contexts/internal/course_table.h"
#include "olx/course/course.h"

namespace blockrt::contexts {
namespace {

namespace fs = std::filesystem;
using Files = std::map<std::string, std::string>;

void WriteTree(const fs::path& dir, const Files& files) {
  for (const auto& [path, bytes] : files) {
    fs::create_directories((dir / path).parent_path());
    std::ofstream(dir / path, std::ios::binary) << bytes;
  }
}

Files ReadTree(const fs::path& dir) {
  Files out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream f(e.path(), std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    out[e.path().lexically_relative(dir).generic_string()] = ss.str();
  }
  return out;
}

// A small Studio-style export of course-v1:O+C+R.
Files DemoExport() {
  return {
      {"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n"},
      {"course/R.xml",
       "<course display_name=\"Demo\">\n  <chapter url_name=\"ch1\"/>\n  <wiki slug=\"O.C.R\"/>\n"
       "</course>\n"},
      {"chapter/ch1.xml",
       "<chapter display_name=\"One\">\n  <sequential url_name=\"s1\"/>\n</chapter>\n"},
      {"sequential/s1.xml",
       "<sequential display_name=\"S\">\n  <vertical url_name=\"v1\"/>\n</sequential>\n"},
      {"vertical/v1.xml",
       "<vertical display_name=\"V\">\n  <html url_name=\"h1\"/>\n  <problem url_name=\"p1\"/>\n"
       "</vertical>\n"},
      {"html/h1.xml", "<html filename=\"h1\" display_name=\"H\"/>\n"},
      {"html/h1.html", "<p>Hello <img src=\"/static/x.png\"/></p>\n"},
      {"problem/p1.xml", "<problem display_name=\"P\" max_attempts=\"2\"><p>Q?</p></problem>\n"},
      {"policies/R/policy.json",
       "{\n    \"course/R\": {\n        \"start\": \"2020-01-01T00:00:00Z\"\n    }\n}"},
      {"policies/R/grading_policy.json", "{\"GRADER\": [], \"GRADE_CUTOFFS\": {\"Pass\": 0.5}}"},
      {"policies/assets.json", "{}"},
      {"drafts/vertical/d1.xml",
       "<vertical display_name=\"Draft\" parent_url=\"block-v1:O+C+R+type@sequential+block@s1\" "
       "index_in_children_list=\"1\"/>\n"},
      {"static/x.png", std::string("\x89PNG\r\n\x1a\n\0\x01", 10)},
  };
}

class CourseAuthoringTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("blockrt_course_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto st = store::Store::Open((dir_ / "a.db").string());
    ASSERT_TRUE(st.ok());
    store_ = std::move(*st);
    auto lib = RegisterBuiltinContexts(&registry_, std::make_shared<BundleSnapshots>(store_.get()),
                                       std::make_shared<DefinitionCache>(), &courses_);
    ASSERT_TRUE(lib.ok());
    ASSERT_TRUE(courses_ != nullptr);
    a_ = std::make_unique<CourseAuthoring>(courses_.get());
  }
  void TearDown() override {
    a_.reset();
    courses_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }
  fs::path Export(const Files& files, const std::string& name = "export") {
    fs::path p = dir_ / name;
    WriteTree(p, files);
    return p;
  }
  Files ExportDraft(const std::string& key, bool published = false) {
    fs::path out = dir_ / ("out" + std::to_string(++exports_));
    Result<int64_t> written = a_->ExportCourse(key, out.string(), published);
    EXPECT_TRUE(written.ok()) << written.status().ToString();
    return written.ok() ? ReadTree(out) : Files();
  }

  fs::path dir_;
  int exports_ = 0;  // ExportDraft() writes out1, out2...
  std::unique_ptr<store::Store> store_;
  ContextRegistry registry_;
  std::shared_ptr<CourseContext> courses_;
  std::unique_ptr<CourseAuthoring> a_;
};

TEST(CanonicalCourseKey, AcceptsOnlyCourseV1) {
  struct Case {
    const char* key;
    const char* canonical;  // nullptr = refused
  } cases[] = {
      {"course-v1:O+C+R", "course-v1:O+C+R"},
      {"course-v1:O.x+C-1+2024_T1", "course-v1:O.x+C-1+2024_T1"},
      {"O/C/R", nullptr},
      {"lib:O:l", nullptr},
      {"library-v1:O+L", nullptr},
      {"course-v1:O+C", nullptr},
      {"course-v1:O+C+R+branch@draft", nullptr},
      {"ccx-v1:O+C+R+ccx@1", nullptr},
      {"", nullptr},
  };
  for (const Case& c : cases) {
    Result<std::string> k = CanonicalCourseKey(c.key);
    if (c.canonical == nullptr) {
      EXPECT_EQ(k.status().code(), Status::Code::kInvalidArgument) << c.key;
    } else {
      ASSERT_TRUE(k.ok()) << c.key << ": " << k.status().ToString();
      EXPECT_EQ(*k, c.canonical);
    }
  }
}

TEST_F(CourseAuthoringTest, CreateWritesAMinimalExportThatLoads) {
  Result<CourseInfo> info = a_->CreateCourse({"course-v1:O+C+R", "My \"Course\"", "alice", true});
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->RoleOf("alice"), CourseRole::kStaff);
  EXPECT_TRUE(info->allow_public_learning);
  Files files = ExportDraft("course-v1:O+C+R");
  EXPECT_EQ(files["course.xml"], "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n");
  EXPECT_EQ(files["policies/R/policy.json"],
            "{\n    \"course/R\": {\n        \"display_name\": \"My \\\"Course\\\"\"\n    }\n}\n");
  EXPECT_EQ(files.size(), 3u);
  Result<olx::Course> loaded = olx::LoadCourse((dir_ / "out1").string());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->context_key, "course-v1:O+C+R");
  EXPECT_EQ(loaded->error_count(), 0u);
  ASSERT_EQ(loaded->blocks.size(), 1u);
  const std::string_view* title = loaded->blocks[0].definition.attribute("display_name");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(*title, "My \"Course\"");

  EXPECT_EQ(a_->CreateCourse({"course-v1:O+C+R", "", "", false}).status().code(),
            Status::Code::kAlreadyExists);
  EXPECT_EQ(a_->CreateCourse({"O/C/R2", "", "", false}).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(a_->CreateCourse({"course-v1:O+C+R3", "\xff", "", false}).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(a_->CreateCourse({"course-v1:O+C+R4", "", "anonymous1", false}).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(a_->ListCourses()->size(), 1u);
}

TEST_F(CourseAuthoringTest, ImportSameRunIsByteFaithfulAndMirrors) {
  fs::path src = Export(DemoExport());
  Result<CourseImportReport> r = a_->ImportCourse(src.string(), "course-v1:O+C+R", "alice");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->created);
  EXPECT_EQ(r->files_seen, static_cast<int64_t>(DemoExport().size()));
  EXPECT_TRUE(r->moved.empty());
  EXPECT_TRUE(r->rewritten.empty());
  EXPECT_EQ(r->from_key, "course-v1:O+C+R");
  EXPECT_GE(r->blocks, 6u);
  auto info = courses_->table().Get("course-v1:O+C+R");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ((*info)->title, "Demo");
  EXPECT_EQ((*info)->RoleOf("alice"), CourseRole::kStaff);
  EXPECT_EQ(ExportDraft("course-v1:O+C+R"), DemoExport());

  // Re-import of a tree without the problem: the draft mirrors it.
  Files fewer = DemoExport();
  fewer.erase("problem/p1.xml");
  fewer["vertical/v1.xml"] =
      "<vertical display_name=\"V\">\n  <html url_name=\"h1\"/>\n</vertical>\n";
  r = a_->ImportCourse(Export(fewer, "fewer").string(), "course-v1:O+C+R");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->created);
  EXPECT_EQ(r->deleted, std::vector<std::string>{"problem/p1.xml"});
  EXPECT_EQ(ExportDraft("course-v1:O+C+R"), fewer);
}

TEST_F(CourseAuthoringTest, ImportUnderAnotherRunKeepsIdsAndRewritesTheRun) {
  fs::path src = Export(DemoExport());
  Result<CourseImportReport> r = a_->ImportCourse(src.string(), "course-v1:O+C+R2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->from_key, "course-v1:O+C+R");
  EXPECT_EQ(r->moved, (std::vector<std::string>{"course/R.xml", "policies/R/grading_policy.json",
                                                "policies/R/policy.json"}));
  Files got = ExportDraft("course-v1:O+C+R2");
  Files want = DemoExport();
  // Untouched files byte for byte; the few that name the run rewritten.
  for (const char* moved :
       {"course/R.xml", "policies/R/policy.json", "policies/R/grading_policy.json"}) {
    EXPECT_EQ(got.count(moved), 0u) << moved;
    want.erase(moved);
  }
  for (const char* named : {"course.xml", "drafts/vertical/d1.xml"}) want.erase(named);
  for (const auto& [path, bytes] : want) EXPECT_EQ(got[path], bytes) << path;
  EXPECT_EQ(got["course.xml"], "<course url_name=\"R2\" org=\"O\" course=\"C\"/>\n");
  EXPECT_NE(got["course/R2.xml"].find("<wiki slug=\"O.C.R2\"/>"), std::string::npos);
  EXPECT_EQ(got["policies/R2/policy.json"],
            "{\n    \"course/R2\": {\n        \"start\": \"2020-01-01T00:00:00Z\"\n    }\n}");
  EXPECT_EQ(got["policies/R2/grading_policy.json"], DemoExport()["policies/R/grading_policy.json"]);
  EXPECT_NE(got["drafts/vertical/d1.xml"].find("block-v1:O+C+R2+type@sequential+block@s1"),
            std::string::npos);

  Result<olx::Course> before = olx::LoadCourse(src.string());
  Result<olx::Course> after = olx::LoadCourse((dir_ / "out1").string());
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(after->context_key, "course-v1:O+C+R2");
  EXPECT_EQ(after->policy_path, "policies/R2/policy.json");
  ASSERT_EQ(before->blocks.size(), after->blocks.size());
  for (size_t i = 1; i < before->blocks.size(); ++i) {
    EXPECT_EQ(before->blocks[i].url_name, after->blocks[i].url_name);
    std::string usage(before->blocks[i].usage_key);
    usage.replace(usage.find("+R+"), 3, "+R2+");
    EXPECT_EQ(after->blocks[i].usage_key, usage);
  }
}

TEST_F(CourseAuthoringTest, RefusedImportsLeaveTheStoreUntouched) {
  struct Case {
    const char* name;
    Files files;
    bool symlink;  // a symlink the store refuses, after the export loaded
    Status::Code code;
  } cases[] = {
      {"no course.xml", {{"chapter/a.xml", "<chapter/>"}}, false, Status::Code::kNotFound},
      {"library export", {{"library.xml", "<library/>"}}, false, Status::Code::kInvalidArgument},
      {"broken course.xml",
       {{"course.xml", "<course url_name=\"R\""}},
       false,
       Status::Code::kParseError},
      {"unstorable file", DemoExport(), true, Status::Code::kNotSupported},
  };
  ASSERT_TRUE(a_->ImportCourse(Export(DemoExport(), "good").string(), "course-v1:O+C+R").ok());
  const Files draft = ExportDraft("course-v1:O+C+R");
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    fs::path src = Export(c.files, std::string("bad_") + std::to_string(&c - cases));
    if (c.symlink) fs::create_symlink("course.xml", src / "link.xml");
    for (const char* key : {"course-v1:O+C+R", "course-v1:O+C+New"}) {
      Result<CourseImportReport> r = a_->ImportCourse(src.string(), key);
      ASSERT_FALSE(r.ok()) << key;
      EXPECT_EQ(r.status().code(), c.code) << r.status().ToString();
    }
    EXPECT_EQ(ExportDraft("course-v1:O+C+R"), draft);
    EXPECT_EQ(a_->ListCourses()->size(), 1u);
    EXPECT_EQ(store_->ListBundles()->size(), 1u);
  }
  EXPECT_EQ(a_->ImportCourse((dir_ / "missing").string(), "course-v1:O+C+R").status().code(),
            Status::Code::kIOError);
  EXPECT_EQ(a_->ImportCourse(Export(DemoExport(), "x").string(), "lib:O:l").status().code(),
            Status::Code::kInvalidArgument);
}

TEST_F(CourseAuthoringTest, PublishDiscardStatus) {
  const std::string key = "course-v1:O+C+R";
  ASSERT_TRUE(a_->ImportCourse(Export(DemoExport()).string(), key).ok());
  Result<CourseStatus> st = a_->GetStatus(key);
  ASSERT_TRUE(st.ok());
  EXPECT_TRUE(st->has_draft_changes);
  EXPECT_EQ(st->changes.size(), DemoExport().size());
  EXPECT_TRUE(st->versions.empty());
  EXPECT_EQ(a_->ExportCourse(key, (dir_ / "never").string(), true).status().code(),
            Status::Code::kFailedPrecondition);

  Result<int64_t> v = a_->Publish(key, "bob");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, 1);
  EXPECT_EQ(a_->Publish(key).status().code(), Status::Code::kFailedPrecondition);
  st = a_->GetStatus(key);
  EXPECT_FALSE(st->has_draft_changes);
  ASSERT_EQ(st->versions.size(), 1u);
  EXPECT_EQ(st->versions[0].author, "bob");
  EXPECT_EQ(ExportDraft(key, /*published=*/true), DemoExport());

  Files changed = DemoExport();
  changed["html/h1.html"] = "<p>changed</p>\n";
  ASSERT_TRUE(a_->ImportCourse(Export(changed, "changed").string(), key).ok());
  st = a_->GetStatus(key);
  ASSERT_EQ(st->changes.size(), 1u);
  EXPECT_EQ(st->changes[0].name, "html/h1.html");
  EXPECT_EQ(ExportDraft(key, true), DemoExport());  // learners still see version 1
  ASSERT_TRUE(a_->Discard(key).ok());
  EXPECT_FALSE(a_->GetStatus(key)->has_draft_changes);
  EXPECT_EQ(ExportDraft(key), DemoExport());
  EXPECT_TRUE(a_->Discard(key).ok());  // nothing to discard: still fine
  EXPECT_EQ(a_->Publish("course-v1:O+C+Nope").status().code(), Status::Code::kNotFound);
}

TEST_F(CourseAuthoringTest, RolesDecideWhoSeesAndEditsWhat) {
  const std::string key = "course-v1:O+C+R";
  CourseAuthoring alice = a_->As(User("alice"));
  CourseAuthoring bob = a_->As(User("bob"));
  ASSERT_TRUE(alice.CreateCourse({key, "T", "", false}).ok());  // alice becomes staff
  ASSERT_TRUE(alice.Publish(key).ok());

  auto denied = [](const Status& st) { return st.code() == Status::Code::kPermissionDenied; };
  EXPECT_TRUE(denied(bob.ExportCourse(key, (dir_ / "b1").string()).status()));
  EXPECT_TRUE(denied(bob.ExportCourse(key, (dir_ / "b2").string(), true).status()));
  EXPECT_TRUE(denied(bob.GetStatus(key).status()));
  EXPECT_TRUE(denied(bob.Publish(key).status()));
  EXPECT_TRUE(denied(bob.SetRole(key, "bob", CourseRole::kStaff)));
  EXPECT_TRUE(denied(bob.SetPublicLearning(key, true)));
  EXPECT_TRUE(denied(bob.ImportCourse(Export(DemoExport()).string(), key).status()));
  EXPECT_TRUE(denied(bob.DeleteCourse(key)));
  EXPECT_TRUE(bob.ListCourses()->empty());

  ASSERT_TRUE(alice.SetRole(key, "bob", CourseRole::kLearner).ok());
  EXPECT_TRUE(bob.ExportCourse(key, (dir_ / "b3").string(), true).ok());
  EXPECT_TRUE(denied(bob.ExportCourse(key, (dir_ / "b4").string()).status()));
  EXPECT_EQ(bob.ListCourses()->size(), 1u);
  EXPECT_TRUE(bob.Authorize(key, CourseRole::kLearner).ok());
  EXPECT_TRUE(denied(bob.Authorize(key, CourseRole::kStaff)));

  CourseAuthoring carol = a_->As(User("carol"));
  EXPECT_TRUE(denied(carol.Authorize(key, CourseRole::kLearner)));
  ASSERT_TRUE(alice.SetPublicLearning(key, true).ok());
  EXPECT_TRUE(carol.Authorize(key, CourseRole::kLearner).ok());
  EXPECT_TRUE(denied(carol.Authorize(key, CourseRole::kStaff)));

  EXPECT_EQ(alice.SetRole(key, "anon1", CourseRole::kLearner).code(),
            Status::Code::kInvalidArgument);
  ASSERT_TRUE(alice.SetRole(key, "bob", CourseRole::kNone).ok());
  EXPECT_EQ((*courses_->table().Get(key))->RoleOf("bob"), CourseRole::kNone);
  EXPECT_EQ(a_->As(User("bad id")).ListCourses().status().code(), Status::Code::kInvalidArgument);

  // Importing a new course makes the importer its staff.
  Result<CourseImportReport> own =
      bob.ImportCourse(Export(DemoExport(), "own").string(), "course-v1:O+C+Bob");
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_TRUE(own->created);
  EXPECT_EQ((*courses_->table().Get("course-v1:O+C+Bob"))->RoleOf("bob"), CourseRole::kStaff);
  EXPECT_TRUE(bob.Publish("course-v1:O+C+Bob").ok());
  EXPECT_TRUE(denied(alice.GetStatus("course-v1:O+C+Bob").status()));
  ASSERT_TRUE(bob.DeleteCourse("course-v1:O+C+Bob").ok());

  ASSERT_TRUE(alice.DeleteCourse(key).ok());
  EXPECT_EQ(a_->GetStatus(key).status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(store_->ListBundles()->empty());
}

// The value the tree of `view` shows for `field` of `usage` ("<unset>" when
// none, "<missing>" for no such block).
std::string FieldOf(const CourseView& view, const std::string& usage, std::string_view field) {
  const olx::CourseBlock* b = view.Find(usage);
  if (b == nullptr) return "<missing>";
  const olx::CourseField* f = b->definition.field(field);
  return f == nullptr ? "<unset>" : std::string(f->value);
}

std::vector<std::string> ChildrenOf(const CourseView& view, const std::string& usage) {
  std::vector<std::string> out;
  const olx::CourseBlock* b = view.Find(usage);
  if (b == nullptr) return out;
  for (uint32_t c : b->children) out.emplace_back(view.course.blocks[c].usage_key);
  return out;
}

keys::Key K(const std::string& text) { return *keys::Key::Parse(text); }

TEST_F(CourseAuthoringTest, EditsLandInTheDraftAndRoundTripThroughExportImport) {
  const std::string key = "course-v1:O+C+R";
  const std::string p1 = "block-v1:O+C+R+type@problem+block@p1";
  const std::string h1 = "block-v1:O+C+R+type@html+block@h1";
  const std::string v1 = "block-v1:O+C+R+type@vertical+block@v1";
  const std::string ch1 = "block-v1:O+C+R+type@chapter+block@ch1";
  ASSERT_TRUE(a_->ImportCourse(Export(DemoExport()).string(), key, "alice").ok());
  ASSERT_TRUE(a_->Publish(key).ok());

  ASSERT_TRUE(a_->SetField(K(p1).view(), "max_attempts", "5").ok());
  ASSERT_TRUE(a_->SetField(K(ch1).view(), "display_name", "Renamed").ok());
  ASSERT_TRUE(a_->UnsetField(K(p1).view(), "display_name").ok());
  Result<keys::Key> added = a_->AddBlock(
      K(v1).view(), "html", "h2", std::string_view("<html display_name=\"Added\"><p>x</p></html>"));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->text(), "block-v1:O+C+R+type@html+block@h2");
  ASSERT_TRUE(a_->AddBlock(K(v1).view(), "problem", "p0", std::nullopt, &K(h1).view()).ok());
  ASSERT_TRUE(a_->DeleteBlock(K(h1).view()).ok());

  // Only the files the edits touch changed.
  Result<CourseStatus> st = a_->GetStatus(key);
  ASSERT_TRUE(st.ok());
  std::set<std::string> changed;
  for (const store::DraftChange& c : st->changes) changed.insert(c.name);
  EXPECT_EQ(changed, (std::set<std::string>{"chapter/ch1.xml", "html/h1.html", "html/h1.xml",
                                            "html/h2.html", "html/h2.xml", "problem/p0.xml",
                                            "problem/p1.xml", "vertical/v1.xml"}));

  auto check = [&](const CourseView& view, const std::string& run) {
    auto at = [&](std::string usage) {
      usage.replace(usage.find("+R+"), 3, "+" + run + "+");
      return usage;
    };
    EXPECT_EQ(FieldOf(view, at(p1), "max_attempts"), "5");
    EXPECT_EQ(FieldOf(view, at(p1), "display_name"), "<unset>");
    EXPECT_EQ(FieldOf(view, at(ch1), "display_name"), "Renamed");
    EXPECT_EQ(FieldOf(view, at("block-v1:O+C+R+type@html+block@h2"), "display_name"), "Added");
    EXPECT_EQ(FieldOf(view, at(h1), "display_name"), "<missing>");
    EXPECT_EQ(ChildrenOf(view, at(v1)),
              (std::vector<std::string>{at("block-v1:O+C+R+type@problem+block@p0"), at(p1),
                                        at("block-v1:O+C+R+type@html+block@h2")}));
  };
  Result<std::shared_ptr<const CourseView>> draft = a_->Tree(key);
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  check(**draft, "R");
  // The LMS still sees version 1.
  Result<std::shared_ptr<const CourseView>> lms = a_->Tree(key, /*published=*/true);
  ASSERT_TRUE(lms.ok());
  EXPECT_EQ(FieldOf(**lms, p1, "max_attempts"), "2");
  EXPECT_EQ(FieldOf(**lms, h1, "display_name"), "H");

  // Export, import under another run: the edits come along.
  ASSERT_TRUE(a_->ExportCourse(key, (dir_ / "edited").string()).ok());
  ASSERT_TRUE(a_->ImportCourse((dir_ / "edited").string(), "course-v1:O+C+R9").ok());
  Result<std::shared_ptr<const CourseView>> copy = a_->Tree("course-v1:O+C+R9");
  ASSERT_TRUE(copy.ok());
  check(**copy, "R9");
}

TEST_F(CourseAuthoringTest, EditErrors) {
  const std::string key = "course-v1:O+C+R";
  ASSERT_TRUE(a_->ImportCourse(Export(DemoExport()).string(), key, "alice").ok());
  const Files draft = ExportDraft(key);
  auto code = [](const Status& st) { return st.code(); };
  EXPECT_EQ(
      code(a_->SetField(K("block-v1:O+C+R+type@problem+block@nope").view(), "display_name", "x")),
      Status::Code::kNotFound);
  EXPECT_EQ(
      code(a_->SetField(K("block-v1:O+C+Other+type@problem+block@p1").view(), "display_name", "x")),
      Status::Code::kNotFound);
  EXPECT_EQ(code(a_->SetField(K("block-v1:O+C+R+type@problem+block@p1").view(), "bad name", "x")),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(code(a_->DeleteBlock(K("block-v1:O+C+R+type@course+block@R").view())),
            Status::Code::kFailedPrecondition);
  EXPECT_EQ(a_->AddBlock(K("block-v1:O+C+R+type@vertical+block@v1").view(), "problem", "p1")
                .status()
                .code(),
            Status::Code::kAlreadyExists);
  EXPECT_EQ(code(a_->SetField(K("lb:O:l:problem:p1").view(), "display_name", "x")),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(
      code(a_->As(User("bob"))
               .SetField(K("block-v1:O+C+R+type@problem+block@p1").view(), "display_name", "x")),
      Status::Code::kPermissionDenied);
  EXPECT_EQ(ExportDraft(key), draft);
}

}  // namespace
}  // namespace blockrt::contexts
