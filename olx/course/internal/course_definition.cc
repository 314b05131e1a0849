#include "olx/course/internal/course_definition.h"

#include <algorithm>

#include "olx/internal/definition_fields.h"

namespace blockrt::olx::internal {

void BuildCourseDefinition(Arena* arena, std::string_view block_type, const BlockSchema* schema,
                           const std::vector<CourseAttribute>& attrs, std::string_view markup,
                           std::string* scratch, CourseDefinition* out,
                           const std::vector<CourseAttribute>* element_attrs) {
  out->known_type = schema != nullptr;
  out->block_type = block_type;
  const BlockSchema& s = SchemaOrUnknown(schema);

  CourseAttribute* copied = arena->Allocate<CourseAttribute>(attrs.size());
  for (size_t i = 0; i < attrs.size(); ++i) {
    copied[i] = CourseAttribute{arena->Copy(attrs[i].name), arena->Copy(attrs[i].value)};
  }
  // A field shares its attribute's value bytes.
  FieldSpecs specs(s, attrs);
  size_t num_fields = specs.fields() + (s.data_kind != DataKind::kNone ? 1 : 0);
  CourseField* fields = arena->Allocate<CourseField>(num_fields);
  size_t n = 0;
  bool data_placed = s.data_kind == DataKind::kNone;
  CourseField data{"data", std::string_view(), FieldScope::kContent};
  if (s.data_kind == DataKind::kWholeElement) {
    std::vector<CourseAttribute> kept;
    for (const CourseAttribute& a : element_attrs != nullptr ? *element_attrs : attrs) {
      if (!IsSettingsAttribute(s, a.name)) kept.push_back(a);
    }
    scratch->clear();
    scratch->reserve(ElementSize(out->block_type, kept, markup));
    AppendElement(scratch, out->block_type, kept, markup);
    data.value = arena->Copy(*scratch);
  } else if (s.data_kind == DataKind::kInnerContent) {
    data.value = arena->Copy(markup);
  }
  for (size_t i = 0; i < attrs.size(); ++i) {
    if (specs[i] == nullptr) continue;
    if (!data_placed && copied[i].name > "data") {
      fields[n++] = data;
      data_placed = true;
    }
    fields[n++] = CourseField{specs[i]->name, copied[i].value, specs[i]->scope};
  }
  if (!data_placed) fields[n++] = data;
  out->attributes = ViewList<CourseAttribute>(copied, attrs.size());
  out->fields = ViewList<CourseField>(fields, n);
  out->body = s.data_kind == DataKind::kNone ? arena->Copy(markup) : std::string_view();
}

bool IsSettingsAttribute(const BlockSchema& schema, std::string_view name) {
  if (name == "data") return false;  // the content field itself, never an attribute of it
  const FieldSpec* spec = FindFieldSpec(schema, name);
  if (spec != nullptr) return spec->scope == FieldScope::kSettings;
  return !LibraryDefaultField(schema, name).empty();  // a settings value too, one layer down
}

void MergeFields(Arena* arena, const std::vector<CourseField>& extra, CourseDefinition* def) {
  std::vector<CourseField> merged(def->fields.begin(), def->fields.end());
  for (const CourseField& f : extra) {
    auto at = std::lower_bound(merged.begin(), merged.end(), f.name,
                               [](const CourseField& x, std::string_view n) { return x.name < n; });
    if (at != merged.end() && at->name == f.name) {
      *at = f;
    } else {
      merged.insert(at, f);
    }
  }
  CourseField* out = arena->Allocate<CourseField>(merged.size());
  std::copy(merged.begin(), merged.end(), out);
  def->fields = ViewList<CourseField>(out, merged.size());
}

}  // namespace blockrt::olx::internal
