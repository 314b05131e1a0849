// Every vector produced by running edx-opaque-keys 4.0.0 (tests/conformance/keys)
// must agree with our parser on valid, kind, canonical string and fields.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "keys/key.h"
#include "keys/key_json.h"

namespace blockrt::keys {
namespace {

std::vector<nlohmann::json> LoadJsonl(const std::string& name) {
  std::ifstream in(std::string(BLOCKRT_SOURCE_DIR) + "/tests/conformance/keys/" + name);
  std::vector<nlohmann::json> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  }
  return rows;
}

// Compares one parse against an expected {valid, kind, canonical[, fields]} record.
void ExpectAgrees(const std::string& input, const std::string& base_name,
                  const nlohmann::json& want, bool check_fields) {
  SCOPED_TRACE("input=" + nlohmann::json(input).dump() + " base=" + base_name);
  std::optional<KeyBase> base = KeyBaseFromName(base_name);
  ASSERT_TRUE(base.has_value());
  KeyView view;
  KeyError err;
  bool valid = ParseKey(input, *base, &view, &err);
  ASSERT_EQ(valid, want["valid"].get<bool>()) << "expected: " << err.expected;
  if (!valid) return;
  EXPECT_EQ(view.kind_name(), want["kind"].get<std::string>());
  std::string canonical;
  bool printable = view.AppendCanonical(&canonical);
  if (want["canonical"].is_null()) {
    EXPECT_FALSE(printable);
  } else {
    EXPECT_TRUE(printable);
    EXPECT_EQ(canonical, want["canonical"].get<std::string>());
  }
  if (check_fields) {
    EXPECT_EQ(FieldsJson(view), want["fields"]);
    EXPECT_EQ(std::string(view.canonical_namespace()), want["namespace"].get<std::string>());
    EXPECT_EQ(view.deprecated(), want["deprecated"].get<bool>());
  }
}

TEST(ConformanceTest, TestSuiteVectors) {
  auto rows = LoadJsonl("vectors.jsonl");
  ASSERT_EQ(rows.size(), 297u);
  for (const auto& row : rows) {
    ExpectAgrees(row["input"].get<std::string>(), row["base"].get<std::string>(), row, true);
  }
}

TEST(ConformanceTest, PitfallVectors) {
  auto rows = LoadJsonl("pitfalls.jsonl");
  ASSERT_EQ(rows.size(), 103u);
  for (const auto& row : rows) {
    ExpectAgrees(row["input"].get<std::string>(), row["base"].get<std::string>(), row, true);
  }
}

// Each pitfall was also run through every base class's from_string.
TEST(ConformanceTest, PitfallsUnderEveryBase) {
  int checked = 0;
  for (const auto& row : LoadJsonl("pitfalls.jsonl")) {
    for (const auto& [base, want] : row["by_base"].items()) {
      ExpectAgrees(row["input"].get<std::string>(), base, want, false);
      ++checked;
    }
  }
  EXPECT_GT(checked, 800);
}

// Canonical strings parse back to equal keys, except where the reference
// itself drops information (branch without org, i4x course keys).
TEST(ConformanceTest, CanonicalRoundTripsWhereReferenceDoes) {
  for (const auto& row : LoadJsonl("vectors.jsonl")) {
    if (!row["valid"].get<bool>() || !row.contains("roundtrip_equal") ||
        !row["roundtrip_equal"].is_boolean()) {
      continue;
    }
    std::string input = row["input"];
    KeyBase base = *KeyBaseFromName(row["base"].get<std::string>());
    auto a = Key::Parse(input, base);
    ASSERT_TRUE(a.ok()) << input;
    auto b = Key::Parse(a->ToString(), base);
    ASSERT_TRUE(b.ok()) << input;
    EXPECT_EQ(*a == *b, row["roundtrip_equal"].get<bool>()) << input;
  }
}

}  // namespace
}  // namespace blockrt::keys
