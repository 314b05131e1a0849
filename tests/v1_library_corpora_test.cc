// Every v1 library export (library.xml) of the real corpora (../shared/corpora,
// not part of the repository) as a stored v1 library: it imports under its own
// key and under another, publishes, exports back identically, ReadLibrary
// gives its top-level blocks in library.xml order, and each of them loads and
// renders for a learner. Skipped when the corpora are absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "contexts/course_authoring.h"
#include "contexts/library_source.h"
#include "olx/course/course.h"
#include "runtime/engine.h"
#include "store/testing/temp_dir.h"

namespace blockrt {
namespace {

namespace fs = std::filesystem;
const std::string kCorpora = BLOCKRT_CORPORA_DIR;

std::map<std::string, std::string> ReadTree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) {
      out[e.path().lexically_relative(dir).generic_string()] =
          store::testing::ReadWholeFile(e.path());
    }
  }
  return out;
}

TEST(V1LibraryCorporaTest, EveryLibraryExportImportsPublishesReadsLoadsAndRenders) {
  if (!fs::exists(kCorpora)) GTEST_SKIP() << "no corpora at " << kCorpora;
  std::vector<std::string> exports;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(kCorpora, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename() == "library.xml") {
      exports.push_back(it->path().parent_path().string());
    }
  }
  ASSERT_GE(exports.size(), 2u);
  store::testing::TempDir tmp;
  auto engine = runtime::Engine::Open(tmp.File("v1.db"));
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  contexts::CourseAuthoring a(&(*engine)->v1_libraries());
  contexts::LibrarySource source(&(*engine)->libraries(), &(*engine)->v1_libraries());
  runtime::Runtime learner = (*engine)->NewRuntime(runtime::Mode::kLms, contexts::User("learner"));
  int n = 0;
  size_t blocks = 0;
  for (const std::string& dir : exports) {
    SCOPED_TRACE(dir);
    auto loaded = olx::LoadCourse(dir);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    const std::string key = loaded->context_key;
    // Two copies of one export share a key: the second goes under another.
    const std::string as = a.Tree(key).ok() ? "library-v1:Copy+L" + std::to_string(++n) : key;
    auto report = a.ImportCourse(dir, as, "staff");
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->from_key, key);
    EXPECT_EQ(report->errors, 0u);
    ASSERT_TRUE(a.SetRole(as, "learner", contexts::CourseRole::kLearner).ok());
    auto version = a.Publish(as);
    ASSERT_TRUE(version.ok()) << version.status().ToString();
    EXPECT_EQ(*version, 1);
    if (as == key) {
      const std::string out = tmp.File("out" + std::to_string(++n));
      ASSERT_TRUE(a.ExportCourse(as, out, /*published=*/true).ok());
      EXPECT_EQ(ReadTree(out), ReadTree(dir));
    }

    auto snap = source.ReadLibrary(as, std::nullopt, contexts::User("learner"));
    ASSERT_TRUE(snap.ok()) << snap.status().ToString();
    EXPECT_EQ(snap->version, 1);
    const olx::CourseBlock& root = loaded->blocks[0];
    ASSERT_EQ(snap->blocks.size(), root.children.size());
    blocks += snap->CountBlocks();
    for (size_t i = 0; i < snap->blocks.size(); ++i) {
      const contexts::LibraryBlock& b = snap->blocks[i];
      EXPECT_EQ(b.block_id, loaded->blocks[root.children[i]].url_name);
      EXPECT_FALSE(b.olx.empty());
      auto block = learner.LoadBlock(b.usage_key);
      ASSERT_TRUE(block.ok()) << b.usage_key << ": " << block.status().ToString();
      auto html = learner.Render(*block);
      EXPECT_TRUE(html.ok()) << b.usage_key << ": " << html.status().ToString();
    }
  }
  std::cout << exports.size() << " v1 library exports, " << blocks << " library blocks\n";
}

}  // namespace
}  // namespace blockrt
