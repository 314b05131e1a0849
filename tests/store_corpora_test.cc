// Every directory of the shared corpora round-trips byte for byte through
// import -> commit -> export. Skipped when the corpora are not present (a
// fresh clone); set BLOCKRT_CORPORA to point elsewhere.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "store/store.h"
#include "store/testing/temp_dir.h"

namespace blockrt::store {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> Tree(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) {
      out[e.path().lexically_relative(root).generic_string()] = testing::ReadWholeFile(e.path());
    }
  }
  return out;
}

TEST(StoreCorporaTest, EveryCorpusRoundTrips) {
  const char* env = std::getenv("BLOCKRT_CORPORA");
  // Default: ../shared/corpora beside the checkout, where CI puts it.
  fs::path corpora = env != nullptr ? env : std::string(BLOCKRT_SOURCE_DIR) + "/../shared/corpora";
  std::error_code ec;
  if (!fs::is_directory(corpora, ec)) GTEST_SKIP() << "no corpora at " << corpora;
  testing::TempDir tmp;
  auto opened = Store::Open(tmp.File("s.db"));
  ASSERT_TRUE(opened.ok());
  Store& s = **opened;
  int bundles = 0;
  for (const auto& dir : fs::directory_iterator(corpora)) {
    if (!dir.is_directory()) continue;
    std::string slug = dir.path().filename().string();
    ASSERT_TRUE(s.CreateBundle(NewBundle{"", slug, slug, ""}).ok()) << slug;
    auto stats = s.ImportDirectory(slug, "studio_draft", dir.path().string());
    ASSERT_TRUE(stats.ok()) << slug << ": " << stats.status().ToString();
    ASSERT_TRUE(s.Commit(slug, "studio_draft").ok()) << slug;
    fs::path out = tmp.path() / ("out-" + slug);
    ASSERT_TRUE(s.ExportDirectory(slug, Ref::Version(1), out.string()).ok()) << slug;
    EXPECT_TRUE(Tree(out) == Tree(dir.path())) << slug << " differs after round trip";
    ++bundles;
  }
  EXPECT_GT(bundles, 0);
  auto report = s.Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->problems.empty());
}

}  // namespace
}  // namespace blockrt::store
