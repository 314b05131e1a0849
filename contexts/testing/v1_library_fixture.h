// Test fixture for v1 libraries: a fresh store with the built-in contexts,
// the authoring APIs of both library kinds, and a small library.xml export
// (blocks deliberately not in sorted order, one container with a child).
#ifndef BLOCKRT_CONTEXTS_TESTING_V1_LIBRARY_FIXTURE_H_
#define BLOCKRT_CONTEXTS_TESTING_V1_LIBRARY_FIXTURE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "contexts/builtin_contexts.h"
#include "contexts/course_authoring.h"
#include "contexts/library_authoring.h"
#include "store/testing/temp_dir.h"

namespace blockrt::contexts::testing {

using Files = std::map<std::string, std::string>;

// library-v1:O+L as Studio exports it.
inline Files BankExport() {
  return {
      {"library.xml",
       "<library url_name=\"library\" xblock-family=\"xblock.v1\" display_name=\"Bank\" org=\"O\" "
       "library=\"L\">\n"
       "  <problem url_name=\"p2\"/>\n  <html url_name=\"h1\"/>\n  <vertical url_name=\"v1\"/>\n"
       "  <problem url_name=\"p1\"/>\n</library>\n"},
      {"problem/p2.xml",
       "<problem display_name=\"P2\" max_attempts=\"3\" markdown=\"null\">\n"
       "  <multiplechoiceresponse><choicegroup><choice correct=\"true\">A</choice></choicegroup>"
       "</multiplechoiceresponse>\n</problem>\n"},
      {"html/h1.xml", "<html filename=\"h1\" display_name=\"H1\"/>\n"},
      {"html/h1.html", "<p>Hello &amp; welcome</p>\n"},
      {"vertical/v1.xml",
       "<vertical display_name=\"V1\">\n  <problem url_name=\"c1\"/>\n</vertical>\n"},
      {"problem/c1.xml", "<problem display_name=\"C1\"><p>child</p></problem>\n"},
      {"problem/p1.xml", "<problem display_name=\"P1\" weight=\"2\"><p>one</p></problem>\n"},
      {"policies/assets.json", "{}"},
  };
}

inline Files ReadTree(const std::filesystem::path& dir) {
  Files out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    out[e.path().lexically_relative(dir).generic_string()] =
        store::testing::ReadWholeFile(e.path());
  }
  return out;
}

class V1LibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto st = store::Store::Open(tmp_.File("s.db"));
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    store_ = std::move(*st);
    auto lib = RegisterBuiltinContexts(&registry_, std::make_shared<BundleSnapshots>(store_.get()),
                                       std::make_shared<DefinitionCache>(), &courses_, &v1_);
    ASSERT_TRUE(lib.ok()) << lib.status().ToString();
    v2_ = std::move(*lib);
    v1a_ = std::make_unique<CourseAuthoring>(v1_.get());
    v2a_ = std::make_unique<LibraryAuthoring>(v2_.get());
  }
  void TearDown() override {
    v1a_.reset();
    v2a_.reset();
    v1_.reset();
    v2_.reset();
    courses_.reset();
  }
  // `files` written under a new directory of the test's temp dir.
  std::string Export(const Files& files) {
    std::filesystem::path p = tmp_.path() / ("export" + std::to_string(++dirs_));
    for (const auto& [path, bytes] : files) store::testing::WriteWholeFile(p / path, bytes);
    return p.string();
  }
  std::string FreshDir() { return (tmp_.path() / ("out" + std::to_string(++dirs_))).string(); }
  // Imports BankExport() as `key` and publishes it (version 1).
  void ImportBank(const std::string& key = "library-v1:O+L") {
    Result<CourseImportReport> r = v1a_->ImportCourse(Export(BankExport()), key, "alice");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(v1a_->Publish(key).ok());
  }

  store::testing::TempDir tmp_;
  int dirs_ = 0;
  std::unique_ptr<store::Store> store_;
  ContextRegistry registry_;
  std::shared_ptr<CourseContext> courses_, v1_;
  std::shared_ptr<LibraryContext> v2_;
  std::unique_ptr<CourseAuthoring> v1a_;
  std::unique_ptr<LibraryAuthoring> v2a_;
};

}  // namespace blockrt::contexts::testing

#endif  // BLOCKRT_CONTEXTS_TESTING_V1_LIBRARY_FIXTURE_H_
