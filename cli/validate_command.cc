// `blockrt validate PATH...`: OLX validation of course and v1-library
// exports (validate/validator.h). Text by default, JSON lines with --json.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/errors.h"
#include "validate/validator.h"

namespace blockrt::cli {
namespace {

using nlohmann::json;

constexpr const char kHelp[] =
    "usage: blockrt validate [--json] [--fail-on error|warning|info|never] PATH...\n"
    "  Validates course or v1-library export folders; exit 1 when a finding\n"
    "  reaches --fail-on (default error), 2 on usage or I/O errors.\n";

json FindingJson(const std::string& course, const validate::Finding& f) {
  return {{"course", course},     {"rule", f.rule}, {"severity", validate::LevelName(f.severity)},
          {"path", f.path},       {"line", f.line}, {"column", f.column},
          {"message", f.message}, {"hint", f.hint}};
}

}  // namespace

int RunValidate(const Invocation& inv) {
  bool as_json = false;
  validate::Level fail_on = validate::Level::kError;
  bool never_fail = false;
  std::vector<std::string> paths;
  for (size_t i = 0; i < inv.args.size(); ++i) {
    const std::string& a = inv.args[i];
    if (IsHelpFlag(a)) {
      *inv.out << kHelp;
      return kExitOk;
    } else if (a == "--json") {
      as_json = true;
    } else if (a == "--fail-on" && i + 1 < inv.args.size()) {
      const std::string& v = inv.args[++i];
      std::optional<validate::Level> level = validate::ParseLevel(v);
      if (v == "never") {
        never_fail = true;
      } else if (level) {
        fail_on = *level;
      } else {
        return PrintUsageError(inv, "validate", "--fail-on: expected error, warning, info or never",
                               kHelp);
      }
    } else if (!a.empty() && a[0] == '-') {
      return PrintUsageError(inv, "validate", "unknown option '" + a + "'", kHelp);
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) return PrintUsageError(inv, "validate", "a PATH is expected", kHelp);
  bool failed = false;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
      return PrintError(inv, "validate",
                        Status::IOError("cannot read export folder '" + path + "'"), as_json);
    }
    std::unique_ptr<olx::FileSource> files = olx::OpenDirectorySource(path);
    Result<validate::CourseReport> report = validate::ValidateExport(*files, {});
    if (!report.ok()) return PrintError(inv, "validate", report.status(), as_json);
    std::optional<validate::Level> worst = report->Worst();
    if (!never_fail && worst && *worst >= fail_on) failed = true;
    std::string name = report->course.empty() ? path : report->course;
    for (const validate::Finding& f : report->findings) {
      if (as_json) {
        *inv.out << FindingJson(name, f).dump(-1, ' ', false, json::error_handler_t::replace)
                 << "\n";
      } else {
        *inv.out << path << "/" << f.ToString() << "\n";
      }
    }
    json summary = {{"course", name},
                    {"path", path},
                    {"blocks", report->blocks},
                    {"errors", report->Count(validate::Level::kError)},
                    {"warnings", report->Count(validate::Level::kWarning)},
                    {"infos", report->Count(validate::Level::kInfo)}};
    if (as_json) {
      *inv.out << json{{"summary", summary}}.dump() << "\n";
    } else {
      *inv.out << name << ": " << report->blocks << " blocks, " << summary["errors"] << " errors, "
               << summary["warnings"] << " warnings, " << summary["infos"] << " infos\n";
    }
  }
  return failed ? kExitFindings : kExitOk;
}

}  // namespace blockrt::cli
