// policies/RUN/policy.json: {"TYPE/URL_NAME": {field: value}} applied over the
// XML attributes after parsing (XmlMixin.apply_policy).
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_POLICY_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_POLICY_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "olx/course/course.h"
#include "olx/definition.h"
#include "olx/diagnostic.h"

namespace blockrt::olx::internal {

// Values as attribute strings: JSON strings unquoted, numbers as written,
// anything else as compact JSON.
using PolicyMap = std::unordered_map<std::string, std::vector<Attribute>>;

// Parses `text`; on invalid JSON or a non-object returns false and fills
// *error (the policy is then empty, as the reference treats it).
// Findings about single values go to *findings, at path:line:col: field
// names that cannot be XML attribute names (dropped), values whose JSON type
// is not the field's (kept), integers out of range (kept as written).
bool ParsePolicy(std::string_view path, std::string_view text, PolicyMap* out, Diagnostic* error,
                 std::vector<Diagnostic>* findings);

// An XML 1.0 Name (ASCII rules; non-ASCII bytes are accepted as name chars).
bool IsXmlName(std::string_view name);

// Sets (or replaces) each policy attribute in `attrs`, keeping them sorted;
// the views point into `policy`, which must outlive them.
void ApplyPolicy(const std::vector<Attribute>& policy, std::vector<CourseAttribute>* attrs);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_POLICY_H_
