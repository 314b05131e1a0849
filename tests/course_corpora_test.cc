// Every course export of the real corpora (../shared/corpora, not part of the
// repository) as a stored course: it imports, every block loads by its
// block-v1 key in Studio and (after publishing) in the LMS, the export reads
// back identically, and edits (set, unset, add, delete) survive an export and
// an import as another run. Skipped when the corpora are absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "contexts/course_authoring.h"
#include "olx/course/course.h"
#include "olx/course/course_text.h"
#include "runtime/engine.h"
#include "store/testing/temp_dir.h"

namespace blockrt {
namespace {

namespace fs = std::filesystem;
const std::string kCorpora = BLOCKRT_CORPORA_DIR;

// CourseText with the export's own directory taken out of messages.
std::string Text(const olx::Course& c) {
  std::string text = olx::CourseText(c);
  const std::string& root = c.root_dir;
  for (size_t at = text.find(root); !root.empty() && at != std::string::npos;
       at = text.find(root, at)) {
    text.replace(at, root.size(), "<root>/");
  }
  return text;
}

std::vector<std::string> CourseExports() {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(kCorpora, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename() != "course.xml") continue;
    std::string dir = it->path().parent_path().string();
    auto course = olx::LoadCourse(dir);
    if (!course.ok() || course->kind != olx::Course::Kind::kCourse) continue;
    if (!keys::Key::Parse(course->context_key).ok()) continue;  // no valid course key
    out.push_back(dir);
  }
  return out;
}

// Loads every block of `key`'s tree by usage key; returns how many loaded.
size_t LoadAll(runtime::Engine& engine, const std::string& key, runtime::Mode mode, size_t* failed,
               std::string* first_failure) {
  auto ctx_key = keys::Key::Parse(key);
  contexts::ContentSelector sel{mode == runtime::Mode::kStudio ? contexts::kStudioDraft
                                                               : std::string_view()};
  auto blocks = engine.courses().ListBlocks(ctx_key->view(), sel);
  if (!blocks.ok()) {
    ++*failed;
    *first_failure = blocks.status().ToString();
    return 0;
  }
  runtime::Runtime rt = engine.NewRuntime(mode, contexts::User("staff"));
  size_t loaded = 0;
  for (const keys::Key& k : *blocks) {
    auto b = rt.LoadBlock(k.text());
    if (b.ok()) {
      ++loaded;
    } else if ((*failed)++ == 0) {
      *first_failure = k.text() + ": " + b.status().ToString();
    }
  }
  return loaded;
}

TEST(CourseCorporaTest, EveryExportImportsLoadsInBothModesAndExportsBackIdentically) {
  if (!fs::exists(kCorpora)) GTEST_SKIP() << "no corpora at " << kCorpora;
  const std::vector<std::string> exports = CourseExports();
  ASSERT_GE(exports.size(), 10u);
  store::testing::TempDir tmp;
  auto engine = runtime::Engine::Open(tmp.File("c.db"));
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  contexts::CourseAuthoring authoring(&(*engine)->courses());
  size_t n = 0, identical = 0;
  std::set<std::string> used;
  for (const std::string& dir : exports) {
    SCOPED_TRACE(dir);
    auto original = olx::LoadCourse(dir);
    ASSERT_TRUE(original.ok());
    // Its own key when free (some corpora share one), else a key of ours.
    const bool own = used.insert(original->context_key).second &&
                     original->context_key.rfind("course-v1:", 0) == 0;
    const std::string key = own ? original->context_key
                                : "course-v1:Corpus+C" + std::to_string(n) + "+" + original->run;
    auto imported = authoring.ImportCourse(dir, key, "staff");
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    size_t failed = 0;
    std::string why;
    size_t studio = LoadAll(**engine, key, runtime::Mode::kStudio, &failed, &why);
    EXPECT_EQ(failed, 0u) << why;
    EXPECT_GT(studio, 0u);
    ASSERT_TRUE(authoring.Publish(key).ok());
    size_t lms = LoadAll(**engine, key, runtime::Mode::kLms, &failed, &why);
    EXPECT_EQ(failed, 0u) << why;
    EXPECT_EQ(lms, studio);

    const std::string out = tmp.File("export" + std::to_string(n));
    ASSERT_TRUE(authoring.ExportCourse(key, out, true).ok());
    auto back = olx::LoadCourse(out);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->blocks.size(), original->blocks.size());
    if (own) {  // else the run rewrite may have replaced a text symlink
      EXPECT_EQ(back->diagnostics.size(), original->diagnostics.size());
      EXPECT_EQ(Text(*back), Text(*original));
      ++identical;
    }
    ++n;
  }
  EXPECT_EQ(n, exports.size());
  EXPECT_GE(identical, 5u);
}

TEST(CourseCorporaTest, EditsRoundTripThroughExportAndImportAsAnotherRun) {
  if (!fs::exists(kCorpora)) GTEST_SKIP() << "no corpora at " << kCorpora;
  const std::vector<std::string> exports = CourseExports();
  store::testing::TempDir tmp;
  auto engine = runtime::Engine::Open(tmp.File("c.db"));
  ASSERT_TRUE(engine.ok());
  contexts::CourseAuthoring authoring(&(*engine)->courses());
  size_t edited = 0;
  for (size_t n = 0; n < exports.size(); ++n) {
    SCOPED_TRACE(exports[n]);
    const std::string key = "course-v1:Edit+C" + std::to_string(n) + "+R1";
    ASSERT_TRUE(authoring.ImportCourse(exports[n], key, "staff").ok());
    auto view = authoring.Tree(key);
    ASSERT_TRUE(view.ok()) << view.status().ToString();
    // The first vertical with a leaf child: rename the leaf, unset its
    // display name's neighbour field, add a block, delete another leaf.
    const olx::Course& c = (*view)->course;
    // A block used from two parents (a DAG) survives the deletion from one.
    auto used_once = [&](uint32_t index) {
      size_t uses = 0;
      for (const olx::CourseBlock& b : c.blocks) uses += b.usage_key == c.blocks[index].usage_key;
      return uses == 1;
    };
    int32_t vertical = -1;
    for (size_t i = 0; i < c.blocks.size(); ++i) {
      if (c.blocks[i].definition.block_type == "vertical" && c.blocks[i].children.size() >= 2 &&
          !c.blocks[i].draft && !c.blocks[i].usage_key.empty() &&
          used_once(c.blocks[i].children[1]) && used_once(c.blocks[i].children[0])) {
        vertical = static_cast<int32_t>(i);
        break;
      }
    }
    if (vertical < 0) continue;
    const olx::CourseBlock& v = c.blocks[static_cast<size_t>(vertical)];
    const std::string leaf(c.blocks[v.children[0]].usage_key);
    const std::string gone(c.blocks[v.children[1]].usage_key);
    const std::string unit(v.usage_key);
    auto leaf_key = *keys::Key::Parse(leaf);
    auto gone_key = *keys::Key::Parse(gone);
    auto unit_key = *keys::Key::Parse(unit);
    ASSERT_TRUE(authoring.SetField(leaf_key.view(), "display_name", "Edited & <renamed>").ok());
    ASSERT_TRUE(authoring.SetField(unit_key.view(), "due", "2031-01-01T00:00:00Z").ok());
    ASSERT_TRUE(authoring.UnsetField(unit_key.view(), "due").ok());
    ASSERT_TRUE(authoring.SetField(unit_key.view(), "start", "2030-05-05T00:00:00Z").ok());
    auto added =
        authoring.AddBlock(unit_key.view(), "html", "added_by_test",
                           std::string_view("<html display_name=\"Added\"><p>x</p></html>"));
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    Status del = authoring.DeleteBlock(gone_key.view());
    ASSERT_TRUE(del.ok()) << del.ToString();

    const std::string out = tmp.File("edit" + std::to_string(n));
    ASSERT_TRUE(authoring.ExportCourse(key, out).ok());
    const std::string rerun = "course-v1:Edit+C" + std::to_string(n) + "+R2";
    ASSERT_TRUE(authoring.ImportCourse(out, rerun, "staff").ok());
    ASSERT_TRUE(authoring.Publish(rerun).ok());
    runtime::Runtime lms = (*engine)->NewRuntime(runtime::Mode::kLms, contexts::User("staff"));
    auto rekey = [&](const std::string& k) {
      std::string s = k;
      size_t at = s.find("+R1+");
      return s.replace(at, 4, "+R2+");
    };
    auto renamed = lms.LoadBlock(rekey(leaf));
    ASSERT_TRUE(renamed.ok()) << renamed.status().ToString();
    EXPECT_EQ(renamed->display_name(), "Edited & <renamed>");
    EXPECT_EQ(renamed->Field("start")->json, "\"2030-05-05T00:00:00Z\"");
    EXPECT_EQ(renamed->Field("start")->source, "inherited");
    auto unit2 = lms.LoadBlock(rekey(unit));
    ASSERT_TRUE(unit2.ok());
    EXPECT_NE(unit2->Field("due")->source, "override");
    auto html = lms.LoadBlock(rekey(added->text()));
    ASSERT_TRUE(html.ok()) << html.status().ToString();
    EXPECT_EQ(html->display_name(), "Added");
    EXPECT_TRUE(lms.LoadBlock(rekey(gone)).status().IsNotFound());
    ++edited;
  }
  EXPECT_GE(edited, 5u);
}

}  // namespace
}  // namespace blockrt
