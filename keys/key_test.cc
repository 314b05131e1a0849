#include "keys/key.h"

#include <gtest/gtest.h>

#include <unordered_set>

#include "keys/internal/fast_path.h"
#include "keys/internal/parsers.h"
#include "keys/testing/key_mix.h"

namespace blockrt::keys {
namespace {

// Golden error positions and expectations for common mistakes.
TEST(KeyErrorTest, PointsAtTheOffendingByte) {
  struct Case {
    const char* text;
    KeyBase base;
    size_t position;
    const char* expected;
  } cases[] = {
      {"course-v1:edX+DemoX", KeyBase::kCourseKey, 19, "org+course+run or version@"},
      {"course-v1:edX DemoX Demo_Course", KeyBase::kCourseKey, 13, "an id character [\\w-~.:]"},
      {"course-v1:edX+DemoX+Demo+", KeyBase::kCourseKey, 25,
       "a segment after '+' (no trailing '+')"},
      {"block-v1:edX+DemoX+Demo+type@problem", KeyBase::kUsageKey, 36, "'+block@ID'"},
      {"block-v1:edX+DemoX+Demo+type@problem+block@a%20b", KeyBase::kUsageKey, 44,
       "a block id [\\w-~.:]+ (no '%')"},
      {"course-v1:edX+DemoX+Demo+version@abc", KeyBase::kCourseKey, 33, "a 24-digit hex version"},
      {"lb:edX:lib:problem", KeyBase::kUsageKey, 18, "':'"},
      {"lib:edX:lib:x", KeyBase::kLearningContextKey, 11, "no further ':'"},
      {"lb:h\xC3\xA9:lib:html:intro", KeyBase::kUsageKey, 4, "an ASCII field [a-zA-Z0-9_-.]+"},
      {"lib:org:slug", KeyBase::kCourseKey, 0, "a namespace this key type accepts"},
      {"nope:x", KeyBase::kAuto, 0,
       "a known namespace (course-v1, block-v1, asset-v1, lib, lb, ...)"},
      {"i4x://o/c/problem/a b", KeyBase::kUsageKey, 19, "a name character [\\w-~.:%]"},
      {"bundle-olx:4b33677f-7eb7-4376-8752-024ce057d7e8:05:html:a.xml", KeyBase::kDefinitionKey, 48,
       "a version in plain decimal digits without leading zeros"},
  };
  for (const auto& c : cases) {
    KeyView view;
    KeyError err;
    EXPECT_FALSE(ParseKey(c.text, c.base, &view, &err)) << c.text;
    EXPECT_EQ(err.position, c.position) << c.text;
    EXPECT_EQ(err.expected, c.expected) << c.text;
  }
}

TEST(KeyErrorTest, StatusMessageNamesKeyPositionAndExpectation) {
  auto r = ParseKeyView("course-v1:edX+DemoX", KeyBase::kCourseKey);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "invalid CourseKey 'course-v1:edX+DemoX' at position 19: expected org+course+run or "
            "version@");
}

// The fast path must agree with the general parser on everything it accepts.
TEST(FastPathTest, AgreesWithGeneralParserOnTheMix) {
  testing::KeyMix mix(7);
  int fast = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string text;
    mix.Next(&text);
    for (KeyBase base : {KeyBase::kAuto, KeyBase::kCourseKey, KeyBase::kUsageKey}) {
      KeyView f, g;
      KeyError err;
      bool general = internal::ParseKeyGeneral(text, base, &g, &err);
      uint32_t kinds = base == KeyBase::kAuto ? ~0u
                       : base == KeyBase::kCourseKey
                           ? (1u << static_cast<int>(KeyKind::kCourseLocator)) |
                                 (1u << static_cast<int>(KeyKind::kLibraryLocator))
                           : ~0u;
      if (base == KeyBase::kUsageKey) continue;  // kinds mask for UsageKey tested via ParseKey
      // Both builds of the fast path, unpadded and inside a buffer.
      const std::string padded_text = text + std::string(kKeyParsePadding, '@');
      for (auto build : {internal::FastPathBuild::kGeneric, internal::FastPathBuild::kAvx2}) {
        if (!internal::FastPathBuildSupported(build)) continue;
        for (bool padded : {false, true}) {
          const std::string_view in(padded ? padded_text.data() : text.data(), text.size());
          internal::FastResult fr = internal::FastParseWith(build, in, kinds, padded, &f);
          if (fr == internal::FastResult::kRejected) {
            EXPECT_FALSE(general) << text;
            continue;
          }
          if (fr != internal::FastResult::kAccepted) continue;
          ++fast;
          ASSERT_TRUE(general) << text;
          EXPECT_TRUE(f == g) << text;
          EXPECT_EQ(f.kind(), g.kind()) << text;
          EXPECT_EQ(f.ToString(), g.ToString()) << text;
          std::string scratch;
          EXPECT_EQ(f.Canonical(in, &scratch), g.ToString()) << text;
        }
      }
    }
    {
      // Inside a buffer, what follows the key must not matter.
      std::string buffer = text + "+@:%\n\xC3~" + std::string(kKeyParsePadding, '+');
      KeyView in_buffer, alone;
      KeyError e1, e2;
      bool r1 = ParseKeyInBuffer(std::string_view(buffer.data(), text.size()), KeyBase::kAuto,
                                 &in_buffer, &e1);
      ASSERT_EQ(r1, ParseKey(text, KeyBase::kAuto, &alone, &e2)) << text;
      if (r1) {
        EXPECT_TRUE(in_buffer == alone) << text;
        EXPECT_EQ(in_buffer.kind(), alone.kind()) << text;
      } else {
        EXPECT_EQ(e1.position, e2.position) << text;
      }
    }
    KeyView a, b;
    KeyError ea, eb;
    bool ra = ParseKey(text, KeyBase::kUsageKey, &a, &ea);
    bool rb = internal::ParseKeyGeneral(text, KeyBase::kUsageKey, &b, &eb);
    ASSERT_EQ(ra, rb) << text;
    if (ra) {
      EXPECT_TRUE(a == b) << text;
    }
  }
  EXPECT_GT(fast, 100000);
}

// The fast path's branch-free shape check against the general parser on
// every part count and tag layout, at lengths around the 64-byte word edge
// (a fuzzer found a two-part course key of 65 bytes accepted once).
TEST(FastPathTest, CanonicalShapeEdgesAgreeWithGeneralParser) {
  const char* const namespaces[] = {"course-v1", "block-v1", "asset-v1", "library-v1",
                                    "lib-block-v1"};
  const char* const tails[] = {"",
                               "+type@problem+block@",
                               "+block@",
                               "+type@problem",
                               "+type@+block@x",
                               "+type@problem+block@x@y",
                               "+typo@problem+block@",
                               "+type@problem+blocc@",
                               "+branch@b+type@problem+block@",
                               "+type@problem+block@x%20y",
                               "+type@problem+block@"};
  int checked = 0;
  for (const char* ns : namespaces) {
    for (int parts = 1; parts <= 4; ++parts) {
      for (const char* tail : tails) {
        for (size_t fill = 0; fill <= 90; fill += 1) {
          std::string key = std::string(ns) + ":o";
          for (int i = 1; i < parts; ++i) key += "+p" + std::to_string(i);
          // Grow the first part or the id so that the key crosses 64 bytes.
          std::string body(fill, 'w');
          if (std::string(tail).empty()) {
            key.insert(key.find(':') + 1, body);
          } else {
            key += tail + body;
          }
          for (std::string text : {key, key + "x"}) {
            KeyView fast, general;
            KeyError e1, e2;
            const bool b = internal::ParseKeyGeneral(text, KeyBase::kAuto, &general, &e2);
            for (auto build : {internal::FastPathBuild::kGeneric, internal::FastPathBuild::kAvx2}) {
              if (!internal::FastPathBuildSupported(build)) continue;
              const auto fr = internal::FastParseWith(build, text, ~0u, false, &fast);
              if (fr == internal::FastResult::kUnsure) continue;
              const bool a = fr == internal::FastResult::kAccepted;
              ASSERT_EQ(a, b) << text;
              if (a) {
                EXPECT_TRUE(fast == general) << text;
                EXPECT_EQ(fast.ToString(), general.ToString()) << text;
              }
              ++checked;
            }
            EXPECT_EQ(ParseKey(text, KeyBase::kAuto, &fast, &e1), b) << text;
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 10000);
}

TEST(KeyTest, EqualityFollowsTheReferenceKeyTuple) {
  auto eq = [](const char* a, const char* b) {
    return *Key::Parse(a, KeyBase::kAuto) == *Key::Parse(b, KeyBase::kAuto);
  };
  EXPECT_TRUE(eq("slashes:o+c+r", "course-v1:o+c+r"));
  EXPECT_FALSE(eq("o/c/r", "course-v1:o+c+r"));  // deprecated flag differs
  EXPECT_TRUE(eq("course-v1:o+c+r+type@x+block@y", "course-v1:o+c+r"));
  EXPECT_FALSE(eq("location:o+c+r+t+i", "block-v1:o+c+r+type@t+block@i"));
  EXPECT_TRUE(eq("block-type-v1:xmodule.v1:problem", "block-type-v1:xblock.v1:problem"));
  EXPECT_FALSE(eq("lb:o:l:problem:p", "lb:o:l:problem:q"));
  EXPECT_TRUE(eq("aside-usage-v2:lb$:o$:l$:html$:h::a", "aside-usage-v2:lb$:o$:l$:html$:h::a"));
  std::unordered_set<Key, KeyHash> set;
  set.insert(*Key::Parse("slashes:o+c+r"));
  EXPECT_EQ(set.count(*Key::Parse("course-v1:o+c+r")), 1u);
}

TEST(KeyTest, OwningKeysSurviveCopiesAndMoves) {
  // Short texts live inside std::string (SSO), so views must be re-pointed.
  Key a = *Key::Parse("lib:o:l");
  Key b = a;
  Key c = std::move(a);
  a = *Key::Parse("lb:x:y:html:z");
  EXPECT_EQ(b.ToString(), "lib:o:l");
  EXPECT_EQ(c.ToString(), "lib:o:l");
  EXPECT_EQ(*c->org(), "o");
  EXPECT_EQ(a.ToString(), "lb:x:y:html:z");
  std::vector<Key> many;
  for (int i = 0; i < 100; ++i) many.push_back(*Key::Parse("lb:o:l:html:h" + std::to_string(i)));
  EXPECT_EQ(*many[42]->block_id(), "h42");
}

TEST(KeyTest, DerivedKeys) {
  Key course = *Key::Parse("course-v1:edX+DemoX+Demo_Course");
  EXPECT_EQ(MakeUsageKey(course.view(), "problem", "p1")->ToString(),
            "block-v1:edX+DemoX+Demo_Course+type@problem+block@p1");
  Key lib = *Key::Parse("lib:MITx:reallyhardproblems");
  Key usage = *MakeUsageKey(lib.view(), "problem", "problem1");
  EXPECT_EQ(usage.ToString(), "lb:MITx:reallyhardproblems:problem:problem1");
  EXPECT_EQ(ContextKeyOf(usage.view())->ToString(), "lib:MITx:reallyhardproblems");
  Key v1 = *Key::Parse("library-v1:O+L");
  EXPECT_EQ(MakeUsageKey(v1.view(), "html", "h")->ToString(), "lib-block-v1:O+L+type@html+block@h");
  EXPECT_FALSE(MakeUsageKey(lib.view(), "problem", "bad id").ok());
  EXPECT_EQ(ForBranch(course.view(), std::string_view("draft"))->ToString(),
            "course-v1:edX+DemoX+Demo_Course+branch@draft");
  Key lib_block = *Key::Parse("lib-block-v1:O+L+type@problem+block@x");
  EXPECT_EQ(ForBranch(lib_block.view(), std::string_view("library"))->ToString(),
            "lib-block-v1:O+L+branch@library+type@problem+block@x");
  EXPECT_EQ(ForVersion(course.view(), std::string_view("519665f6223ebd6980884f2b"))->ToString(),
            "course-v1:edX+DemoX+Demo_Course+version@519665f6223ebd6980884f2b");
  EXPECT_FALSE(ForBranch(lib.view(), std::string_view("x")).ok());
}

TEST(KeyTest, BundleOlxAccessors) {
  Key v = *Key::Parse(
      "bundle-olx:4b33677f-7eb7-4376-8752-024ce057d7e8:15:video:video/a/definition.xml");
  EXPECT_EQ(v->bundle_version(), 15u);
  EXPECT_FALSE(v->draft_name());
  Key d = *Key::Parse("bundle-olx:4b33677f-7eb7-4376-8752-024ce057d7e8:studio_draft:html:h.xml");
  EXPECT_EQ(*d->draft_name(), "studio_draft");
  EXPECT_FALSE(d->bundle_version());
  EXPECT_EQ(*d->olx_path(), "h.xml");
  EXPECT_EQ(*d->bundle_uuid(), "4b33677f-7eb7-4376-8752-024ce057d7e8");
  // Python accepts any size of version; past 64 bits we say so instead of wrapping.
  Key huge = *Key::Parse(
      "bundle-olx:4b33677f-7eb7-4376-8752-024ce057d7e8:99999999999999999999:html:h.xml");
  EXPECT_FALSE(huge->bundle_version());
  EXPECT_FALSE(huge->draft_name());
  Key max = *Key::Parse(
      "bundle-olx:4b33677f-7eb7-4376-8752-024ce057d7e8:18446744073709551615:html:h.xml");
  EXPECT_EQ(max->bundle_version(), UINT64_MAX);
}

TEST(KeyTest, TrailingNewlineQuirkOfDollarAnchoredFields) {
  EXPECT_TRUE(Key::Parse("lib:org:slug\n").ok());
  EXPECT_EQ(Key::Parse("lib:org:slug\n")->ToString(), "lib:org:slug\n");
  EXPECT_TRUE(Key::Parse("lb:o:l:problem\n:p1").ok());
  EXPECT_FALSE(Key::Parse("lib:org:slug\n\n").ok());
  EXPECT_FALSE(Key::Parse("course-v1:o+c+r\n").ok());
}

}  // namespace
}  // namespace blockrt::keys
