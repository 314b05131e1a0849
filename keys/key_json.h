// JSON descriptions of keys in the shape of the conformance vectors
// (tests/conformance/keys): kind, namespace, deprecated, canonical, fields.
#ifndef BLOCKRT_KEYS_KEY_JSON_H_
#define BLOCKRT_KEYS_KEY_JSON_H_

#include <nlohmann/json.hpp>

#include "keys/key.h"

namespace blockrt::keys {

// The "fields" member: KEY_FIELDS by their reference names; nested keys
// (course_key, lib_key, usage_key...) are described recursively; None is null.
nlohmann::json FieldsJson(const KeyView& key);

// {"kind", "namespace", "deprecated", "canonical", "fields"} plus
// "canonical_error" when the reference cannot print the key.
nlohmann::json DescribeJson(const KeyView& key);

}  // namespace blockrt::keys

#endif  // BLOCKRT_KEYS_KEY_JSON_H_
