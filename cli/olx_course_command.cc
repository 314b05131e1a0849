// `blockrt course load DIR` and `blockrt course export DIR OUT`.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/errors.h"
#include "cli/olx_commands.h"
#include "olx/course/course.h"

namespace blockrt::cli {
namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json DiagnosticJson(const olx::Diagnostic& d) {
  return {{"severity", d.severity == olx::Severity::kError ? "error" : "warning"},
          {"path", d.path},
          {"line", d.line},
          {"column", d.column},
          {"message", d.message}};
}

// Every top-level tree as nested objects (index -> object, filled for blocks
// without a parent); built iteratively so deep trees cannot overflow.
std::vector<json> ForestJson(const olx::Course& course) {
  std::vector<json> nodes(course.blocks.size());
  // Children have larger indices than their parent, so a reverse pass builds
  // every subtree before its parent needs it.
  for (size_t i = course.blocks.size(); i-- > 0;) {
    const olx::CourseBlock& b = course.blocks[i];
    json fields = json::object();
    for (const olx::CourseField& f : b.definition.fields) {
      fields[std::string(f.name)] = {{"scope", olx::FieldScopeName(f.scope)},
                                     {"value", std::string(f.value)}};
    }
    json other = json::object();
    for (const olx::CourseAttribute& a : b.definition.attributes) {
      if (b.definition.field(a.name) == nullptr) other[std::string(a.name)] = std::string(a.value);
    }
    json children = json::array();
    for (uint32_t c : b.children) children.push_back(std::move(nodes[c]));
    nodes[i] = {{"block_type", b.definition.block_type},
                {"url_name", b.url_name},
                {"usage_key", b.usage_key},
                {"file", b.file},
                {"line", b.line},
                {"fields", fields},
                {"xml_attributes", other},
                {"children", children}};
    if (!b.definition.known_type) nodes[i]["xml"] = b.definition.body;
    if (b.draft) {
      nodes[i]["draft"] = true;
      nodes[i]["parent_url"] = b.draft_parent;
    }
  }
  return nodes;
}

json GradingJson(const olx::Course& c) {
  if (!c.grading_policy.present) return nullptr;
  json graders = json::array();
  for (const olx::Grader& g : c.grading_policy.graders) {
    graders.push_back({{"type", g.type},
                       {"min_count", g.min_count},
                       {"drop_count", g.drop_count},
                       {"short_label", g.short_label},
                       {"weight", g.weight}});
  }
  json cutoffs = json::array();
  for (const auto& [name, value] : c.grading_policy.cutoffs) cutoffs.push_back({name, value});
  return {{"path", c.grading_policy_path}, {"graders", graders}, {"cutoffs", cutoffs}};
}

// A missing or unreadable export folder is an I/O error (exit 2) naming it;
// a folder without course.xml/library.xml is a finding about the input.
Result<olx::Course> LoadExport(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::IOError("cannot read export folder '" + dir +
                           "': " + (ec ? ec.message() : std::string("not a directory")));
  }
  return olx::LoadCourse(dir);
}

}  // namespace

int RunCourseLoad(const Invocation& inv, const std::vector<std::string>& args) {
  bool as_json = false;
  std::string dir;
  for (const std::string& a : args) {
    if (a == "--json") {
      as_json = true;
    } else if (!a.empty() && a[0] == '-') {
      *inv.err << "blockrt course load: unknown option '" << a << "'\n";
      return kExitUsage;
    } else if (dir.empty()) {
      dir = a;
    } else {
      *inv.err << "blockrt course load: one directory expected\n";
      return kExitUsage;
    }
  }
  if (dir.empty()) {
    *inv.err << "usage: blockrt course load [--json] DIR\n";
    return kExitUsage;
  }
  Result<olx::Course> course = LoadExport(dir);
  if (!course.ok()) {
    if (course.status().code() == Status::Code::kParseError) {
      // The root file itself is broken: that is a finding about the input.
      if (as_json) return PrintError(inv, "course load", course.status(), true);
      *inv.out << course.status().message() << "\n";
      return kExitFindings;
    }
    return PrintError(inv, "course load", course.status(), as_json);
  }
  const olx::Course& c = *course;
  int rc = c.error_count() > 0 ? kExitFindings : kExitOk;
  if (as_json) {
    json diags = json::array();
    for (const olx::Diagnostic& d : c.diagnostics) diags.push_back(DiagnosticJson(d));
    std::vector<json> forest = ForestJson(c);
    json drafts = json::array();
    for (uint32_t r : c.draft_roots) drafts.push_back(std::move(forest[r]));
    json extras = json::array();
    for (uint32_t r : c.extra_roots) extras.push_back(std::move(forest[r]));
    json out = {{"ok", true},
                {"kind", c.kind == olx::Course::Kind::kCourse ? "course" : "library"},
                {"context_key", c.context_key},
                {"blocks", c.blocks.size()},
                {"counts", c.CountByType(false)},
                {"draft_counts", c.CountByType(true)},
                {"depth", c.Depth()},
                {"diagnostics", diags},
                {"tree", c.blocks.empty() ? json(nullptr) : std::move(forest[0])},
                {"drafts", drafts},
                {"extras", extras},
                {"grading_policy", GradingJson(c)}};
    *inv.out << Dump(out) << "\n";
    return rc;
  }
  std::ostream& os = *inv.out;
  size_t published = 0;
  for (const auto& [type, n] : c.CountByType(false)) published += n;
  os << c.context_key << " (" << (c.kind == olx::Course::Kind::kCourse ? "course" : "v1 library")
     << ") from " << dir << "\n";
  os << "blocks: " << published << ", depth " << c.Depth() << "\n";
  for (const auto& [type, n] : c.CountByType(false)) os << "  " << type << " " << n << "\n";
  auto drafts = c.CountByType(true);
  if (!drafts.empty()) {
    os << "draft blocks:\n";
    for (const auto& [type, n] : drafts) os << "  " << type << " " << n << "\n";
  }
  os << "errors: " << c.error_count() << ", warnings: " << c.warning_count() << "\n";
  for (const olx::Diagnostic& d : c.diagnostics) os << d.ToString() << "\n";
  return rc;
}

int RunCourseExport(const Invocation& inv, const std::vector<std::string>& args) {
  std::vector<std::string> paths;
  for (const std::string& a : args) {
    if (!a.empty() && a[0] == '-') {
      *inv.err << "blockrt course export: unknown option '" << a << "'\n";
      return kExitUsage;
    }
    paths.push_back(a);
  }
  if (paths.size() != 2) {
    *inv.err << "usage: blockrt course export DIR OUT\n";
    return kExitUsage;
  }
  Result<olx::Course> course = LoadExport(paths[0]);
  if (!course.ok()) {
    return PrintError(inv, "course export", course.status(), false);
  }
  Status st = olx::ExportCourse(*course, paths[1]);
  if (!st.ok()) {
    return PrintError(inv, "course export", st, false);
  }
  *inv.out << "exported " << course->blocks.size() << " blocks of " << course->context_key << " to "
           << paths[1] << "\n";
  for (const olx::Diagnostic& d : course->diagnostics) *inv.err << d.ToString() << "\n";
  return course->error_count() > 0 ? kExitFindings : kExitOk;
}

}  // namespace blockrt::cli
