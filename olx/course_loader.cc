// LoadCourse: the XML modulestore's import walk (course-olx-format.md §1-5).
// One pugixml document is alive per open file on the recursion path, so memory
// stays proportional to the tree, not to the export's bytes.
#include <algorithm>
#include <cstring>
#include <map>
#include <pugixml.hpp>
#include <unordered_map>
#include <unordered_set>

#include "keys/key.h"
#include "olx/course.h"
#include "olx/internal/course_rules.h"
#include "olx/internal/definition_fields.h"
#include "olx/internal/extra_content.h"
#include "olx/internal/file_io.h"
#include "olx/internal/lxml_text.h"
#include "olx/internal/policy.h"
#include "olx/internal/url_name.h"
#include "olx/internal/xml_document.h"
#include "olx/internal/xml_scan.h"

namespace blockrt::olx {
namespace {

using internal::AddHtmlCandidates;
using internal::ElementOffset;
using internal::EndsWith;
using internal::IsNonBlockChild;
using internal::IsPointer;
using internal::IsStrippedAttribute;
using internal::StartsWith;
using internal::UrlNameOf;

// An open XML file: its relative path, bytes and DOM.
struct OpenFile {
  std::string rel;
  std::string text;
  pugi::xml_document doc;
  internal::RootExtent extent;
};

// (block type, url_name), viewing strings owned by the course's blocks.
struct BlockId {
  std::string_view type, url_name;
  bool operator==(const BlockId& o) const { return type == o.type && url_name == o.url_name; }
};
struct BlockIdHash {
  size_t operator()(const BlockId& id) const {
    std::hash<std::string_view> h;
    return h(id.url_name) * 31 + h(id.type);
  }
};
using BlockIdSet = std::unordered_set<BlockId, BlockIdHash>;

class Loader {
 public:
  Loader(std::string dir, const CourseLoadOptions& options, Course* course)
      : root_(std::move(dir)), options_(options), course_(course) {
    if (!root_.empty() && root_.back() != '/') root_ += '/';
  }

  Status Run() {
    bool is_library = false;
    std::string root_rel = "course.xml";
    if (!internal::IsRegularFile(root_ + root_rel)) {
      if (!internal::IsRegularFile(root_ + "library.xml")) {
        return Status::NotFound(root_ + ": no course.xml or library.xml");
      }
      root_rel = "library.xml";
      is_library = true;
    }
    root_rel = FollowTextSymlink(root_rel);
    auto file = std::make_unique<OpenFile>();
    Status st = Open(root_rel, file.get());
    if (!st.ok()) return st;
    pugi::xml_node root = file->doc.document_element();
    course_->kind = is_library ? Course::Kind::kLibrary : Course::Kind::kCourse;
    std::string want = is_library ? "library" : "course";
    if (want != root.name()) {
      return internal::LocatedError(
          root_rel, file->text, ElementOffset(root),
          "expected a <" + want + "> root element, got <" + root.name() + ">");
    }
    SetIdentity(root, is_library, *file);
    LoadPolicies();
    path_.push_back(&file->rel);
    int32_t index = is_library ? BuildBlock(root, root.name(), UrlNameOf(root), *file,
                                            SourceOf(root, *file, -1), -1, 1,
                                            /*own_file=*/false, /*draft=*/false)
                               : ProcessElement(root, *file, -1, 1, false);
    path_.pop_back();
    if (index < 0) return Status::ParseError(root_rel + ": the root block could not be loaded");
    if (options_.load_drafts && internal::IsDirectory(root_ + "drafts")) LoadDrafts();
    if (course_->kind == Course::Kind::kCourse) LoadExtras();
    return Status::OK();
  }

 private:
  void Report(Severity sev, const std::string& rel, std::string_view text, size_t offset,
              std::string message) {
    internal::TextPosition pos = internal::PositionOf(text, offset);
    course_->diagnostics.push_back(Diagnostic{sev, rel, pos.line, pos.column, std::move(message)});
  }
  void ReportFile(Severity sev, const std::string& rel, std::string message) {
    course_->diagnostics.push_back(Diagnostic{sev, rel, 0, 0, std::move(message)});
  }
  // A located Status message is "path:L:C: error: msg\n<line>\n<caret>".
  void ReportStatus(const std::string& rel, const Status& st) {
    course_->diagnostics.push_back(internal::DiagnosticFromStatus(rel, st));
  }

  Status Open(const std::string& rel, OpenFile* file) {
    file->rel = rel;
    auto cached = draft_bytes_.find(rel);
    if (cached != draft_bytes_.end()) {
      file->text = std::move(cached->second);
      draft_bytes_.erase(cached);
      return ParseOpened(file);
    }
    Result<std::string> bytes = internal::ReadFile(root_ + rel, options_.max_file_bytes);
    if (!bytes.ok()) return bytes.status();
    file->text = std::move(bytes).value();
    return ParseOpened(file);
  }

  Status ParseOpened(OpenFile* file) {
    const std::string& rel = file->rel;
    return internal::LoadXml(rel, file->text,
                             internal::ScanLimits{options_.max_file_bytes, options_.max_depth * 4},
                             &file->doc, &file->extent);
  }

  // A git symlink checked out without symlink support is a text file holding
  // the target path (observed: conditional_and_poll/course.xml). Follow it when
  // it names a file inside the export.
  std::string FollowTextSymlink(const std::string& rel) {
    Result<std::string> text = internal::ReadFile(root_ + rel, 1024);
    if (!text.ok() || text->empty() || text->find('<') != std::string::npos) return rel;
    std::string target = *text;
    while (!target.empty() && internal::IsBlank(target.substr(target.size() - 1))) {
      target.pop_back();
    }
    if (target.empty() || target[0] == '/' || target.find("..") != std::string::npos ||
        target.find('\n') != std::string::npos || !internal::IsRegularFile(root_ + target)) {
      return rel;
    }
    ReportFile(Severity::kWarning, rel,
               "holds only the path '" + target + "' (a git symlink stored as text); following it");
    return target;
  }

  void SetIdentity(const pugi::xml_node& root, bool is_library, const OpenFile& file) {
    std::string org = root.attribute("org").value();
    if (org.empty()) {
      org = "edx";
      Report(Severity::kWarning, file.rel, file.text, ElementOffset(root),
             "no org attribute; using \"edx\"");
    }
    std::string number = root.attribute(is_library ? "library" : "course").value();
    if (number.empty()) {
      std::string dir = root_.substr(0, root_.size() - 1);
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
      if (run.empty()) run = internal::CleanUrlName(root.attribute("name").value());
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

  void LoadPolicies() {
    if (course_->kind != Course::Kind::kCourse) return;
    const std::string& run = course_->run;
    for (std::string rel : {"policies/" + run + "/policy.json", "policies/" + run + ".json"}) {
      if (!internal::IsRegularFile(root_ + rel)) continue;
      course_->policy_path = rel;
      Result<std::string> text = internal::ReadFile(root_ + rel, options_.max_file_bytes);
      Diagnostic error;
      if (!text.ok()) {
        ReportFile(Severity::kError, rel, text.status().message());
      } else if (!internal::ParsePolicy(rel, *text, &policy_, &error, &course_->diagnostics)) {
        course_->diagnostics.push_back(std::move(error));
      }
      break;
    }
    for (std::string rel :
         {"policies/" + run + "/grading_policy.json", std::string("grading_policy.json")}) {
      if (!internal::IsRegularFile(root_ + rel)) continue;
      course_->grading_policy_path = rel;
      Result<std::string> text = internal::ReadFile(root_ + rel, options_.max_file_bytes);
      if (text.ok()) {
        course_->grading_policy = ParseGradingPolicy(rel, *text, &course_->diagnostics);
      } else {
        ReportFile(Severity::kError, rel, text.status().message());
      }
      break;
    }
  }

  // Resolves pointers and legacy filename= references, then builds the block.
  int32_t ProcessElement(const pugi::xml_node& node, const OpenFile& file, int32_t parent,
                         uint32_t depth, bool draft) {
    if (depth > options_.max_depth) {
      Report(Severity::kError, file.rel, file.text, ElementOffset(node),
             "blocks nested deeper than " + std::to_string(options_.max_depth));
      return -1;
    }
    if (course_->blocks.size() >= options_.max_blocks) {
      if (!too_many_reported_) {
        Report(Severity::kError, file.rel, file.text, ElementOffset(node),
               "more than " + std::to_string(options_.max_blocks) + " blocks; stopped loading");
        too_many_reported_ = true;
      }
      return -1;
    }
    std::string_view tag = node.name();
    if (IsPointer(node)) {
      std::string url_name = node.attribute("url_name").value();
      std::string rel = std::string(tag) + "/" + internal::UrlNameToPath(url_name) + ".xml";
      if (draft && internal::IsRegularFile(root_ + "drafts/" + rel)) rel = "drafts/" + rel;
      if (IsOnPath(rel, file, node)) return -1;
      auto target = std::make_unique<OpenFile>();
      Status st = Open(rel, target.get());
      if (!st.ok()) {
        if (st.IsNotFound()) {
          Report(Severity::kError, file.rel, file.text, ElementOffset(node),
                 "<" + std::string(tag) + " url_name=\"" + url_name + "\"/> points to " + rel +
                     ", which does not exist");
        } else {
          ReportStatus(rel, st);
        }
        return -1;
      }
      pugi::xml_node froot = target->doc.document_element();
      path_.push_back(&target->rel);
      int32_t index = BuildBlock(froot, tag, url_name, *target, SourceOf(node, file, parent),
                                 parent, depth, /*own_file=*/true, draft);
      path_.pop_back();
      return index;
    }
    std::string url_name = UrlNameOf(node);
    std::string_view filename = node.attribute("filename").value();
    if (!filename.empty() && tag != "html") {
      return ProcessLegacyFilename(node, file, tag, url_name, std::string(filename), parent, depth,
                                   draft);
    }
    return BuildBlock(node, tag, url_name, file, SourceOf(node, file, parent), parent, depth,
                      /*own_file=*/false, draft);
  }

  // <T filename="x" .../>: T/x.xml (CAPA also problems/x.xml and x.xml), with the
  // referring element's attributes merged over the file's root.
  int32_t ProcessLegacyFilename(const pugi::xml_node& node, const OpenFile& file,
                                std::string_view tag, const std::string& url_name,
                                const std::string& filename, int32_t parent, uint32_t depth,
                                bool draft) {
    std::string base =
        EndsWith(filename, ".xml") ? filename.substr(0, filename.size() - 4) : filename;
    std::vector<std::string> candidates{std::string(tag) + "/" + base + ".xml"};
    if (tag == "problem") {
      candidates.push_back("problems/" + base + ".xml");
      candidates.push_back(base + ".xml");
    }
    for (const std::string& rel : candidates) {
      if (!internal::IsRegularFile(root_ + rel)) continue;
      if (IsOnPath(rel, file, node)) return -1;
      auto target = std::make_unique<OpenFile>();
      Status st = Open(rel, target.get());
      if (!st.ok()) {
        ReportStatus(rel, st);
        return -1;
      }
      pugi::xml_node froot = target->doc.document_element();
      for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        pugi::xml_attribute existing = froot.attribute(a.name());
        if (!existing) existing = froot.append_attribute(a.name());
        existing.set_value(a.value());
      }
      std::string name = url_name.empty() ? UrlNameOf(froot) : url_name;
      path_.push_back(&target->rel);
      int32_t index = BuildBlock(froot, tag, name, *target, SourceOf(node, file, parent), parent,
                                 depth, /*own_file=*/false, draft);
      path_.pop_back();
      return index;
    }
    Report(Severity::kError, file.rel, file.text, ElementOffset(node),
           "<" + std::string(tag) + " filename=\"" + filename + "\"> refers to " + candidates[0] +
               ", which does not exist");
    return -1;
  }

  // A file that (indirectly) points at itself would recurse until max_depth
  // and multiply the tree; report the cycle and skip the pointer instead.
  bool IsOnPath(const std::string& rel, const OpenFile& file, const pugi::xml_node& node) {
    auto same = [&rel](const std::string* p) { return *p == rel; };
    if (rel != file.rel && std::none_of(path_.begin(), path_.end(), same)) return false;
    std::string cycle;
    bool in_cycle = false;
    for (const std::string* p : path_) {
      in_cycle = in_cycle || *p == rel;
      if (in_cycle) cycle += *p + " -> ";
    }
    if (cycle.empty()) cycle = file.rel + " -> ";
    Report(Severity::kError, file.rel, file.text, ElementOffset(node),
           "pointer cycle: " + cycle + rel + "; not followed");
    return true;
  }

  std::string InnerMarkup(const pugi::xml_node& node, const OpenFile& file) {
    if (node == file.doc.document_element()) {
      return file.text.substr(file.extent.content_begin,
                              file.extent.content_end - file.extent.content_begin);
    }
    std::string out;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      out += internal::PrintRaw(c);
    }
    return out;
  }

  // The html body: html/<filename>.html and HtmlBlock.backcompat_paths.
  void LoadHtmlBody(const pugi::xml_node& node, const OpenFile& file, CourseBlock* block) {
    std::string filename = node.attribute("filename").value();
    std::string dir = file.rel.substr(0, file.rel.rfind('/') + 1);
    if (dir.empty()) dir = "html/";
    std::vector<std::string> candidates;
    AddHtmlCandidates(dir, filename, &candidates);
    // Draft html may keep its body next to the published one.
    if (StartsWith(dir, "drafts/")) AddHtmlCandidates(dir.substr(7), filename, &candidates);
    for (const std::string& rel : candidates) {
      Result<std::string> body = internal::ReadFile(root_ + rel, options_.max_file_bytes);
      if (body.ok()) {
        block->definition.body = std::move(body).value();
        block->html_file = rel;
        return;
      }
      if (!body.status().IsNotFound()) {
        ReportFile(Severity::kError, rel, body.status().message());
        return;
      }
    }
    Report(Severity::kError, file.rel, file.text, ElementOffset(node),
           "html body " + candidates[0] + " does not exist");
  }

  // The bytes the reference hashes for a generated url_name: the element as
  // written in `file` (the pointer or inline element, not a pointer's target),
  // printed by lxml as its parent's definition_from_xml prints it.
  internal::ElementSource SourceOf(const pugi::xml_node& node, const OpenFile& file,
                                   int32_t parent) const {
    internal::ElementSource src;
    src.text = file.text;
    src.offset = ElementOffset(node);
    pugi::xml_node up = node.parent();
    if (up && up.type() == pugi::node_element) src.parent = ElementOffset(up);
    // Sequence-like containers print children with encoding='unicode'; the
    // others (and XBlock.parse_xml's add_node_as_child) use bytes.
    std::string_view ptype;
    if (parent >= 0) ptype = course_->blocks[static_cast<size_t>(parent)].definition.block_type;
    src.ascii = !(parent < 0 || ptype == "course" || ptype == "chapter" || ptype == "sequential" ||
                  ptype == "vertical");
    return src;
  }

  // The canonical usage key: joined directly when every part is plain ASCII
  // (the common case), else built and checked by keys/.
  Status UsageKeyOf(std::string_view tag, std::string_view url_name, std::string* out) {
    if (!key_prefix_.empty() && internal::IsPlainKeyId(tag) && internal::IsPlainKeyId(url_name)) {
      out->reserve(key_prefix_.size() + tag.size() + url_name.size() + 7);
      *out = key_prefix_;
      *out += tag;
      *out += "+block@";
      *out += url_name;
      return Status::OK();
    }
    Result<keys::Key> key = keys::MakeUsageKey(context_.view(), tag, url_name);
    if (!key.ok()) return key.status();
    *out = key->ToString();
    return Status::OK();
  }

  int32_t BuildBlock(const pugi::xml_node& node, std::string_view tag, std::string url_name,
                     const OpenFile& file, const internal::ElementSource& naming, int32_t parent,
                     uint32_t depth, bool own_file, bool draft) {
    BlockIdSet& seen = draft ? seen_drafts_ : seen_;
    if (url_name.empty()) {
      url_name = internal::FallbackUrlName(tag, internal::LxmlToString(naming));
    }
    if (seen.count(BlockId{tag, url_name}) != 0) {
      if (internal::RequiresUniqueUrlName(tag)) {
        std::string renamed =
            internal::FallbackUrlName(tag, internal::LxmlToString(naming), url_name);
        Report(Severity::kError, file.rel, file.text, ElementOffset(node),
               "duplicate url_name '" + url_name + "' for <" + std::string(tag) +
                   ">; renamed to '" + renamed + "'");
        url_name = renamed;
      } else {
        Report(
            Severity::kWarning, file.rel, file.text, ElementOffset(node),
            "duplicate usage " + std::string(tag) + "/" + url_name + "; the last definition wins");
      }
    }
    uint32_t index = static_cast<uint32_t>(course_->blocks.size());
    course_->blocks.emplace_back();
    {
      CourseBlock& b = course_->blocks.back();
      b.url_name = std::move(url_name);
      b.parent = parent;
      b.file = file.rel;
      b.line = internal::PositionOf(file.text, ElementOffset(node)).line;
      b.own_file = own_file;
      b.draft = draft;
      b.definition.block_type = tag;
      size_t num_attrs = 0;
      for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) ++num_attrs;
      b.definition.attributes.reserve(num_attrs);
      for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        std::string_view name = a.name();
        if (draft && name == "parent_url") b.draft_parent = a.value();
        if (draft && name == "parent_sequential_url" && b.draft_parent.empty()) {
          b.draft_parent = a.value();
        }
        if (draft && name == "index_in_children_list") b.draft_index = a.value();
        if (IsStrippedAttribute(name, draft)) continue;
        b.definition.attributes.push_back(Attribute{a.name(), a.value()});
      }
      std::sort(b.definition.attributes.begin(), b.definition.attributes.end(),
                [](const Attribute& x, const Attribute& y) { return x.name < y.name; });
      // The set views the block's own strings: a deque never moves its elements.
      seen.insert(BlockId{b.definition.block_type, b.url_name});
      if (!policy_.empty()) {
        auto pol = policy_.find(std::string(tag) + "/" + b.url_name);
        if (pol != policy_.end()) internal::ApplyPolicy(pol->second, &b.definition.attributes);
      }
      if (context_ok_) {
        Status st = UsageKeyOf(tag, b.url_name, &b.usage_key);
        if (!st.ok()) {
          Report(Severity::kError, file.rel, file.text, ElementOffset(node),
                 "no usage key for " + std::string(tag) + "/" + b.url_name + ": " + st.message());
        }
      }
    }
    if (parent >= 0) course_->blocks[static_cast<size_t>(parent)].children.push_back(index);

    const BlockSchema* schema = FindBlockSchema(tag);
    if (schema != nullptr && schema->has_children) {
      std::string body;
      for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (IsNonBlockChild(tag, c)) {
          body += internal::PrintRaw(c);
          continue;
        }
        ProcessElement(c, file, static_cast<int32_t>(index), depth + 1, draft);
      }
      course_->blocks[index].definition.body = std::move(body);
    } else if (tag == "html" && node.attribute("filename").value()[0] != '\0') {
      LoadHtmlBody(node, file, &course_->blocks[index]);
    } else {
      course_->blocks[index].definition.body = InnerMarkup(node, file);
    }
    internal::DeriveFields(&course_->blocks[index].definition);
    if (draft && parent < 0) course_->draft_roots.push_back(index);
    return static_cast<int32_t>(index);
  }

  // drafts/<type>/*.xml: units carrying index_in_children_list are roots;
  // everything else is reached through their pointers.
  void LoadDrafts() {
    for (const std::string& type : internal::ListDirectories(root_ + "drafts")) {
      for (const std::string& name : internal::ListFiles(root_ + "drafts/" + type)) {
        if (StartsWith(name, "._") || !EndsWith(name, ".xml")) continue;
        std::string rel = "drafts/" + type + "/" + name;
        auto file = std::make_unique<OpenFile>();
        file->rel = rel;
        Result<std::string> bytes = internal::ReadFile(root_ + rel, options_.max_file_bytes);
        if (!bytes.ok()) {
          ReportFile(Severity::kError, rel, bytes.status().message());
          continue;
        }
        // Like the importer, only units (files mentioning index_in_children_list)
        // are roots; the rest load through their pointers, reported once there.
        if (bytes->find("index_in_children_list") == std::string::npos) {
          // Not a unit: kept for the draft pointer that will load it next.
          draft_bytes_.emplace(rel, std::move(bytes).value());
          continue;
        }
        file->text = std::move(bytes).value();
        Status st = ParseOpened(file.get());
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
        BuildBlock(root, root.name(), stem, *file, SourceOf(root, *file, -1), -1, 1,
                   /*own_file=*/true, /*draft=*/true);
        path_.pop_back();
      }
    }
    draft_bytes_.clear();
  }

  // about/ info/ tabs/ custom_tags/: one block per slug, data from SLUG.*
  // (the per-run directory overriding), other fields from SLUG.FIELD.json.
  void LoadExtras() {
    std::vector<internal::ExtraFile> files = internal::ListExtraContent(
        root_, course_->run, options_.max_file_bytes, &course_->diagnostics);
    if (files.empty() || course_->blocks.empty()) return;
    const std::string* tabs_json = course_->blocks[0].definition.attribute("tabs");
    std::map<std::string, internal::StaticTab> tabs;
    if (tabs_json != nullptr) tabs = internal::StaticTabsOf(*tabs_json);
    std::map<std::string, uint32_t> by_id;
    std::map<uint32_t, std::vector<FieldValue>> json_fields;
    for (internal::ExtraFile& f : files) {
      std::string id = std::string(f.category) + "/" + f.slug;
      auto [it, added] = by_id.emplace(id, static_cast<uint32_t>(course_->blocks.size()));
      if (added) {
        course_->extra_roots.push_back(it->second);
        CourseBlock& b = course_->blocks.emplace_back();
        b.url_name = f.slug;
        b.file = f.rel;
        b.own_file = true;
        b.definition.block_type = std::string(f.category);
        auto tab = tabs.find(f.slug);
        if (f.category == "static_tab" && tab != tabs.end()) {
          if (tab->second.course_staff_only) {
            b.definition.attributes.push_back(Attribute{"course_staff_only", "true"});
          }
          b.definition.attributes.push_back(Attribute{"display_name", tab->second.name});
        }
        if (context_ok_) {
          Status st = UsageKeyOf(f.category, f.slug, &b.usage_key);
          if (!st.ok())
            ReportFile(Severity::kError, f.rel, "no usage key for " + id + ": " + st.message());
        }
      }
      CourseBlock& b = course_->blocks[it->second];
      if (f.field == "data") {
        b.definition.body = std::move(f.text);
        b.file = f.rel;
      } else {
        std::vector<FieldValue>& fields = json_fields[it->second];
        fields.push_back(FieldValue{f.field, std::move(f.text), FieldScope::kContent});
      }
    }
    for (uint32_t index : course_->extra_roots) {
      Definition& def = course_->blocks[index].definition;
      internal::DeriveFields(&def);
      for (FieldValue& extra : json_fields[index]) internal::SetField(std::move(extra), &def);
    }
  }

  std::string root_;
  const CourseLoadOptions& options_;
  Course* course_;
  internal::PolicyMap policy_;
  BlockIdSet seen_, seen_drafts_;
  std::vector<const std::string*> path_;  // files being loaded, outermost first
  std::string key_prefix_;                // "block-v1:ORG+COURSE+RUN+type@" when keys can be joined
  // Draft files read while looking for units, by relative path, until a
  // pointer claims them (so each file is read once).
  std::unordered_map<std::string, std::string> draft_bytes_;
  keys::Key context_;
  bool context_ok_ = false;
  bool too_many_reported_ = false;
};

}  // namespace

Result<Course> LoadCourse(std::string_view dir, const CourseLoadOptions& options) {
  Course course;
  course.root_dir = std::string(dir);
  Loader loader(std::string(dir), options, &course);
  Status st = loader.Run();
  if (!st.ok()) return st;
  return course;
}

}  // namespace blockrt::olx
