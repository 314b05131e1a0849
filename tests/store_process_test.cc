// Multi-process guarantees of the store: concurrent writers never lose an
// update (the loser of a race gets Conflict and retries), and a process
// SIGKILLed at any instant of a commit leaves a consistent store.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "store/digest.h"
#include "store/store.h"
#include "store/testing/temp_dir.h"

namespace blockrt::store {
namespace {

using testing::TempDir;

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  auto s = Store::Open(path);
  if (!s.ok()) {
    ADD_FAILURE() << s.status().ToString();
    return nullptr;
  }
  return std::move(s).value();
}

// Runs `body` in a child process; returns its pid. The child exits with
// body's return value and never returns into gtest.
template <typename F>
pid_t Spawn(F body) {
  pid_t pid = fork();
  if (pid == 0) _exit(body());
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Blocks until the parent writes a byte, so children start together.
void AwaitGo(int fd) {
  char c;
  if (read(fd, &c, 1) != 1) _exit(90);
}

TEST(StoreProcessTest, TwoWritersOnOneDraftLoseNothing) {
  TempDir tmp;
  std::string db = tmp.File("s.db");
  {
    auto s = OpenOrDie(db);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->CreateBundle(NewBundle{"", "lib", "Lib", ""}).ok());
  }
  int go[2];
  ASSERT_EQ(pipe(go), 0);
  constexpr int kFiles = 150;
  std::vector<pid_t> kids;
  for (int w = 0; w < 2; ++w) {
    kids.push_back(Spawn([&, w] {
      AwaitGo(go[0]);
      auto s = Store::Open(db);
      if (!s.ok()) return 10;
      for (int i = 0; i < kFiles; ++i) {
        std::string path = "w" + std::to_string(w) + "/f" + std::to_string(i);
        Status st;
        do {
          st = (*s)->WriteFile("lib", "studio_draft", path, path);
        } while (st.IsConflict());
        if (!st.ok()) return 11;
      }
      return 0;
    }));
  }
  ASSERT_EQ(write(go[1], "gg", 2), 2);
  for (pid_t k : kids) EXPECT_EQ(WaitExit(k), 0);
  auto s = OpenOrDie(db);
  auto files = s->ListFiles("lib", Ref::Draft("studio_draft"));
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->size(), 2u * kFiles);
  EXPECT_EQ(s->GetDraft("lib", "studio_draft")->revision, 2 * kFiles);
  close(go[0]);
  close(go[1]);
}

TEST(StoreProcessTest, OptimisticIncrementsFromTwoProcessesAllLand) {
  TempDir tmp;
  std::string db = tmp.File("s.db");
  {
    auto s = OpenOrDie(db);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->CreateBundle(NewBundle{"", "lib", "Lib", ""}).ok());
    ASSERT_TRUE(s->WriteFile("lib", "studio_draft", "counter", "0").ok());
  }
  constexpr int kIncrements = 60;
  std::vector<pid_t> kids;
  for (int w = 0; w < 2; ++w) {
    kids.push_back(Spawn([&] {
      auto s = Store::Open(db);
      if (!s.ok()) return 10;
      int conflicts = 0;
      for (int done = 0; done < kIncrements;) {
        auto d = (*s)->GetDraft("lib", "studio_draft");
        auto v = (*s)->ReadFile("lib", Ref::Draft("studio_draft"), "counter");
        if (!d.ok() || !v.ok()) return 11;
        WriteOptions wo;
        wo.expected_revision = d->revision;
        Status st = (*s)->WriteFile("lib", "studio_draft", "counter",
                                    std::to_string(std::stoi(*v) + 1), wo);
        if (st.ok()) {
          ++done;
        } else if (st.IsConflict()) {
          ++conflicts;
        } else {
          return 12;
        }
      }
      return 0;
    }));
  }
  for (pid_t k : kids) EXPECT_EQ(WaitExit(k), 0);
  auto s = OpenOrDie(db);
  EXPECT_EQ(*s->ReadFile("lib", Ref::Draft("studio_draft"), "counter"),
            std::to_string(2 * kIncrements));
}

TEST(StoreProcessTest, RacingCommitsOfOneDraftMakeOneVersion) {
  TempDir tmp;
  std::string db = tmp.File("s.db");
  int64_t rev = 0;
  {
    auto s = OpenOrDie(db);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->CreateBundle(NewBundle{"", "lib", "Lib", ""}).ok());
    ASSERT_TRUE(s->WriteFile("lib", "studio_draft", "a", "1").ok());
    rev = s->GetDraft("lib", "studio_draft")->revision;
  }
  for (int round = 0; round < 5; ++round) {
    int go[2];
    ASSERT_EQ(pipe(go), 0);
    std::vector<pid_t> kids;
    for (int w = 0; w < 2; ++w) {
      kids.push_back(Spawn([&] {
        AwaitGo(go[0]);
        auto s = Store::Open(db);
        if (!s.ok()) return 10;
        CommitOptions co;
        co.expected_revision = rev;
        auto v = (*s)->Commit("lib", "studio_draft", co);
        if (v.ok()) return 0;
        return v.status().IsConflict() ? 1 : 12;
      }));
    }
    ASSERT_EQ(write(go[1], "gg", 2), 2);
    int wins = 0, conflicts = 0;
    for (pid_t k : kids) {
      int code = WaitExit(k);
      wins += code == 0;
      conflicts += code == 1;
    }
    EXPECT_EQ(wins, 1) << "round " << round;
    EXPECT_EQ(conflicts, 1) << "round " << round;
    close(go[0]);
    close(go[1]);
    auto s = OpenOrDie(db);
    EXPECT_EQ(s->GetBundle("lib")->latest_version, round + 1);
    ASSERT_TRUE(s->WriteFile("lib", "studio_draft", "a", std::to_string(round + 2)).ok());
    rev = s->GetDraft("lib", "studio_draft")->revision;
  }
}

// The child: commit forever. Every version carries a manifest naming the
// digest of each file it wrote, so the parent can check versions are whole.
[[noreturn]] void CommitForever(const std::string& db, uint32_t seed) {
  auto s = Store::Open(db);
  if (!s.ok()) _exit(20);
  std::mt19937 rng(seed);
  for (int n = 0;; ++n) {
    std::string manifest;
    int files = 1 + static_cast<int>(rng() % 20);
    for (int i = 0; i < files; ++i) {
      std::string path = "d" + std::to_string(rng() % 8) + "/f" + std::to_string(rng() % 40);
      size_t size = rng() % 7 == 0 ? (1 << 20) + rng() % 300000 : rng() % 4000;
      std::string bytes(size, static_cast<char>('a' + rng() % 26));
      bytes += std::to_string(seed) + ":" + std::to_string(n);
      if (!(*s)->WriteFile("lib", "studio_draft", path, bytes).ok()) _exit(21);
      manifest += path + " " + ContentDigest(bytes) + "\n";
    }
    if (!(*s)->WriteFile("lib", "studio_draft", "MANIFEST", manifest).ok()) _exit(22);
    if (!(*s)->Commit("lib", "studio_draft").ok()) _exit(23);
  }
}

void CheckConsistent(const std::string& db, int64_t* versions_seen) {
  auto opened = Store::Open(db);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Store& s = **opened;
  auto b = s.GetBundle("lib");
  ASSERT_TRUE(b.ok());
  auto versions = s.ListVersions("lib");
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(static_cast<int64_t>(versions->size()), b->latest_version);
  *versions_seen = b->latest_version;
  // Check the newest few versions fully: every manifest entry present with
  // its digest. Older ones were checked in earlier iterations.
  for (int64_t v = std::max<int64_t>(1, b->latest_version - 2); v <= b->latest_version; ++v) {
    auto manifest = s.ReadFile("lib", Ref::Version(v), "MANIFEST");
    ASSERT_TRUE(manifest.ok()) << "v" << v << ": " << manifest.status().ToString();
    size_t pos = 0;
    while (pos < manifest->size()) {
      size_t nl = manifest->find('\n', pos);
      std::string line = manifest->substr(pos, nl - pos);
      pos = nl + 1;
      size_t sp = line.find(' ');
      std::string path = line.substr(0, sp);
      auto stat = s.StatFile("lib", Ref::Version(v), path);
      ASSERT_TRUE(stat.ok()) << "v" << v << " lacks " << path;
      // A later write in the same version may have replaced it; the last
      // line for a path wins, so compare against the final mention.
      if (manifest->find("\n" + path + " ", pos - 1) == std::string::npos) {
        EXPECT_EQ(stat->digest, line.substr(sp + 1)) << "v" << v << " " << path;
      }
    }
  }
  auto draft = s.ListFiles("lib", Ref::Draft("studio_draft"));
  if (!draft.ok()) {
    EXPECT_TRUE(draft.status().IsNotFound());
  }
}

TEST(StoreProcessTest, KilledCommitterLeavesConsistentStore) {
  TempDir tmp;
  std::string db = tmp.File("s.db");
  {
    auto s = OpenOrDie(db);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->CreateBundle(NewBundle{"", "lib", "Lib", ""}).ok());
  }
  std::mt19937 rng(12345);
  // Run ~6 s, longer (up to 15 s) on a loaded machine until enough commits
  // have happened between kills for the test to mean something.
  auto start = std::chrono::steady_clock::now();
  auto enough = [&](int iterations, int64_t versions) {
    auto elapsed = std::chrono::steady_clock::now() - start;
    if (elapsed > std::chrono::seconds(15)) return true;
    return elapsed > std::chrono::seconds(6) && iterations > 20 && versions > 20;
  };
  int iterations = 0;
  int64_t last_versions = 0;
  while (!enough(iterations, last_versions)) {
    uint32_t seed = rng();
    pid_t kid = Spawn([&] {
      CommitForever(db, seed);
      return 0;
    });
    usleep(1000 + rng() % 40000);
    kill(kid, SIGKILL);
    int code = WaitExit(kid);
    ASSERT_EQ(code, 128 + SIGKILL) << "child failed on its own with exit " << code;
    int64_t versions = 0;
    CheckConsistent(db, &versions);
    if (HasFatalFailure() || HasFailure()) break;
    EXPECT_GE(versions, last_versions);
    last_versions = versions;
    ++iterations;
  }
  auto s = OpenOrDie(db);
  auto report = s->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->problems.empty());
  EXPECT_GT(iterations, 20);
  EXPECT_GT(last_versions, 20) << "the child should have committed between kills";
  RecordProperty("kill_iterations", iterations);
  RecordProperty("versions", static_cast<int>(last_versions));
}

}  // namespace
}  // namespace blockrt::store
