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
    {"graded", kS, "false", true},
    {"start", kS, "\"2030-01-01T00:00:00+00:00\"", true},
    {"due", kS, "null", true},
    {"relative_weeks_due", kS, "null", true},
    {"visible_to_staff_only", kS, "false", true},
    {"course_edit_method", kS, "\"Studio\"", true},
    {"giturl", kS, "null", true},
    {"xqa_key", kS, "null", true},
    {"graceperiod", kS, "null", true},
    {"group_access", kS, "{}", true},
    {"showanswer", kS, "\"finished\"", true},
    {"show_correctness", kS, "\"always\"", true},
    {"rerandomize", kS, "\"never\"", true},
    {"days_early_for_beta", kS, "null", true},
    {"static_asset_path", kS, "\"\"", true},
    {"use_latex_compiler", kS, "false", true},
    {"max_attempts", kS, "null", true},
    {"matlab_api_key", kS, "null", true},
    {"user_partitions", kS, "[]", true},
    {"video_speed_optimizations", kS, "true", true},
    {"video_auto_advance", kS, "false", true},
    {"video_bumper", kS, "{}", true},
    {"show_reset_button", kS, "false", true},
    {"edxnotes", kS, "false", true},
    {"in_entrance_exam", kS, "false", true},
    {"self_paced", kS, "false", true},
    {"hide_from_toc", kS, "false", true},
};

// Fields every block has. display_name's default is per type (BlockSchema).
constexpr FieldSpec kCommon[] = {
    {"display_name", kS, "null", false},
};

constexpr FieldSpec kProblem[] = {
    {"attempts_before_showanswer_button", kS, "0", false},
    {"data", kC, "\"<problem></problem>\"", false},
    {"force_save_button", kS, "false", false},
    {"markdown", kS, "null", false},
    {"show_reset_button", kS, "false", false},
    {"source_code", kS, "null", false},
    {"submission_wait_seconds", kS, "0", false},
    {"weight", kS, "null", false},
};
constexpr FieldSpec kHtml[] = {
    {"data", kC, "\"\"", false},
    {"editor", kS, "\"visual\"", false},
};
constexpr FieldSpec kVideo[] = {
    {"download_track", kS, "false", false},
    {"download_video", kS, "false", false},
    {"edx_video_id", kS, "\"\"", false},
    {"end_time", kS, "\"00:00:00\"", false},
    {"handout", kS, "null", false},
    {"html5_sources", kS, "[]", false},
    {"show_captions", kS, "true", false},
    {"source", kS, "\"\"", false},
    {"start_time", kS, "\"00:00:00\"", false},
    {"sub", kS, "\"\"", false},
    {"track", kS, "\"\"", false},
    {"transcripts", kS, "{}", false},
    {"youtube_id_0_75", kS, "\"\"", false},
    {"youtube_id_1_0", kS, "\"3_yD_cEKoCk\"", false},
    {"youtube_id_1_25", kS, "\"\"", false},
    {"youtube_id_1_5", kS, "\"\"", false},
};
constexpr FieldSpec kCourse[] = {
    {"advanced_modules", kS, "[]", false},
    {"advertised_start", kS, "null", false},
    {"cert_html_view_enabled", kS, "true", false},
    {"course_image", kS, "\"images_course_image.jpg\"", false},
    {"discussion_topics", kS, "{}", false},
    {"enrollment_end", kS, "null", false},
    {"enrollment_start", kS, "null", false},
    {"end", kS, "null", false},
    {"language", kS, "null", false},
    {"pdf_textbooks", kS, "[]", false},
    {"tabs", kS, "[]", false},
    {"wiki_slug", kS, "null", false},
};
constexpr FieldSpec kSequential[] = {
    {"format", kS, "null", false},
    {"is_entrance_exam", kS, "false", false},
    {"is_practice_exam", kS, "false", false},
    {"is_time_limited", kS, "false", false},
    {"default_time_limit_minutes", kS, "null", false},
};
constexpr FieldSpec kLibraryContent[] = {
    {"capa_type", kS, "\"any\"", false},
    {"max_count", kS, "1", false},
    {"mode", kS, "\"random\"", false},
    {"source_library_id", kS, "null", false},
    {"source_library_version", kS, "null", false},
};
constexpr FieldSpec kSplitTest[] = {
    {"group_id_to_child", kC, "{}", false},
    {"user_partition_id", kC, "-1", false},
};
constexpr FieldSpec kConditional[] = {
    {"conditional_attr", kC, "\"\"", false},
    {"conditional_message", kC, "\"\"", false},
    {"conditional_value", kC, "\"\"", false},
    {"show_tag_list", kC, "[]", false},
    {"sources", kC, "[]", false},
};
constexpr FieldSpec kDiscussion[] = {
    {"discussion_category", kS, "\"Week 1\"", false},
    {"discussion_id", kS, "null", false},
    {"discussion_target", kS, "\"Topic-Level Student-Visible Label\"", false},
    {"sort_key", kS, "null", false},
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

std::string_view DefaultDisplayName(std::string_view block_type) {
  const BlockSchema* s = FindBlockSchema(block_type);
  if (s != nullptr && !s->display_name_default.empty()) return s->display_name_default;
  return block_type;
}

}  // namespace blockrt::olx
