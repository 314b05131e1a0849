// Field resolution for course blocks: the settings a block's runtime sees,
// highest first: its own explicit value (OLX attribute or policy.json:
// "override"), for inheritable fields the nearest ancestor that sets it
// explicitly ("inherited"), its library default from a default-FIELD
// attribute ("library_default"), else the class default ("class_default",
// filled by the runtime). A parent's explicit value beats a child's library
// default, also for direct children of library_content (the seed's rule;
// edx-platform's split modulestore prefers the library default there).
#ifndef BLOCKRT_OLX_COURSE_FIELD_RESOLUTION_H_
#define BLOCKRT_OLX_COURSE_FIELD_RESOLUTION_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "olx/course/course.h"
#include "olx/schema.h"

namespace blockrt::olx {

enum class FieldSource : uint8_t { kOverride, kInherited, kLibraryDefault, kClassDefault };
// "override", "inherited", "library_default", "class_default".
std::string_view FieldSourceName(FieldSource source);

// Views into the Course (and the static schema): valid while it lives.
struct ResolvedField {
  std::string_view name, value;
  FieldScope scope = FieldScope::kSettings;
  FieldSource source = FieldSource::kOverride;
};

// Every field of course.blocks[index] with a known value, sorted by name,
// each once: its own fields (content ones like problem `data` included),
// inherited settings and library defaults. A field not listed takes its class
// default. Draft roots and extra-content blocks have no parent here, so they
// inherit nothing. Empty for an index out of range. Walks the ancestors; no
// string is copied.
std::vector<ResolvedField> ResolveFields(const Course& course, uint32_t index);
// The same into *out (cleared; its capacity is reused).
void ResolveFields(const Course& course, uint32_t index, std::vector<ResolvedField>* out);

// The field `name` in a ResolveFields result; nullptr when it takes its class
// default.
const ResolvedField* FindResolvedField(const std::vector<ResolvedField>& fields,
                                       std::string_view name);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_COURSE_FIELD_RESOLUTION_H_
