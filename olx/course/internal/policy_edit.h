// In-place edits of policies/RUN/policy.json ({"TYPE/URL_NAME": {field:
// value}}): where each entry and field is written, so a value can be
// replaced or a member removed without reformatting the rest of the file.
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_POLICY_EDIT_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_POLICY_EDIT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "olx/course/internal/xml_edit.h"

namespace blockrt::olx::internal {

// One "key": value member of a JSON object, by byte offsets.
struct JsonMember {
  std::string key;  // decoded
  size_t lead = 0;  // just past the '{' or ',' before the member
  size_t value_begin = 0, value_end = 0;
  size_t comma = std::string_view::npos;  // the ',' after the value; npos when last
};

struct PolicyEntry {
  JsonMember member;               // "TYPE/URL_NAME": {...}
  bool object = false;             // the value is an object (else the loader skips it)
  std::vector<JsonMember> fields;  // its members, when an object
};

// The policy's entries in file order (duplicate keys kept: the last one is
// the one the loader reads, as is the last duplicate field). False when
// `text` is not valid JSON or not an object: the loader then ignores it.
bool ScanPolicy(std::string_view text, std::vector<PolicyEntry>* out);

// Removes members[i] for every removed[i] from their object (all members of
// one object, in order), commas and the whitespace before each included, so
// the rest keeps its layout.
void RemoveMembers(const std::vector<JsonMember>& members, const std::vector<bool>& removed,
                   TextEdits* edits);

// How a field's value is written in policy.json: as a JSON string, as the
// JSON value it spells (typed fields: booleans, numbers, lists, dicts), or
// (fields of unknown type) like the value it replaces.
enum class PolicyValueKind { kString, kJson, kLikeOld };

// The JSON text that makes the loader read attribute string `value` where
// `old_json` was. kJson writes `value` itself when it is JSON other than a
// string (kLikeOld: when the old value was not a string either), else a
// JSON string. `value` must be valid UTF-8.
std::string PolicyValueText(std::string_view value, std::string_view old_json,
                            PolicyValueKind kind);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_POLICY_EDIT_H_
