#include "olx/course/course_text.h"

#include <string_view>

namespace blockrt::olx {
namespace {

void Escaped(std::string* out, std::string_view s) {
  for (char c : s) {
    if (c == '\n') {
      *out += "\\n";
    } else if (c == '\\') {
      *out += "\\\\";
    } else {
      *out += c;
    }
  }
}

void Line(std::string* out, std::string_view key, std::string_view value) {
  *out += key;
  *out += '=';
  Escaped(out, value);
  *out += '\n';
}

std::string Indices(const std::vector<uint32_t>& list) {
  std::string s;
  for (uint32_t i : list) s += std::to_string(i) + ' ';
  return s;
}

}  // namespace

std::string CourseText(const Course& c) {
  std::string out;
  Line(&out, "kind", c.kind == Course::Kind::kCourse ? "course" : "library");
  Line(&out, "identity", c.org + "+" + c.course + "+" + c.run);
  Line(&out, "context_key", c.context_key);
  Line(&out, "policy_path", c.policy_path);
  Line(&out, "grading_policy_path", c.grading_policy_path);
  Line(&out, "draft_roots", Indices(c.draft_roots));
  Line(&out, "extra_roots", Indices(c.extra_roots));
  const GradingPolicy& g = c.grading_policy;
  Line(&out, "grading", g.present ? "present" : "absent");
  for (const Grader& gr : g.graders) {
    Line(&out, " grader",
         gr.type + " " + std::to_string(gr.min_count) + " " + std::to_string(gr.drop_count) + " " +
             gr.short_label + " " + std::to_string(gr.weight));
  }
  for (const auto& [letter, cutoff] : g.cutoffs) {
    Line(&out, " cutoff", letter + " " + std::to_string(cutoff));
  }
  for (size_t i = 0; i < c.blocks.size(); ++i) {
    const CourseBlock& b = c.blocks[i];
    const CourseDefinition& d = b.definition;
    std::string head = std::to_string(i) + " " + std::string(d.block_type) +
                       (d.known_type ? "" : "?") + " " + std::string(b.url_name) + " " +
                       std::string(b.usage_key) + " parent=" + std::to_string(b.parent) + " " +
                       std::string(b.file) + ":" + std::to_string(b.line) +
                       (b.own_file ? " own" : "") + (b.draft ? " draft" : "");
    Line(&out, "block", head);
    if (b.draft) {
      Line(&out, " draft_parent", b.draft_parent);
      Line(&out, " draft_index", b.draft_index);
    }
    if (!b.html_file.empty()) Line(&out, " html_file", b.html_file);
    std::string children;
    for (uint32_t ch : b.children) children += std::to_string(ch) + ' ';
    Line(&out, " children", children);
    for (const CourseAttribute& a : d.attributes) Line(&out, " @" + std::string(a.name), a.value);
    for (const CourseField& f : d.fields) {
      Line(&out, " ." + std::string(f.name) + "[" + std::string(FieldScopeName(f.scope)) + "]",
           f.value);
    }
    Line(&out, " body", d.body);
  }
  for (const Diagnostic& diag : c.diagnostics) Line(&out, "diagnostic", diag.ToString());
  return out;
}

}  // namespace blockrt::olx
