// The course loader's steps around the element walk: the course identity,
// policy files, drafts/ and the extra content directories.
#include <map>

#include "olx/course/internal/course_definition.h"
#include "olx/course/internal/course_loader.h"
#include "olx/course/internal/course_rules.h"
#include "olx/course/internal/extra_content.h"
#include "olx/course/internal/url_name.h"
#include "olx/internal/definition_fields.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx::internal {

void CourseLoader::SetIdentity(const pugi::xml_node& root, bool is_library, const OpenFile& file) {
  std::string org = root.attribute("org").value();
  if (org.empty()) {
    org = "edx";
    Report(Severity::kWarning, file.rel, file.text, ElementOffset(root),
           "no org attribute; using \"edx\"");
  }
  std::string number = root.attribute(is_library ? "library" : "course").value();
  if (number.empty()) {
    // The root directory's name, as the XML modulestore takes it.
    std::string dir = files_.Describe("");
    while (!dir.empty() && dir.back() == '/') dir.pop_back();
    number = dir.substr(dir.rfind('/') + 1);
  }
  course_->org = org;
  course_->course = number;
  std::string key;
  if (is_library) {
    key = "library-v1:" + org + "+" + number;
  } else {
    std::string run = root.attribute("url_name").value();
    if (run.empty()) run = root.attribute("slug").value();
    if (run.empty()) run = CleanUrlName(root.attribute("name").value());
    course_->run = run;
    key = "course-v1:" + org + "+" + number + "+" + run;
  }
  Result<keys::Key> parsed = keys::Key::Parse(
      key, is_library ? keys::KeyBase::kLibraryLocator : keys::KeyBase::kCourseKey);
  if (parsed.ok()) {
    context_ = std::move(parsed).value();
    context_ok_ = true;
    course_->context_key = context_.ToString();
    std::string_view ck = course_->context_key;
    if (ck.substr(0, 10) == "course-v1:") {
      key_prefix_ = "block-v1:" + std::string(ck.substr(10)) + "+type@";
    } else if (ck.substr(0, 11) == "library-v1:") {
      key_prefix_ = "lib-block-v1:" + std::string(ck.substr(11)) + "+type@";
    }
  } else {
    course_->context_key = key;
    Report(Severity::kError, file.rel, file.text, ElementOffset(root),
           "course identity does not make a valid key: " + parsed.status().message());
  }
}

void CourseLoader::LoadPolicies() {
  if (course_->kind != Course::Kind::kCourse) return;
  const std::string& run = course_->run;
  std::string text;
  for (std::string rel : {"policies/" + run + "/policy.json", "policies/" + run + ".json"}) {
    if (!files_.IsFile(rel)) continue;
    course_->policy_path = rel;
    Status st = files_.Read(rel, options_.max_file_bytes, &text);
    Diagnostic error;
    if (!st.ok()) {
      ReportFile(Severity::kError, rel, st.message());
    } else if (!ParsePolicy(rel, text, &policy_, &error, &course_->diagnostics)) {
      course_->diagnostics.push_back(std::move(error));
    }
    break;
  }
  for (std::string rel :
       {"policies/" + run + "/grading_policy.json", std::string("grading_policy.json")}) {
    if (!files_.IsFile(rel)) continue;
    course_->grading_policy_path = rel;
    Status st = files_.Read(rel, options_.max_file_bytes, &text);
    if (st.ok()) {
      course_->grading_policy = ParseGradingPolicy(rel, text, &course_->diagnostics);
    } else {
      ReportFile(Severity::kError, rel, st.message());
    }
    break;
  }
}

// drafts/<type>/*.xml: units carrying index_in_children_list are roots;
// everything else is reached through their pointers.
void CourseLoader::LoadDrafts() {
  for (const std::string& type : files_.ListDirectories("drafts")) {
    for (const std::string& name : files_.ListFiles("drafts/" + type)) {
      if (StartsWith(name, "._") || !EndsWith(name, ".xml")) continue;
      FileHandle file(this);
      file->rel = "drafts/" + type + "/" + name;
      const std::string& rel = file->rel;
      Status read = files_.Read(rel, options_.max_file_bytes, &file->text);
      if (!read.ok()) {
        ReportFile(Severity::kError, rel, read.message());
        continue;
      }
      // Like the importer, only units (files mentioning index_in_children_list)
      // are roots; the rest load through their pointers, reported once there.
      if (file->text.find("index_in_children_list") == std::string::npos) {
        // Not a unit: kept for the draft pointer that will load it next.
        draft_bytes_.emplace(rel, std::move(file->text));
        continue;
      }
      Status st = ParseOpened(&*file);
      if (!st.ok()) {
        ReportStatus(rel, st);
        continue;
      }
      pugi::xml_node root = file->doc.document_element();
      if (!root.attribute("index_in_children_list")) continue;
      // The importer's HACK: a draft unit's id is its file name, since the
      // pointer that named it lives in the (published) parent.
      std::string stem = name.substr(0, name.size() - 4);
      path_.push_back(&file->rel);
      BuildBlock(root, root.name(), stem, *file, root, *file, -1, -1, 1,
                 /*own_file=*/true, /*draft=*/true);
      path_.pop_back();
    }
  }
  draft_bytes_.clear();
}

// about/ info/ tabs/ custom_tags/: one block per slug, data from SLUG.*
// (the per-run directory overriding), other fields from SLUG.FIELD.json.
void CourseLoader::LoadExtras() {
  std::vector<ExtraFile> files =
      ListExtraContent(files_, course_->run, options_.max_file_bytes, &course_->diagnostics);
  if (files.empty() || course_->blocks.empty()) return;
  Arena& arena = course_->arena;
  const std::string_view* tabs_json = course_->blocks[0].definition.attribute("tabs");
  std::map<std::string, StaticTab> tabs;
  if (tabs_json != nullptr) tabs = StaticTabsOf(*tabs_json);
  // Per block: its attributes, its data file's text and its SLUG.FIELD.json
  // fields, gathered first; definitions are built once all files are seen.
  struct Extra {
    uint32_t index;
    std::vector<CourseAttribute> attrs;
    std::string_view data;
    std::vector<CourseField> fields;
  };
  std::vector<Extra> extras;
  std::map<std::string, size_t> by_id;
  for (ExtraFile& f : files) {
    std::string id = std::string(f.category) + "/" + f.slug;
    auto [it, added] = by_id.emplace(id, extras.size());
    if (added) {
      uint32_t index = static_cast<uint32_t>(course_->blocks.size());
      course_->extra_roots.push_back(index);
      extras.push_back(Extra{index, {}, {}, {}});
      CourseBlock& b = course_->blocks.emplace_back();
      b.url_name = arena.Copy(f.slug);
      b.file = arena.Copy(f.rel);
      b.own_file = true;
      b.definition.block_type = StableType(f.category, FindBlockSchema(f.category));
      auto tab = tabs.find(f.slug);
      if (f.category == "static_tab" && tab != tabs.end()) {
        // Sorted: course_staff_only < display_name.
        if (tab->second.course_staff_only) {
          extras.back().attrs.push_back(CourseAttribute{"course_staff_only", "true"});
        }
        extras.back().attrs.push_back(
            CourseAttribute{"display_name", arena.Copy(tab->second.name)});
      }
      if (context_ok_) {
        Status st = UsageKeyOf(f.category, f.slug, &b.usage_key);
        if (!st.ok())
          ReportFile(Severity::kError, f.rel, "no usage key for " + id + ": " + st.message());
      }
    }
    Extra& e = extras[it->second];
    CourseBlock& b = course_->blocks[e.index];
    if (f.field == "data") {
      e.data = arena.Copy(f.text);
      b.file = arena.Copy(f.rel);
    } else {
      e.fields.push_back(
          CourseField{arena.Copy(f.field), arena.Copy(f.text), FieldScope::kContent});
    }
  }
  for (const Extra& e : extras) {
    CourseDefinition& def = course_->blocks[e.index].definition;
    BuildCourseDefinition(&arena, def.block_type, FindBlockSchema(def.block_type), e.attrs, e.data,
                          &element_, &def);
    if (!e.fields.empty()) MergeFields(&arena, e.fields, &def);
  }
}

}  // namespace blockrt::olx::internal
