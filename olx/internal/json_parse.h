// The nesting limit for every JSON value olx parses from content (policy.json,
// grading_policy.json, SLUG.FIELD.json, the tabs policy). nlohmann's dump, its
// iteration helpers and our own walks recurse per level, so a 200k-deep
// "[[[...]]]" would exhaust the stack; this pre-scan refuses it first, in one
// pass and without recursion.
#ifndef BLOCKRT_OLX_INTERNAL_JSON_PARSE_H_
#define BLOCKRT_OLX_INTERNAL_JSON_PARSE_H_

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/json_depth.h"

namespace blockrt::olx::internal {

// The depth rule has one home, base/json_depth.h.
using ::blockrt::FindJsonTooDeep;
using ::blockrt::kMaxJsonDepth;

struct JsonFailure {
  size_t offset = 0;
  bool located = false;  // offset is meaningful
  std::string message;
};

// The one way olx parses JSON from content: the depth pre-scan, then
// nlohmann with every exception caught (parse errors and number overflow).
// Json is nlohmann::json or nlohmann::ordered_json.
template <typename Json>
bool ParseJsonText(std::string_view text, Json* out, JsonFailure* failure) {
  size_t deep = FindJsonTooDeep(text);
  if (deep != std::string_view::npos) {
    *failure = JsonFailure{deep, true,
                           "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"};
    return false;
  }
  try {
    *out = Json::parse(text.begin(), text.end());
    return true;
  } catch (const typename Json::parse_error& e) {
    *failure = JsonFailure{e.byte > 0 ? static_cast<size_t>(e.byte - 1) : 0, true, e.what()};
  } catch (const typename Json::exception& e) {
    *failure = JsonFailure{0, false, e.what()};
  }
  return false;
}

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_INTERNAL_JSON_PARSE_H_
