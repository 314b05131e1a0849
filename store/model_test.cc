// Randomized model check: thousands of draft writes, deletes, full and
// partial commits and discards across two drafts, compared step by step with
// a plain in-memory model of the Blockstore semantics (snapshots as maps).
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <random>
#include <set>

#include "store/store.h"
#include "store/testing/store_fixture.h"

namespace blockrt::store {
namespace {

using testing::StoreTest;
using Snapshot = std::map<std::string, std::string>;

struct ModelDraft {
  int64_t base = 0;
  std::map<std::string, std::optional<std::string>> changes;  // nullopt = delete
};

struct Model {
  std::vector<Snapshot> versions{Snapshot{}};      // [0] = never published
  std::vector<std::set<std::string>> written{{}};  // paths each version wrote
  std::map<std::string, ModelDraft> drafts;

  ModelDraft& Draft(const std::string& name) {
    auto it = drafts.find(name);
    if (it == drafts.end()) it = drafts.emplace(name, ModelDraft{Latest(), {}}).first;
    return it->second;
  }
  int64_t Latest() const { return static_cast<int64_t>(versions.size()) - 1; }
  Snapshot Visible(const ModelDraft& d) const {
    Snapshot s = versions[d.base];
    for (const auto& [p, v] : d.changes) {
      if (v) {
        s[p] = *v;
      } else {
        s.erase(p);
      }
    }
    return s;
  }
};

Snapshot ReadAll(Store& s, const std::string& bundle, const Ref& at) {
  Snapshot out;
  auto files = s.ListFiles(bundle, at);
  EXPECT_TRUE(files.ok()) << files.status().ToString();
  if (!files.ok()) return out;
  for (const FileInfo& f : *files) {
    auto bytes = s.ReadFile(bundle, at, f.path);
    EXPECT_TRUE(bytes.ok()) << f.path;
    if (bytes.ok()) out[f.path] = *bytes;
  }
  return out;
}

TEST_F(StoreTest, MatchesSnapshotModelUnderRandomOperations) {
  const std::string b = MakeBundle("model");
  const std::vector<std::string> kPaths = {"a", "b/c", "b/d", "e/f/g", "h.xml", "i/j"};
  const std::vector<std::string> kDrafts = {"studio_draft", "script"};
  Model m;
  std::mt19937 rng(7);
  int conflicts = 0, partial = 0, empty = 0;  // the interesting paths were taken
  for (int step = 0; step < 1500; ++step) {
    const std::string& dn = kDrafts[rng() % kDrafts.size()];
    const std::string& path = kPaths[rng() % kPaths.size()];
    int op = static_cast<int>(rng() % 10);
    if (op < 5) {  // write one of a few small values
      std::string bytes = "v" + std::to_string(rng() % 4);
      ASSERT_TRUE(store_->WriteFile(b, dn, path, bytes).ok()) << step;
      ModelDraft& d = m.Draft(dn);
      auto base = m.versions[d.base].find(path);
      if (base != m.versions[d.base].end() && base->second == bytes) {
        d.changes.erase(path);
      } else {
        d.changes[path] = bytes;
      }
    } else if (op < 7) {  // delete; a failed one must not even create the draft
      ModelDraft probe{m.Latest(), {}};
      bool existed = m.drafts.count(dn) != 0;
      bool visible = m.Visible(existed ? m.drafts[dn] : probe).count(path) != 0;
      Status st = store_->DeleteFile(b, dn, path);
      ASSERT_EQ(st.ok(), visible) << step << " " << st.ToString();
      if (visible) {
        ModelDraft& d = m.Draft(dn);
        if (m.versions[d.base].count(path) != 0) {
          d.changes[path] = std::nullopt;
        } else {
          d.changes.erase(path);
        }
      }
    } else if (op < 9) {  // commit everything, or one path
      if (m.drafts.count(dn) == 0) continue;
      ModelDraft& d = m.drafts[dn];
      CommitOptions co;
      std::map<std::string, std::optional<std::string>> chosen = d.changes;
      if (op == 8 && !d.changes.empty()) {
        auto it = d.changes.begin();
        std::advance(it, rng() % d.changes.size());
        co.paths = {it->first};
        chosen = {*it};
      }
      bool conflict = false;
      for (int64_t v = d.base + 1; v <= m.Latest(); ++v) {
        for (const auto& [p, val] : chosen) conflict |= m.written[v].count(p) != 0;
      }
      auto got = store_->Commit(b, dn, co);
      if (chosen.empty()) {
        ASSERT_EQ(got.status().code(), Status::Code::kFailedPrecondition) << step;
        ++empty;
      } else if (conflict) {
        ASSERT_EQ(got.status().code(), Status::Code::kConflict) << step;
        ++conflicts;
      } else {
        ASSERT_TRUE(got.ok()) << step << " " << got.status().ToString();
        Snapshot next = m.versions.back();
        std::set<std::string> wrote;
        for (const auto& [p, val] : chosen) {
          if (val) {
            next[p] = *val;
          } else {
            next.erase(p);
          }
          wrote.insert(p);
          d.changes.erase(p);
        }
        m.versions.push_back(next);
        m.written.push_back(wrote);
        d.base = m.Latest();
        ASSERT_EQ(*got, m.Latest());
        partial += !co.paths.empty();
      }
    } else {  // discard
      Status st = store_->DiscardDraft(b, dn);
      ASSERT_EQ(st.ok(), m.drafts.erase(dn) == 1) << step;
    }
    if (m.drafts.count(dn) != 0) {
      ASSERT_EQ(ReadAll(*store_, b, Ref::Draft(dn)), m.Visible(m.drafts[dn])) << "step " << step;
      ASSERT_EQ(*store_->HasChanges(b, dn), !m.drafts[dn].changes.empty()) << step;
    }
  }
  ASSERT_GT(m.Latest(), 50);
  EXPECT_GT(conflicts, 5);
  EXPECT_GT(partial, 5);
  EXPECT_GT(empty, 5);
  for (int64_t v = 1; v <= m.Latest(); ++v) {
    ASSERT_EQ(ReadAll(*store_, b, Ref::Version(v)), m.versions[v]) << "v" << v;
    for (const std::string& p : kPaths) {
      auto h = store_->History(b, p);
      if (!h.ok()) continue;
      for (const auto& [info, file] : *h) EXPECT_TRUE(m.written[info.version].count(p)) << p;
    }
  }
}

}  // namespace
}  // namespace blockrt::store
