#include "olx/course/internal/extra_content.h"

#include <nlohmann/json.hpp>

#include "olx/internal/json_parse.h"

namespace blockrt::olx::internal {
namespace {

constexpr std::string_view kCategories[][2] = {{"course_info", "info"},
                                               {"static_tab", "tabs"},
                                               {"custom_tag_template", "custom_tags"},
                                               {"about", "about"}};

// _import_field_content: "SLUG.FIELD.json" with valid JSON; false otherwise.
bool JsonField(const std::string& name, const std::string& text, ExtraFile* out) {
  size_t d1 = name.find('.');
  size_t d2 = d1 == std::string::npos ? d1 : name.find('.', d1 + 1);
  if (d2 == std::string::npos || name.find('.', d2 + 1) != std::string::npos) return false;
  if (name.substr(d2 + 1) != "json") return false;
  std::string field = name.substr(d1 + 1, d2 - d1 - 1);
  if (field == "data" || field == "metadata") return false;
  nlohmann::json value;
  JsonFailure failure;
  if (!ParseJsonText(text, &value, &failure)) return false;
  out->slug = name.substr(0, d1);
  out->field = std::move(field);
  out->text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return true;
}

void ListDir(const FileSource& root, const std::string& rel_dir, std::string_view category,
             size_t max_bytes, std::vector<ExtraFile>* out, std::vector<Diagnostic>* diags) {
  for (const std::string& name : root.ListFiles(rel_dir)) {
    if (name.empty() || name.back() == '~' || name.rfind("._", 0) == 0) continue;
    std::string rel = rel_dir + "/" + name;
    std::string text_bytes;
    Status read = root.Read(rel, max_bytes, &text_bytes);
    if (!read.ok()) {
      diags->push_back(Diagnostic{Severity::kError, rel, 0, 0, read.message(), {}});
      continue;
    }
    ExtraFile file;
    file.category = category;
    file.rel = rel;
    if (name.find(".json") != std::string::npos) {
      if (!JsonField(name, text_bytes, &file)) continue;
    } else {
      size_t dot = name.rfind('.');
      file.slug = dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
      file.field = "data";
      file.text = std::move(text_bytes);
    }
    out->push_back(std::move(file));
  }
}

}  // namespace

std::string_view ExtraContentDir(std::string_view category) {
  for (const auto& c : kCategories) {
    if (c[0] == category) return c[1];
  }
  return {};
}

std::vector<ExtraFile> ListExtraContent(const FileSource& root, const std::string& run,
                                        size_t max_bytes, std::vector<Diagnostic>* diagnostics) {
  std::vector<ExtraFile> out;
  for (const auto& c : kCategories) {
    std::string dir(c[1]);
    if (!root.IsDirectory(dir)) continue;
    ListDir(root, dir, c[0], max_bytes, &out, diagnostics);
    if (!run.empty() && root.IsDirectory(dir + "/" + run)) {
      ListDir(root, dir + "/" + run, c[0], max_bytes, &out, diagnostics);
    }
  }
  return out;
}

std::map<std::string, StaticTab> StaticTabsOf(std::string_view tabs_json) {
  std::map<std::string, StaticTab> out;
  nlohmann::json tabs;
  JsonFailure failure;
  if (!ParseJsonText(tabs_json, &tabs, &failure)) return out;
  if (!tabs.is_array()) return out;
  for (const nlohmann::json& tab : tabs) {
    if (!tab.is_object()) continue;
    auto type = tab.find("type");
    auto slug = tab.find("url_slug");
    if (type == tab.end() || *type != "static_tab" || slug == tab.end() || !slug->is_string()) {
      continue;
    }
    StaticTab t;
    auto name = tab.find("name");
    if (name != tab.end() && name->is_string()) t.name = name->get<std::string>();
    auto staff = tab.find("course_staff_only");
    t.course_staff_only = staff != tab.end() && staff->is_boolean() && staff->get<bool>();
    out.emplace(slug->get<std::string>(), std::move(t));
  }
  return out;
}

}  // namespace blockrt::olx::internal
