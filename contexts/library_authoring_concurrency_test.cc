// Concurrent authoring (issue 10, defects 8 and 9) inside one process: threads
// that each open their own Store on one file (as separate processes would)
// and threads sharing one authoring API. Grants all survive, a revocation is
// never undone, parallel child blocks all stay included. Run under TSan too
// (README, "Other builds").
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "contexts/builtin_contexts.h"
#include "contexts/library_authoring.h"

namespace blockrt::contexts {
namespace {

namespace fs = std::filesystem;

// One independent stack (Store, caches, context, authoring) on `db`.
struct Stack {
  std::unique_ptr<store::Store> store;
  ContextRegistry registry;
  std::shared_ptr<LibraryContext> ctx;
  std::unique_ptr<LibraryAuthoring> authoring;

  explicit Stack(const std::string& db) {
    store::StoreOptions opts;
    opts.busy_timeout_ms = 30000;  // TSan is slow; waiting is the point
    store = std::move(store::Store::Open(db, opts)).value();
    ctx = *RegisterBuiltinContexts(&registry, std::make_shared<BundleSnapshots>(store.get()),
                                   std::make_shared<DefinitionCache>());
    authoring = std::make_unique<LibraryAuthoring>(ctx.get());
  }
};

class AuthoringConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("blockrt_authcc_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "c.db").string();
    Stack setup(db_);
    ASSERT_TRUE(setup.authoring->CreateLibrary({"lib:O:l", "L", false, "alice"}).ok());
    ASSERT_TRUE(setup.authoring->CreateBlock("lib:O:l", "unit", "u").ok());
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::string db_;
};

TEST_F(AuthoringConcurrencyTest, RoleChangesFromManyConnectionsAreNotLost) {
  constexpr int kThreads = 8, kGrantsPerThread = 6;
  Stack check(db_);
  ASSERT_TRUE(check.authoring->SetRole("lib:O:l", "mallory", LibraryRole::kAuthor).ok());
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads + 1, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Stack own(db_);
      LibraryAuthoring as_alice = own.authoring->As(User("alice"));
      for (int i = 0; i < kGrantsPerThread; ++i) {
        std::string user = "u" + std::to_string(t) + "_" + std::to_string(i);
        failures[t] += !as_alice.SetRole("lib:O:l", user, LibraryRole::kLearner).ok();
      }
    });
  }
  threads.emplace_back([&] {
    Stack own(db_);
    failures[kThreads] += !own.authoring->SetRole("lib:O:l", "mallory", LibraryRole::kNone).ok();
  });
  for (std::thread& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
  auto libs = Stack(db_).authoring->ListLibraries();
  ASSERT_TRUE(libs.ok());
  ASSERT_EQ(libs->size(), 1u);
  const LibraryInfo& lib = (*libs)[0];
  EXPECT_EQ(lib.roles.size(), 1u + kThreads * kGrantsPerThread);  // alice + every grant
  EXPECT_EQ(lib.RoleOf("mallory"), LibraryRole::kNone);
}

TEST_F(AuthoringConcurrencyTest, ParallelChildBlocksAllStayIncluded) {
  constexpr int kThreads = 6, kPerThread = 4;
  Stack shared(db_);  // half the threads share one API, half have their own
  auto parent = keys::Key::Parse("lb:O:l:unit:u");
  ASSERT_TRUE(parent.ok());
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::unique_ptr<Stack> own;
      LibraryAuthoring* a = shared.authoring.get();
      if (t % 2 == 1) {
        own = std::make_unique<Stack>(db_);
        a = own->authoring.get();
      }
      for (int i = 0; i < kPerThread; ++i) {
        std::string id = "h" + std::to_string(t) + "_" + std::to_string(i);
        Result<keys::Key> child = a->CreateChildBlock("lib:O:l", parent->view(), "html", id);
        failures[t] += !child.ok();
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
  Stack check(db_);
  auto olx = check.authoring->GetOlx(parent->view());
  ASSERT_TRUE(olx.ok());
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      std::string id = "html/h" + std::to_string(t) + "_" + std::to_string(i);
      EXPECT_NE(olx->find("definition=\"" + id + "\""), std::string::npos) << id;
    }
  }
  auto top = check.ctx->TopLevelBlocks(keys::Key::Parse("lib:O:l")->view(), {kStudioDraft});
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(top->size(), 1u);  // no orphans
}

}  // namespace
}  // namespace blockrt::contexts
