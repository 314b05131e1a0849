// Field tables distilled from edx-platform's block classes (see
// ../shared/reference/edx-runtime-semantics.md §6.5 and §7). Only fields that
// appear in OLX are listed; user-state fields never live there.
#include "olx/schema.h"

#include <algorithm>
#include <functional>
#include <iterator>

namespace blockrt::olx {
namespace {

constexpr FieldScope kC = FieldScope::kContent;
constexpr FieldScope kS = FieldScope::kSettings;

// InheritableFieldsMixin, in the reference's table order (edxnotes_visibility is
// user_info scoped and never in OLX, so it is omitted).
constexpr FieldSpec kInheritable[] = {
    {"graded", kS, "false", true, FieldType::kBoolean},
    {"start", kS, "\"2030-01-01T00:00:00+00:00\"", true, FieldType::kDate},
    {"due", kS, "null", true, FieldType::kDate},
    {"relative_weeks_due", kS, "null", true, FieldType::kInteger},
    {"visible_to_staff_only", kS, "false", true, FieldType::kBoolean},
    {"course_edit_method", kS, "\"Studio\"", true, FieldType::kString},
    {"giturl", kS, "null", true, FieldType::kString},
    {"xqa_key", kS, "null", true, FieldType::kString},
    {"graceperiod", kS, "null", true, FieldType::kString},
    {"group_access", kS, "{}", true, FieldType::kDict},
    {"showanswer", kS, "\"finished\"", true, FieldType::kString},
    {"show_correctness", kS, "\"always\"", true, FieldType::kString},
    {"rerandomize", kS, "\"never\"", true, FieldType::kString},
    {"days_early_for_beta", kS, "null", true, FieldType::kFloat},
    {"static_asset_path", kS, "\"\"", true, FieldType::kString},
    {"use_latex_compiler", kS, "false", true, FieldType::kBoolean},
    {"max_attempts", kS, "null", true, FieldType::kInteger},
    {"matlab_api_key", kS, "null", true, FieldType::kString},
    {"user_partitions", kS, "[]", true, FieldType::kList},
    {"video_speed_optimizations", kS, "true", true, FieldType::kBoolean},
    {"video_auto_advance", kS, "false", true, FieldType::kBoolean},
    {"video_bumper", kS, "{}", true, FieldType::kDict},
    {"show_reset_button", kS, "false", true, FieldType::kBoolean},
    {"edxnotes", kS, "false", true, FieldType::kBoolean},
    {"in_entrance_exam", kS, "false", true, FieldType::kBoolean},
    {"self_paced", kS, "false", true, FieldType::kBoolean},
    {"hide_from_toc", kS, "false", true, FieldType::kBoolean},
};

// Fields every block has. display_name's default is per type (BlockSchema).
constexpr FieldSpec kCommon[] = {
    {"display_name", kS, "null", false, FieldType::kString},
};

constexpr FieldSpec kProblem[] = {
    {"attempts_before_showanswer_button", kS, "0", false, FieldType::kInteger},
    {"data", kC, "\"<problem></problem>\"", false},
    {"force_save_button", kS, "false", false, FieldType::kBoolean},
    {"markdown", kS, "null", false, FieldType::kString},
    // ProblemBlock redeclares it, yet it still inherits: InheritingFieldData
    // goes by the InheritableFieldsMixin names, not by the class's field.
    {"show_reset_button", kS, "false", true, FieldType::kBoolean},
    {"source_code", kS, "null", false, FieldType::kString},
    {"submission_wait_seconds", kS, "0", false, FieldType::kInteger},
    {"weight", kS, "null", false, FieldType::kFloat},
};
constexpr FieldSpec kHtml[] = {
    {"data", kC, "\"\"", false},
    {"editor", kS, "\"visual\"", false, FieldType::kString},
};
constexpr FieldSpec kVideo[] = {
    {"download_track", kS, "false", false, FieldType::kBoolean},
    {"download_video", kS, "false", false, FieldType::kBoolean},
    {"edx_video_id", kS, "\"\"", false, FieldType::kString},
    {"end_time", kS, "\"00:00:00\"", false, FieldType::kString},
    {"handout", kS, "null", false, FieldType::kString},
    {"html5_sources", kS, "[]", false, FieldType::kList},
    {"show_captions", kS, "true", false, FieldType::kBoolean},
    {"source", kS, "\"\"", false, FieldType::kString},
    {"start_time", kS, "\"00:00:00\"", false, FieldType::kString},
    {"sub", kS, "\"\"", false, FieldType::kString},
    {"track", kS, "\"\"", false, FieldType::kString},
    {"transcripts", kS, "{}", false, FieldType::kDict},
    {"youtube_id_0_75", kS, "\"\"", false, FieldType::kString},
    {"youtube_id_1_0", kS, "\"3_yD_cEKoCk\"", false, FieldType::kString},
    {"youtube_id_1_25", kS, "\"\"", false, FieldType::kString},
    {"youtube_id_1_5", kS, "\"\"", false, FieldType::kString},
};
constexpr FieldSpec kCourse[] = {
    {"advanced_modules", kS, "[]", false, FieldType::kList},
    {"advertised_start", kS, "null", false, FieldType::kString},
    {"cert_html_view_enabled", kS, "true", false, FieldType::kBoolean},
    {"course_image", kS, "\"images_course_image.jpg\"", false, FieldType::kString},
    {"discussion_topics", kS, "{}", false, FieldType::kDict},
    {"enrollment_end", kS, "null", false, FieldType::kDate},
    {"enrollment_start", kS, "null", false, FieldType::kDate},
    {"end", kS, "null", false, FieldType::kDate},
    {"language", kS, "null", false, FieldType::kString},
    {"pdf_textbooks", kS, "[]", false, FieldType::kList},
    {"tabs", kS, "[]", false, FieldType::kList},
    {"wiki_slug", kS, "null", false, FieldType::kString},
};
constexpr FieldSpec kSequential[] = {
    {"format", kS, "null", false, FieldType::kString},
    {"is_entrance_exam", kS, "false", false, FieldType::kBoolean},
    {"is_practice_exam", kS, "false", false, FieldType::kBoolean},
    {"is_time_limited", kS, "false", false, FieldType::kBoolean},
    {"default_time_limit_minutes", kS, "null", false, FieldType::kInteger},
};
constexpr FieldSpec kLibraryContent[] = {
    {"capa_type", kS, "\"any\"", false, FieldType::kString},
    {"max_count", kS, "1", false, FieldType::kInteger},
    {"mode", kS, "\"random\"", false, FieldType::kString},
    {"source_library_id", kS, "null", false, FieldType::kString},
    {"source_library_version", kS, "null", false, FieldType::kString},
};
constexpr FieldSpec kSplitTest[] = {
    {"group_id_to_child", kC, "{}", false, FieldType::kDict},
    {"user_partition_id", kC, "-1", false, FieldType::kInteger},
};
constexpr FieldSpec kConditional[] = {
    {"conditional_attr", kC, "\"\"", false},
    {"conditional_message", kC, "\"\"", false},
    {"conditional_value", kC, "\"\"", false},
    {"show_tag_list", kC, "[]", false},
    {"sources", kC, "[]", false},
};
constexpr FieldSpec kDiscussion[] = {
    {"discussion_category", kS, "\"Week 1\"", false, FieldType::kString},
    {"discussion_id", kS, "null", false, FieldType::kString},
    {"discussion_target", kS, "\"Topic-Level Student-Visible Label\"", false, FieldType::kString},
    {"sort_key", kS, "null", false, FieldType::kString},
};
constexpr FieldSpec kLibrary[] = {
    {"library", kS, "null", false},
    {"org", kS, "null", false},
};
constexpr FieldSpec kDataOnly[] = {
    {"data", kC, "\"\"", false},
};

#define BLOCKRT_FIELDS(t) t, sizeof(t) / sizeof(t[0])
// Sorted by block_type for binary search.
constexpr BlockSchema kSchemas[] = {
    {"about", false, DataKind::kInnerContent, "overview", BLOCKRT_FIELDS(kDataOnly)},
    {"annotatable", false, DataKind::kWholeElement, "Annotation", BLOCKRT_FIELDS(kDataOnly)},
    {"chapter", true, DataKind::kNone, "Section", nullptr, 0},
    {"conditional", true, DataKind::kNone, "Conditional", BLOCKRT_FIELDS(kConditional)},
    {"course", true, DataKind::kNone, "Empty", BLOCKRT_FIELDS(kCourse)},
    {"course_info", false, DataKind::kInnerContent, "", BLOCKRT_FIELDS(kDataOnly)},
    {"discussion", false, DataKind::kNone, "Discussion", BLOCKRT_FIELDS(kDiscussion)},
    {"html", false, DataKind::kInnerContent, "Text", BLOCKRT_FIELDS(kHtml)},
    {"library", true, DataKind::kNone, "Library", BLOCKRT_FIELDS(kLibrary)},
    {"library_content", true, DataKind::kNone, "Randomized Content Block",
     BLOCKRT_FIELDS(kLibraryContent)},
    {"lti", false, DataKind::kNone, "LTI", nullptr, 0},
    {"poll_question", false, DataKind::kNone, "Poll", nullptr, 0},
    {"problem", false, DataKind::kWholeElement, "Blank Problem", BLOCKRT_FIELDS(kProblem)},
    {"sequential", true, DataKind::kNone, "Subsection", BLOCKRT_FIELDS(kSequential)},
    {"split_test", true, DataKind::kNone, "Content Experiment", BLOCKRT_FIELDS(kSplitTest)},
    {"static_tab", false, DataKind::kInnerContent, "Empty", BLOCKRT_FIELDS(kDataOnly)},
    {"unit", true, DataKind::kNone, "Unit", nullptr, 0},
    {"vertical", true, DataKind::kNone, "Unit", nullptr, 0},
    {"video", false, DataKind::kNone, "Video", BLOCKRT_FIELDS(kVideo)},
    {"videosequence", true, DataKind::kNone, "", nullptr, 0},
    {"word_cloud", false, DataKind::kNone, "Word cloud", nullptr, 0},
};
#undef BLOCKRT_FIELDS

const FieldSpec* FindIn(const FieldSpec* fields, size_t n, std::string_view name) {
  for (size_t i = 0; i < n; ++i) {
    if (fields[i].name == name) return &fields[i];
  }
  return nullptr;
}

}  // namespace

std::string_view FieldScopeName(FieldScope scope) {
  return scope == FieldScope::kContent ? "content" : "settings";
}

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kString:
      return "a string";
    case FieldType::kBoolean:
      return "a boolean";
    case FieldType::kInteger:
      return "an integer";
    case FieldType::kFloat:
      return "a number";
    case FieldType::kDate:
      return "a date string";
    case FieldType::kList:
      return "a list";
    case FieldType::kDict:
      return "an object";
    case FieldType::kAny:
      break;
  }
  return "any value";
}

namespace {

// Open-addressed indexes over the static tables, built once: the lookups run
// for every block and attribute a course or library loads, where a binary
// search and linear scans of string compares showed in profiles.
size_t NameHash(std::string_view s, size_t salt) {
  size_t h = s.size() * 0x9E3779B1u + salt * 0x85EBCA77u;
  if (!s.empty()) {
    h += static_cast<unsigned char>(s[0]) * 131u +
         static_cast<unsigned char>(s[s.size() / 2]) * 31u + static_cast<unsigned char>(s.back());
  }
  return h ^ (h >> 7);
}

struct SchemaIndex {
  static constexpr size_t kSlots = 256;  // > 2x the number of types
  const BlockSchema* slots[kSlots] = {};
  SchemaIndex() {
    for (const BlockSchema& s : kSchemas) {
      size_t i = NameHash(s.block_type, 0) & (kSlots - 1);
      while (slots[i] != nullptr) i = (i + 1) & (kSlots - 1);
      slots[i] = &s;
    }
  }
  const BlockSchema* Find(std::string_view type) const {
    for (size_t i = NameHash(type, 0) & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      const BlockSchema* s = slots[i];
      if (s == nullptr || s->block_type == type) return s;
    }
  }
};

// (schema, field name) -> spec for every type's own fields; salt 0 holds the
// inheritable settings and then the common fields, in FindFieldSpec's order.
struct FieldIndex {
  static constexpr size_t kSlots = 2048;
  struct Slot {
    const FieldSpec* spec = nullptr;
    size_t salt = 0;
  };
  Slot slots[kSlots];
  FieldIndex() {
    for (const FieldSpec& f : kInheritable) Add(0, &f);
    for (const FieldSpec& f : kCommon) Add(0, &f);
    for (size_t k = 0; k < std::size(kSchemas); ++k) {
      for (size_t j = 0; j < kSchemas[k].num_fields; ++j) Add(k + 1, &kSchemas[k].fields[j]);
    }
  }
  void Add(size_t salt, const FieldSpec* f) {
    for (size_t i = NameHash(f->name, salt) & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      if (slots[i].spec == nullptr) {
        slots[i] = Slot{f, salt};
        return;
      }
      if (slots[i].salt == salt && slots[i].spec->name == f->name) return;  // first one wins
    }
  }
  const FieldSpec* Find(size_t salt, std::string_view name) const {
    for (size_t i = NameHash(name, salt) & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      const Slot& s = slots[i];
      if (s.spec == nullptr) return nullptr;
      if (s.salt == salt && s.spec->name == name) return s.spec;
    }
  }
};

const SchemaIndex& Schemas() {
  static const SchemaIndex index;
  return index;
}

const FieldIndex& Fields() {
  static const FieldIndex* index = new FieldIndex();  // 32 KB: not on the stack
  return *index;
}

}  // namespace

const BlockSchema* FindBlockSchema(std::string_view block_type) {
  return Schemas().Find(block_type);
}

const FieldSpec* FindFieldSpec(const BlockSchema& schema, std::string_view name) {
  const FieldIndex& index = Fields();
  // Schemas outside kSchemas (a caller's own, or the unknown-type stand-in)
  // have their few fields scanned.
  const BlockSchema* begin = kSchemas;
  const BlockSchema* end = kSchemas + std::size(kSchemas);
  std::less<const BlockSchema*> before;  // a total order even for unrelated pointers
  if (!before(&schema, begin) && before(&schema, end)) {
    if (const FieldSpec* f = index.Find(static_cast<size_t>(&schema - begin) + 1, name)) return f;
  } else if (const FieldSpec* f = FindIn(schema.fields, schema.num_fields, name)) {
    return f;
  }
  return index.Find(0, name);
}

const BlockSchema* AllBlockSchemas(size_t* count) {
  *count = std::size(kSchemas);
  return kSchemas;
}

const FieldSpec* InheritableFields(size_t* count) {
  *count = std::size(kInheritable);
  return kInheritable;
}

bool IsInheritable(std::string_view name) {
  return FindIn(kInheritable, std::size(kInheritable), name) != nullptr;
}

std::string_view LibraryDefaultField(const BlockSchema& schema, std::string_view attribute) {
  constexpr std::string_view kPrefix = "default-";
  if (attribute.size() <= kPrefix.size() || attribute.compare(0, kPrefix.size(), kPrefix) != 0) {
    return {};
  }
  const FieldSpec* spec = FindFieldSpec(schema, attribute.substr(kPrefix.size()));
  return spec != nullptr && spec->scope == FieldScope::kSettings ? spec->name : std::string_view();
}

std::string_view DefaultDisplayName(std::string_view block_type) {
  const BlockSchema* s = FindBlockSchema(block_type);
  if (s != nullptr && !s->display_name_default.empty()) return s->display_name_default;
  return block_type;
}

}  // namespace blockrt::olx
