// DERIVE_ID against tests/conformance/derive/derive_vectors.json (values from
// Python hashlib and opaque-keys, edx-runtime-semantics.md section 5), plus the
// bytes-repr quirks and the keys that cannot be derived.
#include "keys/derive.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "keys/internal/py_repr.h"

namespace blockrt::keys {
namespace {

const nlohmann::json& Vectors() {
  static const nlohmann::json j = [] {
    std::ifstream in(std::string(BLOCKRT_SOURCE_DIR) +
                     "/tests/conformance/derive/derive_vectors.json");
    return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  }();
  return j;
}

KeyView View(const std::string& text) {
  Result<KeyView> k = ParseKeyView(text);
  EXPECT_TRUE(k.ok()) << text << ": " << k.status().ToString();
  return k.ok() ? *k : KeyView();
}

std::string Derived(const std::string& source, const std::string& parent) {
  Result<Key> k = DeriveUsageKey(source, parent);
  EXPECT_TRUE(k.ok()) << source << " under " << parent << ": " << k.status().ToString();
  return k.ok() ? k->ToString() : "";
}

std::string ParentId(const std::string& parent) { return std::string(*View(parent).block_id()); }

TEST(DeriveTest, EveryConformanceVector) {
  const nlohmann::json& v = Vectors();
  ASSERT_TRUE(v.is_object()) << "derive_vectors.json missing or malformed";
  ASSERT_GE(v["vectors"].size(), 10u);
  for (const auto& row : v["vectors"]) {
    const std::string parent = row["parent_usage_key"];
    SCOPED_TRACE(row["source_usage_key"].get<std::string>());
    for (const char* field : {"source_usage_key", "equivalent_v1_source_usage_key"}) {
      const std::string source = row[field];
      std::string text = source, parent_text = parent;  // views need the text alive
      Result<std::string> unique = DeriveUniqueData(View(text), ParentId(parent_text));
      ASSERT_TRUE(unique.ok()) << unique.status().ToString();
      EXPECT_EQ(*unique, row["unique_data"].get<std::string>()) << field;
      Result<std::string> id = DeriveBlockId(View(text), ParentId(parent_text));
      ASSERT_TRUE(id.ok());
      EXPECT_EQ(*id, row["derived_block_id"].get<std::string>()) << field;
      EXPECT_EQ(Derived(source, parent), row["derived_usage_key"].get<std::string>()) << field;
    }
  }
}

TEST(DeriveTest, DuplicateMappingDerivesUnderTheNewParent) {
  const nlohmann::json& v = Vectors();
  ASSERT_TRUE(v.is_object());
  const std::string lcb = "block-v1:O+C+R+type@library_content+block@";
  for (const auto& row : v["duplicate_mapping_myLCB_to_dupeLCB"]) {
    const std::string source = row["library_block"];
    EXPECT_EQ(Derived(source, lcb + "myLCB"), "block-v1:O+C+R+type@problem+block@" +
                                                  row["source_child (myLCB)"].get<std::string>());
    EXPECT_EQ(Derived(source, lcb + "dupeLCB"), "block-v1:O+C+R+type@problem+block@" +
                                                    row["dest_child (dupeLCB)"].get<std::string>());
  }
}

TEST(DeriveTest, GrandchildDerivesFromItsDerivedParent) {
  const nlohmann::json& g = Vectors()["grandchild_example"];
  ASSERT_TRUE(g.is_object());
  const std::string vert = "lb:O:L:vertical:libVert", prob = "lb:O:L:problem:libBlockW";
  const std::string lcb = "block-v1:O+C+R+type@library_content+block@myLCB";
  const std::string vert_id = g["vertical"]["derived_block_id"];
  EXPECT_EQ(Derived(vert, lcb), "block-v1:O+C+R+type@vertical+block@" + vert_id);
  Result<Key> child = DeriveDescendantUsageKey({View(vert), View(prob)}, View(lcb));
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  EXPECT_EQ(child->ToString(),
            "block-v1:O+C+R+type@problem+block@" +
                g["problem_under_vertical"]["derived_block_id"].get<std::string>());
  // The same as deriving the child under the vertical's derived key by hand.
  EXPECT_EQ(child->ToString(), Derived(prob, "block-v1:O+C+R+type@vertical+block@" + vert_id));
  Result<std::string> unique = DeriveUniqueData(View(prob), vert_id);
  ASSERT_TRUE(unique.ok());
  EXPECT_EQ(*unique, g["problem_under_vertical"]["unique_data"].get<std::string>());
  EXPECT_FALSE(DeriveDescendantUsageKey({}, View(lcb)).ok());
}

TEST(DeriveTest, NonAsciiContextIsWrittenAsBytesRepr) {
  const nlohmann::json& n = Vectors()["non_ascii_context_example"];
  ASSERT_TRUE(n.is_object());
  const std::string source = n["source_usage_key"];
  Result<std::string> unique = DeriveUniqueData(View(source), "myLCB");
  ASSERT_TRUE(unique.ok()) << unique.status().ToString();
  EXPECT_EQ(*unique, n["unique_data"].get<std::string>());
  EXPECT_EQ(Derived(source, "block-v1:O+C+R+type@library_content+block@myLCB"),
            "block-v1:O+C+R+type@problem+block@" + n["derived_block_id"].get<std::string>());
  // Block ids are inserted raw (UTF-8), not escaped: sha1 of
  // "b'library-v1:O+L+branch@library':\xc3\xa9:myLCB".encode('utf-8').
  std::string id_source = "lb:O:L:problem:\xc3\xa9";
  Result<std::string> raw = DeriveUniqueData(View(id_source), "myLCB");
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(*raw, "b'library-v1:O+L+branch@library':\xc3\xa9:myLCB");
}

TEST(DeriveTest, V1SourcesKeepTheirBranchAndDropTheirVersion) {
  const nlohmann::json& v = Vectors();
  ASSERT_TRUE(v.is_object());
  const std::string lcb = "block-v1:O+C+R+type@library_content+block@myLCB";
  const std::string w = v["vectors"][0]["derived_usage_key"];
  // version@ is dropped, branch@library kept: same id as the lb: source.
  EXPECT_EQ(Derived("lib-block-v1:O+L+branch@library+version@519665f6223ebd6980884f2b"
                    "+type@problem+block@libBlockW",
                    lcb),
            w);
  // A branch-less source is hashed as it is (derive_key itself allows it).
  EXPECT_EQ(Derived("lib-block-v1:O+L+type@problem+block@libBlockW", lcb),
            "block-v1:O+C+R+type@problem+block@" +
                v["contrast_without_branch_example"]["derived_block_id"].get<std::string>());
  // The naive v2 context (lib:O:L) is not what edx-platform hashes.
  EXPECT_NE(Derived("lb:O:L:problem:libBlockW", lcb),
            "block-v1:O+C+R+type@problem+block@" +
                v["contrast_naive_v2_context_example"]["derived_block_id"].get<std::string>());
  // Course sources follow the same rule: course-v1:O+C+R+branch@draft, no version.
  Result<std::string> course = DeriveUniqueData(
      View("block-v1:O+C+R+branch@draft+version@519665f6223ebd6980884f2b+type@html+block@h"), "p");
  ASSERT_TRUE(course.ok()) << course.status().ToString();
  EXPECT_EQ(*course, "b'course-v1:O+C+R+branch@draft':h:p");
}

TEST(DeriveTest, ResultLivesInTheParentsContext) {
  // A v2 library parent: lb: keys; a v1 library parent: lib-block-v1: keys.
  EXPECT_EQ(Derived("lb:O:L:problem:libBlockW", "lb:X:Y:vertical:myLCB"),
            "lb:X:Y:problem:dd75dd6456dc1dda1959");
  EXPECT_EQ(Derived("lb:O:L:problem:libBlockW",
                    "lib-block-v1:X+Y+branch@library+type@library_content+block@myLCB"),
            "lib-block-v1:X+Y+branch@library+type@problem+block@dd75dd6456dc1dda1959");
}

// Real data: openedx-demo-course's library_content block 34a4d5e7... lists
// its six children by derived id, in the library's order; its README imports
// the library as demo/ContentLibrary, and the ids are those of
// demo-content-library/library/library.xml.
TEST(DeriveTest, TheDemoCoursesLibraryContentChildren) {
  const std::string lcb =
      "block-v1:OpenedX+DemoX+DemoCourse+type@library_content+block@"
      "34a4d5e71d974c029cbde1956bd7c820";
  const std::pair<const char*, const char*> children[] = {
      {"dd88975768314dcd91363359d38371a8", "0895f1b6c0b329e50b90"},
      {"4e98cc7d3ed6413b9afbdf64e4a1b682", "fa55e7ce7a529c3aadf2"},
      {"19c4d31df12b423c8944cf66ed8aa11d", "73ccaa75b5b6036b48fd"},
      {"6b74196a21a245ceb52873f50fb4c1b4", "8a4f31060c1f666f9d75"},
      {"b7597ae2c50d49e69dd0379465edbdd0", "c4f36f420bea1c8fb6a8"},
      {"5cd09d2566e8409b8ddcb57b0ff2361f", "861cd64b013d1addc68f"},
  };
  for (const auto& [library_id, course_id] : children) {
    const std::string want =
        std::string("block-v1:OpenedX+DemoX+DemoCourse+type@problem+block@") + course_id;
    EXPECT_EQ(Derived(std::string("lib-block-v1:demo+ContentLibrary+branch@library+type@problem+"
                                  "block@") +
                          library_id,
                      lcb),
              want);
    // The same library as a v2 one hashes the same (tasks.py's mapping).
    EXPECT_EQ(Derived(std::string("lb:demo:ContentLibrary:problem:") + library_id, lcb), want);
  }
}

struct UniqueCase {
  std::string source, unique;  // unique data under parent id "p", from Python
};

TEST(DeriveTest, UniqueDataOfEachSourceShape) {
  // "{}:{}:{}".format(str(ctx.encode('utf-8')), id, 'p') in Python 3.
  const UniqueCase cases[] = {
      {"lb:Org_7:lib.1-a:html:quiz_12", "b'library-v1:Org_7+lib.1-a+branch@library':quiz_12:p"},
      {"lb:O:L\xc3\xa9:problem:x", "b'library-v1:O+L\\xc3\\xa9+branch@library':x:p"},
      {"lib-block-v1:O+L+type@problem+block@x", "b'library-v1:O+L':x:p"},
      {"lib-block-v1:O+L+version@519665f6223ebd6980884f2b+type@problem+block@x",
       "b'library-v1:O+L':x:p"},
      {"block-v1:O+C+R+type@html+block@h", "b'course-v1:O+C+R':h:p"},
      {"block-v1:O\xc3\xa9+C+R+branch@b+type@html+block@h",
       "b'course-v1:O\\xc3\\xa9+C+R+branch@b':h:p"},
      // Past the common path's 512-byte buffer: the general path, same rule.
      {"lb:O:L:problem:" + std::string(600, 'a'),
       "b'library-v1:O+L+branch@library':" + std::string(600, 'a') + ":p"},
  };
  for (const UniqueCase& c : cases) {
    Result<std::string> unique = DeriveUniqueData(View(c.source), "p");
    ASSERT_TRUE(unique.ok()) << c.source << ": " << unique.status().ToString();
    EXPECT_EQ(*unique, c.unique) << c.source;
  }
}

TEST(DeriveTest, AppendDerivedUsageKeyMatchesDeriveUsageKey) {
  // AppendDerivedUsageKey copies a canonical parent's text instead of
  // re-printing its context; every source shape under every parent shape must
  // give DeriveUsageKey's key (or its refusal, *out left as it was).
  const std::string v = "+version@519665f6223ebd6980884f2b";
  const std::string sources[] = {
      "lb:O:L:problem:libBlockW",
      "lb:Org_7:lib.1-a:html:quiz_12",
      "lb:O:L\xc3\xa9:problem:x",
      "lb:O:L:problem:\xc3\xa9",
      "lb:O:L\n:problem:x",
      "lb:O:L:problem:" + std::string(600, 'a'),
      "lib-block-v1:O+L+type@problem+block@x",
      "lib-block-v1:O+L+branch@library+type@problem+block@x",
      "lib-block-v1:O+L+branch@library" + v + "+type@problem+block@x",
      "lib-block-v1:O+L" + v + "+type@problem+block@x",
      "lib-block-v1:version@519665f6223ebd6980884f2b+type@problem+block@x",
      "block-v1:O+C+R+type@html+block@h",
      "block-v1:O+C+R+branch@draft" + v + "+type@html+block@h",
      "block-v1:O\xc3\xa9+C+R+type@html+block@h",
      "block-v1:O+C+R+type@probl\xc3\xa9m+block@h",  // types no lb: key admits
      "block-v1:O+C+R+type@a~b+block@h",
      "i4x://O/C/problem/x",
      "course-v1:O+C+R",
  };
  const std::string parents[] = {
      "block-v1:O+C+R+type@library_content+block@myLCB",
      "block-v1:O+C+R+branch@b" + v + "+type@library_content+block@p",
      "block-v1:version@519665f6223ebd6980884f2b+type@library_content+block@p",
      "block-v1:O\xc3\xa9+C+R+type@library_content+block@p",
      "lib-block-v1:X+Y+branch@library+type@library_content+block@p",
      "lib-block-v1:X+Y+type@library_content+block@p",
      "lb:X:Y:vertical:p",
      "i4x://O/C/library_content/p",
      "lib:O:L",
  };
  int derived = 0;
  for (const std::string& source : sources) {
    for (const std::string& parent : parents) {
      SCOPED_TRACE(source + " under " + parent);
      Result<KeyView> s = ParseKeyView(source), p = ParseKeyView(parent);
      ASSERT_TRUE(s.ok() && p.ok());
      Result<Key> want = DeriveUsageKey(*s, *p);
      std::string out = "x";
      Status st = AppendDerivedUsageKey(*s, *p, &out);
      ASSERT_EQ(st.ok(), want.ok()) << st.ToString();
      if (want.ok()) {
        EXPECT_EQ(out, "x" + want->ToString());
        ++derived;
      } else {
        EXPECT_EQ(st.message(), want.status().message());
        EXPECT_EQ(out, "x");
      }
    }
  }
  EXPECT_GE(derived, 60);  // most pairs derive: the comparison is not vacuous
}

struct ReprCase {
  std::string bytes, repr;  // repr as Python 3 prints it
};

TEST(DeriveTest, PythonBytesRepr) {
  const ReprCase cases[] = {
      {"abc", "b'abc'"},
      {"", "b''"},
      {"a'b", "b\"a'b\""},        // ' and no ": double quotes
      {"a'b\"c", "b'a\\'b\"c'"},  // both: single quotes, ' escaped
      {"a\"b", "b'a\"b'"},        // " alone is not escaped
      {"\\", "b'\\\\'"},
      {"\t\n\r", "b'\\t\\n\\r'"},
      {std::string("\x00\x1f\x7f\xff", 4), "b'\\x00\\x1f\\x7f\\xff'"},
      {"\xc3\xa9", "b'\\xc3\\xa9'"},  // lowercase hex
      {" ~", "b' ~'"},
  };
  for (const ReprCase& c : cases) {
    std::string out;
    internal::AppendPythonBytesRepr(&out, c.bytes);
    EXPECT_EQ(out, c.repr);
  }
}

struct ErrorCase {
  std::string source, parent;
  std::string message;  // the whole Status message
};

TEST(DeriveTest, RefusesWhatDeriveKeyCannotHash) {
  const std::string lcb = "block-v1:O+C+R+type@library_content+block@myLCB";
  const std::string lb = "lb:O:L:problem:x";
  const ErrorCase cases[] = {
      {"not a key", lcb,
       "source: invalid key 'not a key' at position 9: expected NAMESPACE:... (no ':')"},
      {lb, "block-v1:O+C", "parent: invalid key 'block-v1:O+C' at position 12: expected "},
      {"course-v1:O+C+R", lcb, "source 'course-v1:O+C+R' is a CourseLocator, not a usage key"},
      {lb, "lib:O:L", "parent 'lib:O:L' is a LibraryLocatorV2, not a usage key"},
      {"asset-v1:O+C+R+type@asset+block@a.png", lcb,
       "source 'asset-v1:O+C+R+type@asset+block@a.png' is a AssetLocator, not a usage key"},
      {"aside-usage-v1:block-v1:org+course+run+type@t+block@b::aside", lcb,
       "source 'aside-usage-v1:block-v1:org+course+run+type@t+block@b::aside' is an aside usage "
       "key: asides are not copied blocks"},
      {lb, "aside-usage-v1:block-v1:org+course+run+type@t+block@b::aside",
       "parent 'aside-usage-v1:block-v1:org+course+run+type@t+block@b::aside' is an aside usage "
       "key: asides are not copied blocks"},
      {"i4x://O/C/problem/x", lcb,
       "source 'i4x://O/C/problem/x' is a deprecated key: it has no for_version form to hash"},
      {"lib-block-v1:version@519665f6223ebd6980884f2b+type@problem+block@x", lcb,
       "source 'lib-block-v1:version@519665f6223ebd6980884f2b+type@problem+block@x' names its "
       "context by version@ only: without the version there is no context left to hash"},
      // v2 slugs may end in '\n' (their regex ends in `$`); LibraryLocatorV1 refuses it.
      {"lb:O:L\n:problem:x", lcb,
       "source 'lb:O:L\n:problem:x' maps to the v1 library key 'library-v1:O+L\n+branch@library', "
       "invalid at position 14: expected "},
  };
  for (const ErrorCase& c : cases) {
    Result<Key> k = DeriveUsageKey(c.source, c.parent);
    ASSERT_FALSE(k.ok()) << c.source << " under " << c.parent << " gave " << k->ToString();
    EXPECT_EQ(k.status().code(), Status::Code::kInvalidArgument);
    // Messages ending in "expected " are checked up to there (the parser's wording follows).
    if (c.message.size() >= 9 && c.message.compare(c.message.size() - 9, 9, "expected ") == 0) {
      EXPECT_EQ(k.status().message().substr(0, c.message.size()), c.message);
    } else {
      EXPECT_EQ(k.status().message(), c.message);
    }
  }
}

}  // namespace
}  // namespace blockrt::keys
