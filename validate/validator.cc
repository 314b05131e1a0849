#include "validate/validator.h"

#include <algorithm>

#include "validate/internal/check.h"
#include "validate/rules.h"

namespace blockrt::validate {
namespace {

Level LevelOf(olx::Severity s) {
  switch (s) {
    case olx::Severity::kError:
      return Level::kError;
    case olx::Severity::kWarning:
      return Level::kWarning;
    case olx::Severity::kInfo:
      return Level::kInfo;
  }
  return Level::kError;
}

std::string DisplayName(const olx::CourseBlock& b) {
  const olx::CourseField* f = b.definition.field("display_name");
  return f ? std::string(f->value) : std::string();
}

// Pre-order, iteratively (deep trees must not overflow the stack).
void AppendOutline(const olx::Course& course, uint32_t root, bool draft,
                   std::vector<OutlineEntry>* out) {
  std::vector<std::pair<uint32_t, uint32_t>> stack = {{root, 0}};
  while (!stack.empty()) {
    auto [i, depth] = stack.back();
    stack.pop_back();
    const olx::CourseBlock& b = course.blocks[i];
    out->push_back({depth, std::string(b.definition.block_type), std::string(b.url_name),
                    DisplayName(b), std::string(b.file), b.line, draft || b.draft});
    for (size_t k = b.children.size(); k-- > 0;) stack.push_back({b.children[k], depth + 1});
  }
}

}  // namespace

bool ValidateOptions::Wants(std::string_view rule) const {
  if (!select.empty() && select.find(rule) == select.end()) return false;
  return ignore.find(rule) == ignore.end();
}

size_t CourseReport::Count(Level level) const {
  return static_cast<size_t>(std::count_if(findings.begin(), findings.end(),
                                           [&](const Finding& f) { return f.severity == level; }));
}

std::optional<Level> CourseReport::Worst() const {
  std::optional<Level> worst;
  for (const Finding& f : findings) {
    if (!worst || f.severity > *worst) worst = f.severity;
  }
  return worst;
}

namespace internal {

void FindingSink::Add(std::string_view rule, std::string path, uint32_t line, uint32_t column,
                      std::string message, std::string hint) {
  const RuleInfo* info = FindRule(rule);
  if (info == nullptr) info = FindRule(kOlxLoadRule);
  if (!Wants(info->id)) return;
  if (hint.empty()) hint = std::string(info->hint);
  findings_.push_back({info->id, info->severity, std::move(path), line, column, std::move(message),
                       std::move(hint)});
}

void FindingSink::AddAt(std::string_view rule, const olx::CourseBlock& block, std::string message,
                        std::string hint) {
  Add(rule, std::string(block.file), block.line, 0, std::move(message), std::move(hint));
}

}  // namespace internal

Result<CourseReport> ValidateExport(const olx::FileSource& files, const ValidateOptions& options) {
  CourseReport report;
  internal::FindingSink sink(options);
  Result<olx::Course> loaded = olx::LoadCourse(files, options.load);
  if (!loaded.ok()) {
    const Status& st = loaded.status();
    if (st.code() == Status::Code::kNotFound) {
      sink.Add("CourseXMLDoesNotExist", "course.xml", 0, 0, st.message());
    } else if (st.code() == Status::Code::kParseError) {
      sink.Add("InvalidXML", files.IsFile("course.xml") ? "course.xml" : "library.xml", 0, 0,
               st.message());
    } else {
      return st;
    }
    report.findings = sink.Take();
    return report;
  }
  const olx::Course& course = *loaded;
  report.course = course.context_key;
  report.kind = course.kind == olx::Course::Kind::kCourse ? "course" : "library";
  for (const auto& [type, n] : course.CountByType(false)) report.blocks += n;

  // The loader's own messages keep their severity; the rule table's hint.
  for (const olx::Diagnostic& d : course.diagnostics) {
    std::string_view rule = d.rule.empty() ? kOlxLoadRule : d.rule;
    if (!options.Wants(rule)) continue;
    const RuleInfo* info = FindRule(rule);
    if (info == nullptr) info = FindRule(kOlxLoadRule);
    report.findings.push_back({info->id, LevelOf(d.severity), d.path, d.line, d.column, d.message,
                               std::string(info->hint)});
  }
  internal::CheckInput input{course, files, options};
  for (const internal::CheckModule* m : internal::AllCheckModules()) {
    if (m->run != nullptr) m->run(input, sink);
  }
  std::vector<Finding> found = sink.Take();
  report.findings.insert(report.findings.end(), std::make_move_iterator(found.begin()),
                         std::make_move_iterator(found.end()));
  std::sort(report.findings.begin(), report.findings.end(), FindingBefore);

  if (options.want_stats) {
    report.stats.blocks_per_type = course.CountByType(false);
    report.stats.draft_blocks_per_type = course.CountByType(true);
    report.stats.depth = course.Depth();
  }
  if (options.want_outline && !course.blocks.empty()) {
    AppendOutline(course, 0, false, &report.outline);
    for (uint32_t r : course.draft_roots) AppendOutline(course, r, true, &report.outline);
  }
  return report;
}

}  // namespace blockrt::validate
