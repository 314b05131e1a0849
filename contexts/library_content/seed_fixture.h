// Test fixture for library_content: a fresh store with the built-in
// contexts, and seed 003's scenario as the seed writes it: library lib:O:L
// (versions 5: W X Y Z, and 6: Y, Z with new content, Q) and course
// course-v1:O+C+R whose unit holds library_content block myLCB pinned to
// version 5.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SEED_FIXTURE_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SEED_FIXTURE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "contexts/builtin_contexts.h"
#include "contexts/course_authoring.h"
#include "contexts/library_authoring.h"
#include "contexts/library_source.h"
#include "olx/course/field_resolution.h"
#include "store/testing/temp_dir.h"

namespace blockrt::contexts::library_content::testing {

using Files = std::map<std::string, std::string>;

inline constexpr char kCourse[] = "course-v1:O+C+R";
inline constexpr char kLibrary[] = "lib:O:L";
inline constexpr char kLcb[] = "block-v1:O+C+R+type@library_content+block@myLCB";
// DERIVE_ID("myLCB", lb:O:L:problem:libBlockW...) (edx-runtime-semantics.md §5.4).
inline constexpr char kW[] = "block-v1:O+C+R+type@problem+block@dd75dd6456dc1dda1959";
inline constexpr char kX[] = "block-v1:O+C+R+type@problem+block@9453fbabeea318e2bd2b";
inline constexpr char kY[] = "block-v1:O+C+R+type@problem+block@b3d312f305384ebf7054";
inline constexpr char kZ[] = "block-v1:O+C+R+type@problem+block@a01ad4ead41dc4782711";
inline constexpr char kQ[] = "block-v1:O+C+R+type@problem+block@08f8ef494fd7a878005d";

// course-v1:O+C+R as an export: one unit holding myLCB (no children yet).
inline Files SeedCourse(const std::string& lcb_attributes =
                            " source_library_id=\"lib:O:L\" source_library_version=\"5\""
                            " max_count=\"-1\"") {
  return {
      {"course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>\n"},
      {"course/R.xml",
       "<course display_name=\"Seed course\">\n  <chapter url_name=\"ch\"/>\n</course>\n"},
      {"chapter/ch.xml",
       "<chapter display_name=\"Week 1\">\n  <sequential url_name=\"seq\"/>\n"
       "</chapter>\n"},
      {"sequential/seq.xml",
       "<sequential display_name=\"Lesson\">\n  <vertical url_name=\"unit\"/>\n</sequential>\n"},
      {"vertical/unit.xml",
       "<vertical display_name=\"Unit\">\n  <library_content url_name=\"myLCB\"/>\n</vertical>\n"},
      {"library_content/myLCB.xml", "<library_content" + lcb_attributes + "/>\n"},
      {"policies/R/policy.json", "{\n    \"course/R\": {}\n}\n"},
  };
}

class LibraryContentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto st = store::Store::Open(tmp_.File("s.db"));
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    store_ = std::move(*st);
    auto lib = RegisterBuiltinContexts(&registry_, std::make_shared<BundleSnapshots>(store_.get()),
                                       std::make_shared<DefinitionCache>(), &courses_, &v1_);
    ASSERT_TRUE(lib.ok()) << lib.status().ToString();
    v2_ = std::move(*lib);
    course_ = std::make_unique<CourseAuthoring>(courses_.get());
    v1a_ = std::make_unique<CourseAuthoring>(v1_.get());
    v2a_ = std::make_unique<LibraryAuthoring>(v2_.get());
    source_ = std::make_unique<LibrarySource>(v2_.get(), v1_.get());
  }
  void TearDown() override {
    source_.reset();
    course_.reset();
    v1a_.reset();
    v2a_.reset();
    v1_.reset();
    v2_.reset();
    courses_.reset();
  }

  std::string Export(const Files& files) {
    std::filesystem::path p = tmp_.path() / ("export" + std::to_string(++dirs_));
    for (const auto& [path, bytes] : files) store::testing::WriteWholeFile(p / path, bytes);
    return p.string();
  }
  std::string FreshDir() { return (tmp_.path() / ("out" + std::to_string(++dirs_))).string(); }

  // Publishes `blocks` (id -> {title, data}) as the next version of
  // `library`, deleting the blocks it had that `blocks` lacks.
  void PublishVersion(
      const std::string& library,
      const std::vector<std::pair<std::string, std::pair<std::string, std::string>>>& blocks,
      const std::string& type = "problem") {
    for (const std::string& id : published_[library]) {
      bool keep = false;
      for (const auto& b : blocks) keep = keep || b.first == id;
      if (!keep) {
        Result<keys::Key> k = keys::Key::Parse("lb:" + library.substr(4) + ":" + type + ":" + id);
        ASSERT_TRUE(k.ok());
        ASSERT_TRUE(v2a_->DeleteBlock(k->view()).ok()) << id;
      }
    }
    std::vector<std::string> now;
    for (const auto& [id, parts] : blocks) {
      Result<keys::Key> k = keys::Key::Parse("lb:" + library.substr(4) + ":" + type + ":" + id);
      ASSERT_TRUE(k.ok());
      bool exists = false;
      for (const std::string& p : published_[library]) exists = exists || p == id;
      if (!exists) {
        ASSERT_TRUE(v2a_->CreateBlock(library, type, id).ok()) << id;
      }
      ASSERT_TRUE(v2a_->SetOlx(k->view(), "<" + type + " display_name=\"" + parts.first + "\">" +
                                              parts.second + "</" + type + ">")
                      .ok());
      now.push_back(id);
    }
    published_[library] = now;
    Result<int64_t> v = v2a_->Publish(library);
    ASSERT_TRUE(v.ok()) << v.status().ToString();
  }

  // lib:O:L published up to version 5 (W X Y Z); with `with_six`, also 6.
  void MakeSeedLibrary(bool with_six = false) {
    ASSERT_TRUE(v2a_->CreateLibrary({kLibrary, "L", false, "alice"}).ok());
    // Versions 1-4 lead up to the seed's 5.
    for (int v = 1; v <= 4; ++v) {
      PublishVersion(kLibrary, {{"libBlockW", {"draft " + std::to_string(v), "w"}}});
    }
    PublishVersion(kLibrary, {{"libBlockW", {"title W", "www"}},
                              {"libBlockX", {"title X", "xxx"}},
                              {"libBlockY", {"title Y", "yyy"}},
                              {"libBlockZ", {"title Z", "zzz"}}});
    if (with_six) PublishVersion6();
  }
  void PublishVersion6() {
    PublishVersion(kLibrary, {{"libBlockY", {"title Y", "yyy"}},
                              {"libBlockZ", {"title Z", "zzz_updated"}},
                              {"libBlockQ", {"title Q", "qqq"}}});
  }

  void ImportCourse(const Files& files = SeedCourse(), const std::string& key = kCourse) {
    Result<CourseImportReport> r = course_->ImportCourse(Export(files), key, "alice");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  static keys::Key K(const std::string& text) {
    Result<keys::Key> k = keys::Key::Parse(text);
    EXPECT_TRUE(k.ok()) << text;
    return k.ok() ? *k : keys::Key();
  }

  // What the draft shows for `usage`: display_name (resolved) and data.
  std::pair<std::string, std::string> Shown(const std::string& usage,
                                            const std::string& course = kCourse) {
    auto view = course_->Tree(course);
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    if (!view.ok()) return {};
    auto it = (*view)->by_usage.find(usage);
    if (it == (*view)->by_usage.end()) return {"<missing>", ""};
    std::vector<olx::ResolvedField> fields = olx::ResolveFields((*view)->course, it->second);
    const olx::ResolvedField* name = olx::FindResolvedField(fields, "display_name");
    const olx::ResolvedField* data = olx::FindResolvedField(fields, "data");
    return {name != nullptr ? std::string(name->value)
                            : std::string(olx::DefaultDisplayName("problem")),
            data != nullptr ? std::string(data->value) : ""};
  }

  // The usage keys of the children of `usage` in the draft.
  std::vector<std::string> ChildrenOf(const std::string& usage,
                                      const std::string& course = kCourse) {
    std::vector<std::string> out;
    auto view = course_->Tree(course);
    if (!view.ok()) return out;
    auto it = (*view)->by_usage.find(usage);
    if (it == (*view)->by_usage.end()) return out;
    for (uint32_t k : (*view)->course.blocks[it->second].children) {
      out.emplace_back((*view)->course.blocks[k].usage_key);
    }
    return out;
  }

  store::testing::TempDir tmp_;
  int dirs_ = 0;
  std::unique_ptr<store::Store> store_;
  ContextRegistry registry_;
  std::shared_ptr<CourseContext> courses_, v1_;
  std::shared_ptr<LibraryContext> v2_;
  std::unique_ptr<CourseAuthoring> course_, v1a_;
  std::unique_ptr<LibraryAuthoring> v2a_;
  std::unique_ptr<LibrarySource> source_;
  std::map<std::string, std::vector<std::string>> published_;
};

}  // namespace blockrt::contexts::library_content::testing

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTENT_SEED_FIXTURE_H_
