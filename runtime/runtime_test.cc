// End-to-end runtime behaviour over the fixtures/library bundle: modes,
// permissions, fields, children and parents, learner state.
#include "runtime/runtime.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "runtime/internal/engine_fixture.h"

namespace blockrt::runtime {
namespace {

using contexts::LibraryRole;
using contexts::User;
using internal::kFixtureLib;
constexpr const char* kLib = kFixtureLib;

using RuntimeTest = internal::EngineFixture;

TEST_F(RuntimeTest, StudioSeesDraftLmsOnlyPublished) {
  const std::string key = "lb:DemoX:fractions:unit:unit1";
  EXPECT_TRUE(Rt(Mode::kStudio, "alice").LoadBlock(key).ok());
  EXPECT_TRUE(Rt(Mode::kLms, "bob").LoadBlock(key).status().IsNotFound());
  Publish();
  auto block = Rt(Mode::kLms, "bob").LoadBlock(key);
  ASSERT_TRUE(block.ok()) << block.status().ToString();
  EXPECT_EQ(block->definition().version, 1u);
  EXPECT_FALSE(block->definition().is_draft());
}

TEST_F(RuntimeTest, UnpublishedChangeVisibleInStudioOnly) {
  Publish();
  auto usage = keys::Key::Parse("lb:DemoX:fractions:html:glossary");
  ASSERT_TRUE(usage.ok());
  ASSERT_TRUE(
      engine_->authoring()
          .SetOlx(usage->view(), "<html display_name=\"Glossary v2\"><![CDATA[new]]></html>")
          .ok());
  auto studio = Rt(Mode::kStudio, "alice").LoadBlock(usage->text());
  auto lms = Rt(Mode::kLms, "bob").LoadBlock(usage->text());
  ASSERT_TRUE(studio.ok() && lms.ok());
  EXPECT_EQ(studio->display_name(), "Glossary v2");
  EXPECT_EQ(lms->display_name(), "Glossary");
  EXPECT_TRUE(*engine_->authoring().HasUnpublishedChanges(kLib));
  ASSERT_TRUE(engine_->authoring().Discard(kLib).ok());
  EXPECT_EQ(Rt(Mode::kStudio, "alice").LoadBlock(usage->text())->display_name(), "Glossary");
  EXPECT_FALSE(*engine_->authoring().HasUnpublishedChanges(kLib));
}

TEST_F(RuntimeTest, PermissionsLookLikeNotFound) {
  Publish();
  const std::string key = "lb:DemoX:fractions:html:intro";
  struct Case {
    Mode mode;
    const char* user;
    bool ok;
  } cases[] = {
      {Mode::kStudio, "alice", true}, {Mode::kStudio, "carol", true},
      {Mode::kStudio, "bob", false},  {Mode::kLms, "bob", true},
      {Mode::kLms, "mallory", false}, {Mode::kLms, "anon123", false},
      {Mode::kLms, "", true},  // no user: trusted caller, no check
  };
  for (const Case& c : cases) {
    auto b = Rt(c.mode, c.user).LoadBlock(key);
    EXPECT_EQ(b.ok(), c.ok) << c.user << " " << ModeName(c.mode);
    if (!c.ok) {
      EXPECT_TRUE(b.status().IsNotFound());
      EXPECT_NE(b.status().message().find("don't have permission"), std::string::npos);
    }
  }
  ASSERT_TRUE(engine_->authoring().SetPublicLearning(kLib, true).ok());
  EXPECT_TRUE(Rt(Mode::kLms, "anon123").LoadBlock(key).ok());
  EXPECT_TRUE(Rt(Mode::kLms, "mallory").LoadBlock(key).ok());
  EXPECT_FALSE(Rt(Mode::kStudio, "mallory").LoadBlock(key).ok());
  auto missing = Rt(Mode::kLms, "bob").LoadBlock("lb:DemoX:fractions:html:nope");
  EXPECT_TRUE(missing.status().IsNotFound());
}

TEST_F(RuntimeTest, ChildrenInIncludeOrderAndParents) {
  auto rt = Rt(Mode::kStudio, "alice");
  auto unit = rt.LoadBlock("lb:DemoX:fractions:unit:unit1");
  ASSERT_TRUE(unit.ok()) << unit.status().ToString();
  std::vector<std::string> kids;
  for (const auto& k : unit->children()) kids.push_back(k.text());
  EXPECT_EQ(kids,
            (std::vector<std::string>{
                "lb:DemoX:fractions:html:intro", "lb:DemoX:fractions:video:intro_video",
                "lb:DemoX:fractions:problem:quiz1", "lb:DemoX:fractions:drag-and-drop-v2:dnd1"}));
  ASSERT_TRUE(unit->parent().has_value());
  EXPECT_EQ(unit->parent()->text(), "lb:DemoX:fractions:sequential:week1");
  auto seq = rt.LoadBlock("lb:DemoX:fractions:sequential:week1");
  ASSERT_TRUE(seq.ok());
  EXPECT_FALSE(seq->parent().has_value());
}

TEST_F(RuntimeTest, TypedFieldsWithDefaults) {
  auto b = Rt(Mode::kStudio, "alice").LoadBlock("lb:DemoX:fractions:problem:quiz1");
  ASSERT_TRUE(b.ok());
  struct Case {
    const char* name;
    const char* json;
    bool is_default;
  } cases[] = {
      {"max_attempts", "2", false},
      {"weight", "1", false},
      {"display_name", "\"Which is larger?\"", false},
      {"showanswer", "\"finished\"", true},
      {"submission_wait_seconds", "0", true},
  };
  for (const Case& c : cases) {
    auto f = b->Field(c.name);
    ASSERT_TRUE(f.has_value()) << c.name;
    EXPECT_EQ(f->json, c.json) << c.name;
    EXPECT_EQ(f->is_default, c.is_default) << c.name;
  }
  EXPECT_FALSE(b->Field("no_such_field").has_value());
  auto content = b->Fields(olx::FieldScope::kContent);
  ASSERT_EQ(content.size(), 1u);
  EXPECT_EQ(content[0].name, "data");
  EXPECT_NE(content[0].json.find("multiplechoiceresponse"), std::string::npos);
}

TEST_F(RuntimeTest, MissingV1LibrariesAndBadKeysAreClearErrors) {
  auto rt = Rt(Mode::kLms, "bob");
  // library-v1 is a built-in context now: a library it lacks is not found.
  auto v1 = rt.LoadBlock("lib-block-v1:Org+Lib+type@problem+block@p1");
  EXPECT_EQ(v1.status().code(), Status::Code::kNotFound);
  EXPECT_NE(v1.status().message().find("lib-block-v1:Org+Lib"), std::string::npos);
  EXPECT_EQ(rt.LoadBlock("not a key").status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(rt.LoadBlock("lib:DemoX:fractions").status().code(), Status::Code::kInvalidArgument);
}

TEST_F(RuntimeTest, LearnerStatePersistsInLmsOnly) {
  Publish();
  const std::string key = "lb:DemoX:fractions:problem:quiz1";
  {
    auto rt = Rt(Mode::kLms, "bob");
    auto b = rt.LoadBlock(key);
    ASSERT_TRUE(b.ok());
    ASSERT_TRUE(rt.SetUserState(*b, "attempts", "1").ok());
    EXPECT_EQ(rt.SetUserState(*b, "answer", "{bad").code(), Status::Code::kInvalidArgument);
  }
  auto rt2 = Rt(Mode::kLms, "bob");
  auto b = rt2.LoadBlock(key);
  auto state = rt2.UserState(*b);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->at("attempts"), "1");
  // Another learner sees nothing; Studio state is ephemeral.
  EXPECT_TRUE(Rt(Mode::kLms, "alice").UserState(*b)->empty());
  auto studio = Rt(Mode::kStudio, "alice");
  ASSERT_TRUE(studio.SetUserState(*b, "attempts", "5").ok());
  EXPECT_EQ(studio.UserState(*b)->at("attempts"), "5");
  EXPECT_TRUE(Rt(Mode::kStudio, "alice").UserState(*b)->empty());
  EXPECT_EQ(Rt(Mode::kLms, "").UserState(*b).status().code(), Status::Code::kFailedPrecondition);
}

TEST_F(RuntimeTest, RuntimesShareCachesAcrossThreads) {
  Publish();
  const std::vector<std::string> keys = {
      "lb:DemoX:fractions:unit:unit1", "lb:DemoX:fractions:html:intro",
      "lb:DemoX:fractions:problem:quiz1", "lb:DemoX:fractions:video:intro_video"};
  std::atomic<int> failures{0};
  auto worker = [&](int offset) {
    Runtime rt = Rt(Mode::kLms, "bob");  // one Runtime per thread
    for (int i = 0; i < 200; ++i) {
      auto b = rt.LoadBlock(keys[(i + offset) % keys.size()]);
      if (!b.ok() || !rt.Render(*b).ok()) failures.fetch_add(1);
    }
  };
  // A writer keeps changing the draft meanwhile; LMS readers must not notice.
  std::thread writer([&] {
    auto usage = keys::Key::Parse("lb:DemoX:fractions:html:glossary");
    for (int i = 0; i < 20; ++i) {
      std::string olx = "<html display_name=\"v" + std::to_string(i) + "\">x</html>";
      if (!engine_->authoring().SetOlx(usage->view(), olx).ok()) failures.fetch_add(1);
    }
  });
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  writer.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Rt(Mode::kLms, "bob").LoadBlock("lb:DemoX:fractions:html:glossary")->display_name(),
            "Glossary");
  EXPECT_EQ(
      Rt(Mode::kStudio, "alice").LoadBlock("lb:DemoX:fractions:html:glossary")->display_name(),
      "v19");
}

// A Runtime keeps per-session views of the library; writes through the
// authoring API (content, publication, roles) must show in the same Runtime.
TEST_F(RuntimeTest, OneRuntimeSeesWritesAtOnce) {
  Publish();
  const std::string key = "lb:DemoX:fractions:html:glossary";
  auto usage = keys::Key::Parse(key);
  auto& a = engine_->authoring();
  Runtime studio = Rt(Mode::kStudio, "alice");
  Runtime lms = Rt(Mode::kLms, "bob");
  ASSERT_EQ(studio.LoadBlock(key)->display_name(), "Glossary");
  ASSERT_EQ(lms.LoadBlock(key)->display_name(), "Glossary");
  ASSERT_TRUE(a.SetOlx(usage->view(), "<html display_name=\"G2\">x</html>").ok());
  EXPECT_EQ(studio.LoadBlock(key)->display_name(), "G2");
  EXPECT_EQ(lms.LoadBlock(key)->display_name(), "Glossary");
  Publish();
  EXPECT_EQ(lms.LoadBlock(key)->display_name(), "G2");
  auto unit = lms.LoadBlock("lb:DemoX:fractions:unit:unit1");
  ASSERT_TRUE(unit.ok());
  ASSERT_TRUE(a.SetRole(kLib, "bob", LibraryRole::kNone).ok());
  EXPECT_TRUE(lms.LoadBlock(key).status().IsNotFound());
  // Children are checked like any load (issue 10 #7: a child may come through
  // a link), so a revoked learner cannot walk down from a block loaded before.
  EXPECT_TRUE(lms.LoadChild(*unit, 0).status().IsNotFound());
  ASSERT_TRUE(a.SetRole(kLib, "bob", LibraryRole::kLearner).ok());
  EXPECT_TRUE(lms.LoadBlock(key).ok());
}

// Readers load and render from several threads, each with its own Runtime,
// while a writer edits the draft and publishes it again and again: every
// load and render succeeds and shows a published version, and afterwards
// every runtime sees the last one.
TEST_F(RuntimeTest, LoadAndRenderWhileAWriterPublishes) {
  Publish();
  constexpr int kVersions = 12;
  const std::string glossary = "lb:DemoX:fractions:html:glossary";
  const std::vector<std::string> keys = {
      "lb:DemoX:fractions:sequential:week1", "lb:DemoX:fractions:unit:unit1", glossary,
      "lb:DemoX:fractions:problem:quiz1", "lb:DemoX:fractions:video:intro_video"};
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, loads{0};
  auto reader = [&](Mode mode, const char* user, int offset) {
    Runtime rt = Rt(mode, user);
    for (size_t i = offset; !done.load() || i < static_cast<size_t>(offset) + 50; ++i) {
      auto b = rt.LoadBlock(keys[i % keys.size()]);
      if (!b.ok()) {
        ADD_FAILURE() << b.status().ToString();
        failures.fetch_add(1);
        continue;
      }
      auto f = rt.Render(*b);
      if (!f.ok() || f->content.find("xblock-error") != std::string::npos) {
        ADD_FAILURE() << (f.ok() ? f->content : f.status().ToString());
        failures.fetch_add(1);
      }
      if (b->usage_key().text() == glossary) {
        const std::string name = b->display_name();
        if (name != "Glossary" && name.rfind("v", 0) != 0) failures.fetch_add(1);
      }
      loads.fetch_add(1);
    }
  };
  std::thread writer([&] {
    auto usage = keys::Key::Parse(glossary);
    for (int i = 0; i < kVersions; ++i) {
      // Let the readers get going between versions so they overlap the writes.
      for (int seen = loads.load(); loads.load() < seen + 6 && failures.load() == 0;) {
        std::this_thread::yield();
      }
      std::string olx = "<html display_name=\"v" + std::to_string(i) + "\">x</html>";
      if (!engine_->authoring().SetOlx(usage->view(), olx).ok()) failures.fetch_add(1);
      if (!engine_->authoring().Publish(kLib).ok()) failures.fetch_add(1);
    }
    done.store(true);
  });
  std::thread r1(reader, Mode::kLms, "bob", 0), r2(reader, Mode::kLms, "bob", 2),
      r3(reader, Mode::kStudio, "carol", 1);
  writer.join();
  r1.join();
  r2.join();
  r3.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GE(loads.load(), 6 * kVersions);
  const std::string last = "v" + std::to_string(kVersions - 1);
  EXPECT_EQ(Rt(Mode::kLms, "bob").LoadBlock(glossary)->display_name(), last);
  EXPECT_EQ(Rt(Mode::kStudio, "alice").LoadBlock(glossary)->display_name(), last);
}

}  // namespace
}  // namespace blockrt::runtime
