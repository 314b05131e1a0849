#include "olx/course/field_resolution.h"

#include <algorithm>

#include "olx/internal/definition_fields.h"

namespace blockrt::olx {
namespace {

bool Has(const std::vector<ResolvedField>& out, std::string_view name) {
  for (const ResolvedField& f : out) {
    if (f.name == name) return true;
  }
  return false;  // a block resolves a few dozen fields at most: a scan beats a set
}

}  // namespace

std::string_view FieldSourceName(FieldSource source) {
  switch (source) {
    case FieldSource::kOverride:
      return "override";
    case FieldSource::kInherited:
      return "inherited";
    case FieldSource::kLibraryDefault:
      return "library_default";
    case FieldSource::kClassDefault:
      return "class_default";
  }
  return "class_default";
}

void ResolveFields(const Course& course, uint32_t index, std::vector<ResolvedField>* out) {
  out->clear();
  if (index >= course.blocks.size()) return;
  const CourseBlock& block = course.blocks[index];
  const CourseDefinition& def = block.definition;
  // 1. Explicit values: the attributes that are fields, after the policy merge.
  for (const CourseField& f : def.fields) {
    out->push_back(ResolvedField{f.name, f.value, f.scope, FieldSource::kOverride});
  }
  // 2. Inheritable settings from the nearest ancestor that sets them
  // explicitly (is_set_on: an ancestor's own library defaults do not count).
  const size_t own = out->size();
  // Parents precede their children in `blocks`; requiring it bounds the walk
  // even for a Course built by hand with a cycle.
  uint32_t below = index;
  for (int32_t p = block.parent; p >= 0 && static_cast<uint32_t>(p) < below;
       p = course.blocks[below].parent) {
    below = static_cast<uint32_t>(p);
    for (const CourseField& f : course.blocks[below].definition.fields) {
      if (f.scope != FieldScope::kSettings || !IsInheritable(f.name) || Has(*out, f.name)) {
        continue;
      }
      out->push_back(ResolvedField{f.name, f.value, f.scope, FieldSource::kInherited});
    }
  }
  // 3. Library defaults, under both: the seed's "default vs inheritance" rule.
  const BlockSchema& schema = internal::SchemaOrUnknown(FindBlockSchema(def.block_type));
  for (const CourseAttribute& a : def.attributes) {
    std::string_view field = LibraryDefaultField(schema, a.name);
    if (field.empty() || Has(*out, field)) continue;
    out->push_back(
        ResolvedField{field, a.value, FieldScope::kSettings, FieldSource::kLibraryDefault});
  }
  // Own fields are sorted already; merge in the rest.
  auto by_name = [](const ResolvedField& x, const ResolvedField& y) { return x.name < y.name; };
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(own), out->end(), by_name);
  std::inplace_merge(out->begin(), out->begin() + static_cast<std::ptrdiff_t>(own), out->end(),
                     by_name);
}

std::vector<ResolvedField> ResolveFields(const Course& course, uint32_t index) {
  std::vector<ResolvedField> out;
  ResolveFields(course, index, &out);
  return out;
}

const ResolvedField* FindResolvedField(const std::vector<ResolvedField>& fields,
                                       std::string_view name) {
  auto it = std::lower_bound(fields.begin(), fields.end(), name,
                             [](const ResolvedField& f, std::string_view n) { return f.name < n; });
  return it != fields.end() && it->name == name ? &*it : nullptr;
}

}  // namespace blockrt::olx
