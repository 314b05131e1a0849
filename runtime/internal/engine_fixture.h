// Test-only: the fixture the runtime tests share. An Engine over a fresh store
// in a per-test temporary directory, with fixtures/library imported (as a
// draft) into lib:DemoX:fractions (alice admin, bob learner, carol author) and
// a clock the test moves by hand.
#ifndef BLOCKRT_RUNTIME_INTERNAL_ENGINE_FIXTURE_H_
#define BLOCKRT_RUNTIME_INTERNAL_ENGINE_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "runtime/engine.h"
#include "runtime/runtime.h"

namespace blockrt::runtime::internal {

inline constexpr char kFixtureLib[] = "lib:DemoX:fractions";

class EngineFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    namespace fs = std::filesystem;
    dir_ = fs::temp_directory_path() /
           ("blockrt_rt_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    EngineOptions opts;
    opts.runtime.now_seconds = [this] { return now_; };
    auto engine = Engine::Open((dir_ / "t.db").string(), opts);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(*engine);
    auto& a = engine_->authoring();
    ASSERT_TRUE(a.CreateLibrary({kFixtureLib, "Fractions", false, "alice"}).ok());
    ASSERT_TRUE(a.SetRole(kFixtureLib, "bob", contexts::LibraryRole::kLearner).ok());
    ASSERT_TRUE(a.SetRole(kFixtureLib, "carol", contexts::LibraryRole::kAuthor).ok());
    auto n = a.ImportDirectory(kFixtureLib, std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/library");
    ASSERT_TRUE(n.ok()) << n.status().ToString();
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  Runtime Rt(Mode mode, const char* user) const {
    return engine_->NewRuntime(mode, contexts::User(user));
  }
  void Publish() { ASSERT_TRUE(engine_->authoring().Publish(kFixtureLib).ok()); }

  std::filesystem::path dir_;
  int64_t now_ = 1'700'000'000;
  std::unique_ptr<Engine> engine_;
};

}  // namespace blockrt::runtime::internal

#endif  // BLOCKRT_RUNTIME_INTERNAL_ENGINE_FIXTURE_H_
