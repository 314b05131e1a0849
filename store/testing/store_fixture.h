// StoreTest: a fresh store in a temp directory, with a deterministic clock.
#ifndef BLOCKRT_STORE_TESTING_STORE_FIXTURE_H_
#define BLOCKRT_STORE_TESTING_STORE_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/store.h"
#include "store/testing/temp_dir.h"

namespace blockrt::store::testing {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::Open(db_path(), Options());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  StoreOptions Options() {
    StoreOptions o;
    o.now_micros = [this] { return ++clock_; };
    return o;
  }
  std::string db_path() const { return tmp_.File("store.db"); }

  // Creates bundle `slug` and returns its uuid.
  std::string MakeBundle(const std::string& slug) {
    NewBundle nb;
    nb.slug = slug;
    nb.title = "Title of " + slug;
    auto b = store_->CreateBundle(nb);
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    return b.ok() ? b->uuid : std::string();
  }

  // Writes files into `draft` and commits them; returns the version.
  int64_t CommitFiles(const std::string& bundle,
                      const std::vector<std::pair<std::string, std::string>>& files,
                      const std::string& draft = "studio_draft") {
    for (const auto& [path, bytes] : files) {
      Status st = store_->WriteFile(bundle, draft, path, bytes);
      EXPECT_TRUE(st.ok()) << st.ToString();
    }
    auto v = store_->Commit(bundle, draft);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : -1;
  }

  int64_t clock_ = 1'700'000'000'000'000;
  TempDir tmp_;
  std::unique_ptr<Store> store_;
};

}  // namespace blockrt::store::testing

#endif  // BLOCKRT_STORE_TESTING_STORE_FIXTURE_H_
