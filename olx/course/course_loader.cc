// LoadCourse: the XML modulestore's import walk (course-olx-format.md §1-5).
// One pugixml document is alive per open file on the recursion path, so memory
// stays proportional to the tree, not to the export's bytes. Files, their
// buffers and the scratch strings are reused, so a block costs only the
// allocations its own strings need.
#include "olx/course/internal/course_loader.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "olx/course/course.h"
#include "olx/course/internal/course_definition.h"
#include "olx/course/internal/course_rules.h"
#include "olx/course/internal/text_symlink.h"
#include "olx/course/internal/url_name.h"
#include "olx/internal/definition_fields.h"
#include "olx/internal/olx_path.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx {
namespace internal {

uint32_t OpenFile::LineOf(size_t offset) const {
  if (offset < line_offset) {  // out of document order (rare): count from the top
    line_offset = 0;
    line_start = 0;
    line = 1;
  }
  offset = std::min(offset, text.size());
  const char* p = text.data() + line_offset;
  const char* end = text.data() + offset;
  while (const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p))) {
    p = static_cast<const char*>(nl) + 1;
    ++line;
    line_start = static_cast<size_t>(p - text.data());
  }
  line_offset = offset;
  return line;
}

TextPosition OpenFile::PositionAt(size_t offset) const {
  TextPosition pos;
  pos.line = LineOf(offset);
  pos.column = static_cast<uint32_t>(std::min(offset, text.size()) - line_start + 1);
  return pos;
}

CourseLoader::FileHandle::FileHandle(CourseLoader* loader) : loader_(loader) {
  if (loader->spare_files_.empty()) {
    file_ = std::make_unique<OpenFile>();
  } else {
    file_ = std::move(loader->spare_files_.back());
    loader->spare_files_.pop_back();
  }
  file_->line_offset = 0;
  file_->line_start = 0;
  file_->line = 1;
  file_->lxml_cursor = LxmlCursor();
  file_->saved_rel = std::string_view();
}

CourseLoader::FileHandle::~FileHandle() { loader_->spare_files_.push_back(std::move(file_)); }

CourseLoader::CourseLoader(const FileSource& files, const CourseLoadOptions& options,
                           Course* course)
    : files_(files), options_(options), course_(course) {}

Status CourseLoader::Run() {
  bool is_library = false;
  std::string root_rel = "course.xml";
  if (!files_.IsFile(root_rel)) {
    if (!files_.IsFile("library.xml")) {
      return Status::NotFound(files_.Describe("") + ": no course.xml or library.xml");
    }
    root_rel = "library.xml";
    is_library = true;
  }
  root_rel = FollowTextSymlink(root_rel);
  FileHandle file(this);
  file->rel = root_rel;
  Status st = Open(&*file);
  if (!st.ok()) return st;
  pugi::xml_node root = file->doc.document_element();
  course_->kind = is_library ? Course::Kind::kLibrary : Course::Kind::kCourse;
  std::string want = is_library ? "library" : "course";
  if (want != root.name()) {
    return LocatedError(root_rel, file->text, ElementOffset(root),
                        "expected a <" + want + "> root element, got <" + root.name() + ">");
  }
  SetIdentity(root, is_library, *file);
  LoadPolicies();
  path_.push_back(&file->rel);
  int32_t index = is_library ? BuildBlock(root, root.name(), UrlNameOf(root), *file, root, *file,
                                          -1, -1, 1, /*own_file=*/false, /*draft=*/false)
                             : ProcessElement(root, *file, -1, 1, false);
  path_.pop_back();
  if (index < 0) return Status::ParseError(root_rel + ": the root block could not be loaded");
  if (options_.load_drafts && files_.IsDirectory("drafts")) LoadDrafts();
  if (duplicates_) ShareLastDefinitions();
  if (course_->kind == Course::Kind::kCourse) LoadExtras();
  return Status::OK();
}

void CourseLoader::Report(Severity sev, const std::string& rel, std::string_view text,
                          size_t offset, std::string message) {
  TextPosition pos = PositionOf(text, offset);
  course_->diagnostics.push_back(
      Diagnostic{sev, rel, pos.line, pos.column, std::move(message), {}});
}

void CourseLoader::Report(Severity sev, const OpenFile& file, size_t offset, std::string message) {
  TextPosition pos = file.PositionAt(offset);
  course_->diagnostics.push_back(
      Diagnostic{sev, file.rel, pos.line, pos.column, std::move(message), {}});
}

void CourseLoader::ReportFile(Severity sev, const std::string& rel, std::string message) {
  course_->diagnostics.push_back(Diagnostic{sev, rel, 0, 0, std::move(message), {}});
}

// A located Status message is "path:L:C: error: msg\n<line>\n<caret>".
void CourseLoader::ReportStatus(const std::string& rel, const Status& st) {
  course_->diagnostics.push_back(DiagnosticFromStatus(rel, st));
}

Status CourseLoader::Open(OpenFile* file) {
  if (!draft_bytes_.empty()) {
    auto cached = draft_bytes_.find(file->rel);
    if (cached != draft_bytes_.end()) {
      file->text = std::move(cached->second);
      draft_bytes_.erase(cached);
      return ParseOpened(file);
    }
  }
  BLOCKRT_RETURN_IF_ERROR(files_.Read(file->rel, options_.max_file_bytes, &file->text));
  return ParseOpened(file);
}

Status CourseLoader::ParseOpened(OpenFile* file) {
  return LoadXml(file->rel, file->text, ScanLimits{options_.max_file_bytes, options_.max_depth * 4},
                 &file->doc, &file->extent, &file->parse_buffer);
}

// A git symlink checked out without symlink support is a text file holding
// the target path (observed: conditional_and_poll/course.xml). Follow it when
// it names a file inside the export.
std::string CourseLoader::FollowTextSymlink(const std::string& rel) {
  std::optional<std::string> target = TextSymlinkTarget(files_, rel);
  if (!target) return rel;
  ReportFile(Severity::kWarning, rel,
             "holds only the path '" + *target + "' (a git symlink stored as text); following it");
  return *target;
}

// Resolves pointers and legacy filename= references, then builds the block.
int32_t CourseLoader::ProcessElement(const pugi::xml_node& node, OpenFile& file, int32_t parent,
                                     uint32_t depth, bool draft) {
  if (depth > options_.max_depth) {
    Report(Severity::kError, file, ElementOffset(node),
           "blocks nested deeper than " + std::to_string(options_.max_depth));
    return -1;
  }
  if (course_->blocks.size() >= options_.max_blocks) {
    if (!too_many_reported_) {
      Report(Severity::kError, file, ElementOffset(node),
             "more than " + std::to_string(options_.max_blocks) + " blocks; stopped loading");
      too_many_reported_ = true;
    }
    return -1;
  }
  std::string_view tag = node.name();
  KnownAttributes known = ReadKnownAttributes(node);
  if (IsPointer(node, known)) {
    std::string_view url_name = known.url_name;
    std::string renamed;
    if (!RenamedPointer(node, file, parent, tag, url_name, draft, &renamed)) return -1;
    if (!renamed.empty()) url_name = renamed;
    FileHandle target(this);
    std::string& rel = target->rel;
    rel.assign(tag);
    rel += '/';
    AppendUrlNamePath(&rel, url_name);
    rel += ".xml";
    if (!SafePath(rel, file, node, "url_name")) return -1;
    if (draft) {
      scratch_.assign("drafts/");
      scratch_ += rel;
      if (files_.IsFile(scratch_)) rel = scratch_;
    }
    if (IsOnPath(rel, file, node)) return -1;
    Status st = Open(&*target);
    if (!st.ok()) {
      if (st.IsNotFound()) {
        Report(Severity::kError, file, ElementOffset(node),
               "<" + std::string(tag) + " url_name=\"" + std::string(url_name) + "\"/> points to " +
                   rel + ", which does not exist");
      } else {
        ReportStatus(rel, st);
      }
      return -1;
    }
    pugi::xml_node froot = target->doc.document_element();
    // XmlMixin.parse_xml follows one pointer: a target that is itself a
    // pointer elsewhere is read as an empty definition (seen: a nested export
    // whose course/course.xml points at course/<run>.xml). Pointing at its
    // own file is harmless (an empty block either way) and not reported.
    if (KnownAttributes inner = ReadKnownAttributes(froot);
        IsPointer(froot, inner) && (froot.name() != tag || inner.url_name != url_name)) {
      Report(Severity::kError, *target, ElementOffset(froot),
             "holds only a pointer to " + std::string(froot.name()) + "/" +
                 UrlNameToPath(inner.url_name) +
                 ".xml, which is not followed (a pointer's file must hold the definition); <" +
                 std::string(tag) + " url_name=\"" + std::string(url_name) + "\"> loads empty");
    }
    path_.push_back(&target->rel);
    int32_t index = BuildBlock(froot, tag, url_name, *target, node, file, parent, parent, depth,
                               /*own_file=*/true, draft);
    path_.pop_back();
    return index;
  }
  // url_name and slug are used as written (no copy); name and display_name
  // are cleaned first.
  std::string cleaned;
  std::string_view url_name = !known.url_name.empty() ? known.url_name
                              : !known.slug.empty()   ? known.slug
                                                    : std::string_view(cleaned = UrlNameOf(known));
  std::string_view filename = known.filename;
  if (!filename.empty() && tag != "html") {
    return ProcessLegacyFilename(node, file, tag, std::string(url_name), std::string(filename),
                                 parent, depth, draft);
  }
  return BuildBlock(node, tag, url_name, file, node, file, parent, parent, depth,
                    /*own_file=*/false, draft);
}

// make_name_unique renames a repeated url_name of a state-keeping type on the
// pointer itself, before the pointer is followed: the renamed pointer names
// TYPE/<fallback>.xml, which (almost) never exists, so the reference loads an
// error block in its place and the repeated use is lost. False when the child
// is dropped (reported); *renamed is the name to follow, "" when not renamed.
bool CourseLoader::RenamedPointer(const pugi::xml_node& node, OpenFile& file, int32_t parent,
                                  std::string_view tag, std::string_view url_name, bool draft,
                                  std::string* renamed) {
  BlockIdSet& seen = draft ? seen_drafts_ : seen_;
  if (!RequiresUniqueUrlName(tag) ||
      !seen.Contains(BlockIdSet::HashOf(tag, url_name), tag, url_name)) {
    return true;
  }
  *renamed =
      FallbackUrlName(tag, LxmlToString(SourceOf(node, file, parent), &file.lxml_cursor), url_name);
  std::string rel(tag);
  rel += '/';
  AppendUrlNamePath(&rel, *renamed);
  rel += ".xml";
  std::string message = "duplicate url_name '" + std::string(url_name) + "' for <" +
                        std::string(tag) + ">; renamed to '" + *renamed + "'";
  if (draft && files_.IsFile("drafts/" + rel)) rel = "drafts/" + rel;
  if (files_.IsFile(rel)) {
    Report(Severity::kError, file, ElementOffset(node), std::move(message));
    return true;  // followed (and named) as renamed
  }
  Report(Severity::kError, file, ElementOffset(node),
         message + ", whose file " + rel + " does not exist; child dropped");
  // The reference marks the new name used before the load fails.
  std::string_view kept = course_->arena.Copy(*renamed);
  seen.Insert(BlockIdSet::HashOf(tag, kept), StableType(tag, FindBlockSchema(tag)), kept);
  return false;
}

// <T filename="x" .../>: T/x.xml (CAPA also problems/x.xml and x.xml), with the
// referring element's attributes merged over the file's root.
int32_t CourseLoader::ProcessLegacyFilename(const pugi::xml_node& node, OpenFile& file,
                                            std::string_view tag, const std::string& url_name,
                                            const std::string& filename, int32_t parent,
                                            uint32_t depth, bool draft) {
  std::string base =
      EndsWith(filename, ".xml") ? filename.substr(0, filename.size() - 4) : filename;
  std::vector<std::string> candidates{std::string(tag) + "/" + base + ".xml"};
  if (tag == "problem") {
    candidates.push_back("problems/" + base + ".xml");
    candidates.push_back(base + ".xml");
  }
  for (const std::string& rel : candidates) {
    if (!SafePath(rel, file, node, "filename")) return -1;
    if (!files_.IsFile(rel)) continue;
    if (IsOnPath(rel, file, node)) return -1;
    FileHandle target(this);
    target->rel = rel;
    Status st = Open(&*target);
    if (!st.ok()) {
      ReportStatus(rel, st);
      return -1;
    }
    pugi::xml_node froot = target->doc.document_element();
    // By name through a map: pugixml's attribute(name) is a linear search.
    std::unordered_map<std::string_view, pugi::xml_attribute> own;
    for (pugi::xml_attribute a = froot.first_attribute(); a; a = a.next_attribute()) {
      own.emplace(a.name(), a);
    }
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
      auto it = own.find(a.name());
      pugi::xml_attribute existing =
          it != own.end() ? it->second : froot.append_attribute(a.name());
      existing.set_value(a.value());
    }
    std::string name = url_name.empty() ? UrlNameOf(froot) : url_name;
    path_.push_back(&target->rel);
    int32_t index = BuildBlock(froot, tag, name, *target, node, file, parent, parent, depth,
                               /*own_file=*/false, draft);
    path_.pop_back();
    return index;
  }
  Report(Severity::kError, file, ElementOffset(node),
         "<" + std::string(tag) + " filename=\"" + filename + "\"> refers to " + candidates[0] +
             ", which does not exist");
  return -1;
}

// The path rule (olx_path.h) for a path built from `node`'s `what`
// attribute; reported at the element when broken.
bool CourseLoader::SafePath(const std::string& rel, const OpenFile& file,
                            const pugi::xml_node& node, std::string_view what) {
  Status st = CheckRelativePath(rel);
  if (st.ok()) return true;
  Report(Severity::kError, file, ElementOffset(node),
         "<" + std::string(node.name()) + "> " + std::string(what) + " gives the unsafe path '" +
             rel + "' (" + st.message() + "); not read");
  return false;
}

// A file that (indirectly) points at itself would recurse until max_depth
// and multiply the tree; report the cycle and skip the pointer instead.
bool CourseLoader::IsOnPath(const std::string& rel, const OpenFile& file,
                            const pugi::xml_node& node) {
  auto same = [&rel](const std::string* p) { return *p == rel; };
  if (rel != file.rel && std::none_of(path_.begin(), path_.end(), same)) return false;
  std::string cycle;
  bool in_cycle = false;
  for (const std::string* p : path_) {
    in_cycle = in_cycle || *p == rel;
    if (in_cycle) cycle += *p + " -> ";
  }
  if (cycle.empty()) cycle = file.rel + " -> ";
  Report(Severity::kError, file, ElementOffset(node),
         "pointer cycle: " + cycle + rel + "; not followed");
  return true;
}

// The html body: html/<filename>.html and HtmlBlock.backcompat_paths.
void CourseLoader::LoadHtmlBody(const pugi::xml_node& node, const OpenFile& file,
                                std::string_view type, CourseBlock* block) {
  std::string filename = node.attribute("filename").value();
  std::vector<std::string> candidates;
  AddHtmlCandidates(HtmlBodyDir(block->url_name, block->draft), filename, &candidates);
  // Draft html may keep its body next to the published one.
  if (block->draft) AddHtmlCandidates(HtmlBodyDir(block->url_name, false), filename, &candidates);
  Arena& arena = course_->arena;
  std::string& body = scratch_;
  for (const std::string& rel : candidates) {
    if (!SafePath(rel, file, node, "filename")) {
      BuildCourseDefinition(&arena, type, FindBlockSchema(type), attr_views_, "", &element_,
                            &block->definition);
      return;
    }
    if (options_.defer_html_bodies && files_.IsFile(rel)) {
      BuildCourseDefinition(&arena, type, FindBlockSchema(type), attr_views_, "", &element_,
                            &block->definition);
      block->html_file = arena.Copy(rel);
      block->body_deferred = true;
      return;
    }
    Status st = files_.Read(rel, options_.max_file_bytes, &body);
    if (st.ok()) {
      BuildCourseDefinition(&arena, type, FindBlockSchema(type), attr_views_, body, &element_,
                            &block->definition);
      block->html_file = arena.Copy(rel);
      return;
    }
    if (!st.IsNotFound()) {
      ReportFile(Severity::kError, rel, st.message());
      BuildCourseDefinition(&arena, type, FindBlockSchema(type), attr_views_, "", &element_,
                            &block->definition);
      return;
    }
  }
  Report(Severity::kError, file, ElementOffset(node),
         "html body " + candidates[0] + " does not exist");
  BuildCourseDefinition(&arena, type, FindBlockSchema(type), attr_views_, "", &element_,
                        &block->definition);
}

// The bytes the reference hashes for a generated url_name: the element as
// written in `file` (the pointer or inline element, not a pointer's target),
// printed by lxml as its parent's definition_from_xml prints it.
ElementSource CourseLoader::SourceOf(const pugi::xml_node& node, const OpenFile& file,
                                     int32_t parent) const {
  ElementSource src;
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
Status CourseLoader::UsageKeyOf(std::string_view tag, std::string_view url_name,
                                std::string_view* out) {
  if (!key_prefix_.empty() && IsPlainKeyId(tag) && IsPlainKeyId(url_name)) {
    // Joined straight into the arena at its exact size.
    size_t size = key_prefix_.size() + tag.size() + 7 + url_name.size();
    char* p = course_->arena.Allocate<char>(size);
    *out = std::string_view(p, size);
    std::memcpy(p, key_prefix_.data(), key_prefix_.size());
    p += key_prefix_.size();
    std::memcpy(p, tag.data(), tag.size());
    p += tag.size();
    std::memcpy(p, "+block@", 7);
    std::memcpy(p + 7, url_name.data(), url_name.size());
    return Status::OK();
  }
  Result<keys::Key> key = keys::MakeUsageKey(context_.view(), tag, url_name);
  if (!key.ok()) return key.status();
  *out = course_->arena.Copy(key->ToString());
  return Status::OK();
}

// `naming_*` is the element as written where the reference names it (for a
// pointer: the pointer in its parent's file); it is printed only when a name
// has to be generated.
// `naming_*` is the element as written where the reference names it (for a
// pointer: the pointer in its parent's file); it is printed only when a name
// has to be generated.
int32_t CourseLoader::BuildBlock(const pugi::xml_node& node, std::string_view tag,
                                 std::string_view url_name, OpenFile& file,
                                 const pugi::xml_node& naming_node, const OpenFile& naming_file,
                                 int32_t naming_parent, int32_t parent, uint32_t depth,
                                 bool own_file, bool draft) {
  BlockIdSet& seen = draft ? seen_drafts_ : seen_;
  auto naming = [&] {
    return LxmlToString(SourceOf(naming_node, naming_file, naming_parent),
                        &naming_file.lxml_cursor);
  };
  std::string generated;  // a fallback or renamed url_name (rare)
  if (url_name.empty()) url_name = generated = FallbackUrlName(tag, naming());
  if (Status st = CheckRelativePath(UrlNameToPath(url_name)); !st.ok()) {
    // It could never be written as TYPE/URL_NAME.xml (nor pointed to).
    Report(Severity::kError, file, ElementOffset(node),
           "url_name '" + std::string(url_name) + "' of <" + std::string(tag) +
               "> is not a safe file name (" + st.message() + "); block skipped");
    return -1;
  }
  size_t id_hash = BlockIdSet::HashOf(tag, url_name);
  if (seen.Contains(id_hash, tag, url_name)) {
    std::string name(url_name);
    if (RequiresUniqueUrlName(tag)) {
      std::string renamed = FallbackUrlName(tag, naming(), name);
      Report(Severity::kError, file, ElementOffset(node),
             "duplicate url_name '" + name + "' for <" + std::string(tag) + ">; renamed to '" +
                 renamed + "'");
      url_name = generated = std::move(renamed);
      id_hash = BlockIdSet::HashOf(tag, url_name);
    } else {
      Report(Severity::kWarning, file, ElementOffset(node),
             "duplicate usage " + std::string(tag) + "/" + name + "; the last definition wins");
      duplicates_ = true;
    }
  }
  Arena& arena = course_->arena;
  uint32_t index = static_cast<uint32_t>(course_->blocks.size());
  // Blocks never move (chunked storage), so `b` stays valid while children
  // are appended below.
  CourseBlock& b = course_->blocks.emplace_back();
  const BlockSchema* schema = FindBlockSchema(tag);
  std::string_view type = StableType(tag, schema);
  b.url_name = arena.Copy(url_name);
  b.parent = parent;
  if (file.saved_rel.empty()) file.saved_rel = arena.Copy(file.rel);
  b.file = file.saved_rel;
  b.line = file.LineOf(ElementOffset(node));
  b.own_file = own_file;
  b.draft = draft;
  // Attributes are gathered and sorted as views of the DOM (and the policy),
  // then copied once, in order, into the arena.
  std::vector<CourseAttribute>& attrs = attr_views_;
  attrs.clear();
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    if (draft) {
      if (name == "parent_url") b.draft_parent = arena.Copy(a.value());
      if (name == "parent_sequential_url" && b.draft_parent.empty()) {
        b.draft_parent = arena.Copy(a.value());
      }
      if (name == "index_in_children_list") b.draft_index = arena.Copy(a.value());
    }
    if (IsStrippedAttribute(name, draft)) continue;
    attrs.push_back(CourseAttribute{name, a.value()});
  }
  std::sort(attrs.begin(), attrs.end(),
            [](const CourseAttribute& x, const CourseAttribute& y) { return x.name < y.name; });
  const std::vector<CourseAttribute>* data_attrs = nullptr;  // nullptr: attrs
  seen.Insert(id_hash, type, b.url_name);
  if (!policy_.empty()) {
    scratch_.assign(tag);
    scratch_ += '/';
    scratch_ += b.url_name;
    auto pol = policy_.find(scratch_);
    if (pol != policy_.end()) {
      // A problem's data keeps the element's own attributes, not the policy's.
      if (schema != nullptr && schema->data_kind == DataKind::kWholeElement) {
        element_attrs_.assign(attrs.begin(), attrs.end());
        data_attrs = &element_attrs_;
      }
      ApplyPolicy(pol->second, &attrs);
    }
  }
  if (context_ok_) {
    Status st = UsageKeyOf(tag, b.url_name, &b.usage_key);
    if (!st.ok()) {
      Report(Severity::kError, file, ElementOffset(node),
             "no usage key for " + std::string(tag) + "/" + std::string(b.url_name) + ": " +
                 st.message());
    }
  }

  if (schema != nullptr && schema->has_children) {
    // The definition first (attrs is reused by the children), then the children.
    std::string body;
    size_t num_children = 0;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (IsNonBlockChild(tag, c)) {
        body += PrintRaw(c);
      } else {
        ++num_children;
      }
    }
    BuildCourseDefinition(&arena, type, schema, attrs, body, &element_, &b.definition);
    if (child_lists_.size() <= depth) child_lists_.resize(depth + 1);
    std::vector<uint32_t>& kids = child_lists_[depth];
    kids.clear();
    kids.reserve(num_children);
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || IsNonBlockChild(tag, c)) continue;
      int32_t child = ProcessElement(c, file, static_cast<int32_t>(index), depth + 1, draft);
      if (child >= 0) kids.push_back(static_cast<uint32_t>(child));
    }
    uint32_t* saved = arena.Allocate<uint32_t>(kids.size());
    std::copy(kids.begin(), kids.end(), saved);
    b.children = ViewList<uint32_t>(saved, kids.size());
  } else if (tag == "html" && node.attribute("filename").value()[0] != '\0') {
    LoadHtmlBody(node, file, type, &b);
  } else if (node == file.doc.document_element()) {
    std::string_view markup = std::string_view(file.text).substr(
        file.extent.content_begin, file.extent.content_end - file.extent.content_begin);
    BuildCourseDefinition(&arena, type, schema, attrs, markup, &element_, &b.definition,
                          data_attrs);
  } else {
    std::string inner;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) inner += PrintRaw(c);
    BuildCourseDefinition(&arena, type, schema, attrs, inner, &element_, &b.definition, data_attrs);
  }
  if (draft && parent < 0) course_->draft_roots.push_back(index);
  return static_cast<int32_t>(index);
}

// Blocks sharing a usage id are one block to the reference (its modulestore
// keeps the last one loaded): every occurrence takes the last definition and
// children, so the tree says what the course means and an export (one file
// per usage) loads back to the same tree.
void CourseLoader::ShareLastDefinitions() {
  std::unordered_map<std::string, uint32_t> last;
  std::string id;
  for (uint32_t i = 0; i < course_->blocks.size(); ++i) {
    const CourseBlock& b = course_->blocks[i];
    id.assign(b.draft ? "d/" : "p/");
    id += b.definition.block_type;
    id += '/';
    id += b.url_name;
    last[id] = i;
  }
  for (uint32_t i = 0; i < course_->blocks.size(); ++i) {
    CourseBlock& b = course_->blocks[i];
    id.assign(b.draft ? "d/" : "p/");
    id += b.definition.block_type;
    id += '/';
    id += b.url_name;
    uint32_t winner = last[id];
    if (winner == i) continue;
    const CourseBlock& w = course_->blocks[winner];
    b.definition = w.definition;
    b.children = w.children;
    b.html_file = w.html_file;
  }
}

// A block type that outlives the load: the schema's own name, else a copy.
std::string_view CourseLoader::StableType(std::string_view tag, const BlockSchema* schema) {
  return schema != nullptr ? schema->block_type : course_->arena.Copy(tag);
}

}  // namespace internal

Result<Course> LoadCourse(const FileSource& files, const CourseLoadOptions& options) {
  Course course;
  course.root_dir = files.Describe("");
  internal::CourseLoader loader(files, options, &course);
  Status st = loader.Run();
  if (!st.ok()) return st;
  return course;
}

Result<Course> LoadCourse(std::string_view dir, const CourseLoadOptions& options) {
  std::unique_ptr<FileSource> files = OpenDirectorySource(std::string(dir));
  return LoadCourse(*files, options);
}

}  // namespace blockrt::olx
