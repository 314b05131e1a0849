// SyncLibraryCopies / AddLibraryCopy: one CourseDocument carries every
// change. A block whose copy changes is rewritten whole as its own file (its
// settings attributes kept as written); its parent's file is edited in place
// (pointers removed or inserted) while the kept children keep their order,
// else the parent's children are written anew as pointers.
#include "olx/course/library_copy_edit.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "olx/course/internal/course_document.h"
#include "olx/course/internal/course_rules.h"
#include "olx/course/internal/document_edits.h"
#include "olx/course/internal/url_name.h"
#include "olx/internal/definition_fields.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx {
namespace {

using internal::CourseDocument;
using internal::XmlElement;

constexpr std::string_view kDefaultPrefix = "default-";

bool IsContainer(std::string_view type, const LibraryCopy* copy) {
  const BlockSchema* schema = FindBlockSchema(type);
  return (schema != nullptr && schema->has_children) ||
         (copy != nullptr && !copy->children.empty());
}

// A copy's attributes as its file holds them: library settings as
// default-NAME, content as written.
struct CopyAttributes {
  AttributePairs defaults, content;
};

CopyAttributes SplitCopy(const LibraryCopy& copy) {
  CopyAttributes out;
  for (const auto& [name, value] : copy.library_attributes) {
    switch (ClassifyLibraryAttribute(copy.type, name)) {
      case LibraryAttributeKind::kSetting:
        out.defaults.emplace_back(std::string(kDefaultPrefix) + name, value);
        break;
      case LibraryAttributeKind::kContent:
        out.content.emplace_back(name, value);
        break;
      case LibraryAttributeKind::kDropped:
        break;
    }
  }
  std::sort(out.defaults.begin(), out.defaults.end());
  std::sort(out.content.begin(), out.content.end());
  return out;
}

// An existing block's attributes as its element writes them, sorted by kind.
struct OwnAttributes {
  AttributePairs settings, defaults, content;
};

OwnAttributes SplitOwn(std::string_view type, const pugi::xml_node& element) {
  OwnAttributes out;
  for (pugi::xml_attribute a = element.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    if (internal::StartsWith(name, kDefaultPrefix)) {
      out.defaults.emplace_back(name, a.value());
      continue;
    }
    switch (ClassifyLibraryAttribute(type, name)) {
      case LibraryAttributeKind::kSetting:
        out.settings.emplace_back(name, a.value());
        break;
      case LibraryAttributeKind::kContent:
        out.content.emplace_back(name, a.value());
        break;
      case LibraryAttributeKind::kDropped:
        // A problem's markdown is the course's own editor state: kept.
        if (name == "markdown") out.settings.emplace_back(name, a.value());
        break;
    }
  }
  std::sort(out.defaults.begin(), out.defaults.end());
  std::sort(out.content.begin(), out.content.end());
  return out;
}

// A block's markup: its data (problem: inside the element) or body; an html
// body the load deferred is read now.
Result<std::string> MarkupOfBlock(const CourseBlock& b, const FileSource& files) {
  if (b.body_deferred) return ReadDeferredHtmlBody(files, b);
  return std::string(
      internal::MarkupOf(b.definition.block_type, b.definition.data(), b.definition.body));
}

std::string Pointer(std::string_view type, std::string_view id) {
  return "<" + std::string(type) + internal::AttributeText("url_name", id) + "/>";
}

class CopyWriter {
 public:
  CopyWriter(const Course& course, const FileSource& files) : doc_(course, files), files_(files) {
    for (uint32_t i = 0; i < course.blocks.size(); ++i) {
      if (doc_.IsExtra(i)) continue;
      const CourseBlock& b = course.blocks[i];
      by_id_.emplace(IdOf(b.definition.block_type, b.url_name), i);
    }
  }

  CourseDocument& doc() { return doc_; }
  std::vector<CopyOutcome>& outcomes() { return outcomes_; }

  // The children of `parent` (its file edited in place) become `copies`.
  // `pin`: keep the parent's derived url_name (SetFieldIn does it itself).
  Status SyncChildren(uint32_t parent, const std::vector<LibraryCopy>& copies, bool pin) {
    const uint32_t w = doc_.Winner(parent);
    BLOCKRT_RETURN_IF_ERROR(CheckParent(w));
    Match m;
    BLOCKRT_RETURN_IF_ERROR(MatchChildren(w, copies, &m));
    // In place while the kept children keep their order and are pointers.
    bool in_place =
        !m.kept_order.empty() && std::is_sorted(m.kept_order.begin(), m.kept_order.end());
    for (size_t i = 0; in_place && i < copies.size(); ++i) {
      if (m.existing[i] && !doc_.block(*m.existing[i]).own_file) in_place = false;
    }
    const bool draft = doc_.block(w).draft;
    std::vector<std::string> pointers;
    std::optional<XmlElement> anchor;
    std::vector<std::string> before_first;
    for (size_t i = 0; i < copies.size(); ++i) {
      const LibraryCopy& copy = copies[i];
      std::string pointer = Pointer(copy.type, copy.id);
      if (m.existing[i]) {
        BLOCKRT_RETURN_IF_ERROR(UpdateKept(*m.existing[i], copy, 0));
        if (in_place) {
          BLOCKRT_ASSIGN_OR_RETURN(XmlElement ref, doc_.ReferenceOf(*m.existing[i]));
          for (const std::string& p : before_first) internal::InsertBeforeElement(ref, p);
          before_first.clear();
          anchor = ref;
        }
      } else {
        BLOCKRT_RETURN_IF_ERROR(WriteNew(copy, draft, 0));
        if (in_place && anchor) {
          internal::InsertAfterElement(*anchor, pointer);
        } else if (in_place) {
          before_first.push_back(pointer);
        }
      }
      pointers.push_back(std::move(pointer));
    }
    BLOCKRT_RETURN_IF_ERROR(Remove(m.removed, /*references=*/in_place, 0));
    BLOCKRT_ASSIGN_OR_RETURN(XmlElement pe, doc_.ElementOf(w));
    if (!in_place) ReplaceChildren(pe, pointers);
    return pin ? doc_.PinNames(w, pe, "", nullptr) : Status::OK();
  }

  // `copy` as a new child of `parent` after `after` (or appended).
  Status AddChild(uint32_t parent, std::optional<uint32_t> after, const LibraryCopy& copy) {
    const uint32_t w = doc_.Winner(parent);
    BLOCKRT_RETURN_IF_ERROR(CheckParent(w));
    std::optional<XmlElement> sibling;
    if (after) {
      BLOCKRT_RETURN_IF_ERROR(doc_.CheckIndex(*after));
      const ViewList<uint32_t>& kids = doc_.block(w).children;
      if (std::find(kids.begin(), kids.end(), *after) == kids.end()) {
        return Status::InvalidArgument(doc_.NameOf(*after) + " is not a child of " +
                                       doc_.NameOf(w));
      }
      BLOCKRT_ASSIGN_OR_RETURN(sibling, doc_.ReferenceOf(*after));
    }
    BLOCKRT_RETURN_IF_ERROR(CheckFree(copy, w));
    BLOCKRT_RETURN_IF_ERROR(WriteNew(copy, doc_.block(w).draft, 0));
    std::string pointer = Pointer(copy.type, copy.id);
    BLOCKRT_ASSIGN_OR_RETURN(XmlElement pe, doc_.ElementOf(w));
    if (sibling) {
      internal::InsertAfterElement(*sibling, pointer);
    } else {
      BLOCKRT_RETURN_IF_ERROR(internal::AppendChildText(pe, pointer));
    }
    return doc_.PinNames(w, pe, "", nullptr);
  }

 private:
  struct Match {
    std::vector<std::optional<uint32_t>> existing;  // per copy: the kept child
    std::vector<size_t> kept_order;                 // positions of the kept children, in copy order
    std::vector<uint32_t> removed;
  };

  static std::string IdOf(std::string_view type, std::string_view id) {
    std::string out(type);
    out.push_back('/');
    out.append(id);
    return out;
  }

  Status CheckParent(uint32_t w) {
    BLOCKRT_RETURN_IF_ERROR(doc_.CheckIndex(w));
    const BlockSchema* schema = FindBlockSchema(doc_.block(w).definition.block_type);
    if (doc_.IsExtra(w) || schema == nullptr || !schema->has_children) {
      return Status::InvalidArgument(doc_.NameOf(w) + ": " +
                                     std::string(doc_.block(w).definition.block_type) +
                                     " blocks have no children");
    }
    return Status::OK();
  }

  // The existing children of `w` matched to `copies` by TYPE/ID.
  Status MatchChildren(uint32_t w, const std::vector<LibraryCopy>& copies, Match* m) {
    const ViewList<uint32_t>& kids = doc_.block(w).children;
    std::unordered_map<std::string, size_t> position;  // TYPE/ID -> first position among kids
    for (size_t k = 0; k < kids.size(); ++k) {
      const CourseBlock& b = doc_.block(kids[k]);
      position.emplace(IdOf(b.definition.block_type, b.url_name), k);
    }
    std::unordered_map<std::string, size_t> seen;
    std::vector<bool> kept(kids.size(), false);
    for (const LibraryCopy& copy : copies) {
      std::string id = IdOf(copy.type, copy.id);
      if (!seen.emplace(id, 0).second) {
        return Status::InvalidArgument(doc_.NameOf(w) + ": " + id +
                                       ": One or more library component IDs is a duplicate.");
      }
      auto it = position.find(id);
      if (it == position.end()) {
        BLOCKRT_RETURN_IF_ERROR(CheckFree(copy, w));
        m->existing.emplace_back();
        continue;
      }
      kept[it->second] = true;
      m->existing.emplace_back(kids[it->second]);
      m->kept_order.push_back(it->second);
    }
    for (size_t k = 0; k < kids.size(); ++k) {
      if (!kept[k]) m->removed.push_back(kids[k]);
    }
    return Status::OK();
  }

  // `copy` and its subtree may be written as new children of `parent`: no
  // block elsewhere has their TYPE/IDs (the reference's _import_block check).
  Status CheckFree(const LibraryCopy& copy, uint32_t parent) {
    auto it = by_id_.find(IdOf(copy.type, copy.id));
    if (it != by_id_.end()) {
      const CourseBlock& b = doc_.block(it->second);
      std::string where = b.parent >= 0 ? doc_.NameOf(static_cast<uint32_t>(b.parent)) : "nothing";
      return Status::AlreadyExists("Expected existing block " + doc_.NameOf(it->second) +
                                   " to be a child of " + doc_.NameOf(parent) +
                                   " but instead it's a child of " + where);
    }
    std::unordered_map<std::string, size_t> seen;
    for (const LibraryCopy& child : copy.children) {
      std::string id = IdOf(child.type, child.id);
      if (!seen.emplace(id, 0).second) {
        return Status::InvalidArgument(IdOf(copy.type, copy.id) + ": " + id +
                                       ": One or more library component IDs is a duplicate.");
      }
      // The new parent is not a block yet: name the one it is copied under.
      BLOCKRT_RETURN_IF_ERROR(CheckFree(child, parent));
    }
    return Status::OK();
  }

  // The own file path of a new block TYPE/ID.
  static std::string NewPath(std::string_view type, std::string_view id, bool draft) {
    std::string dir = draft ? "drafts/" + std::string(type) : std::string(type);
    return dir + "/" + internal::UrlNameToPath(id) + ".xml";
  }

  // Writes the block's file(s): `attrs` sorted by name, the markup (html:
  // into `html_path` when given, named by `filename`), child pointers.
  void WriteFile(const std::string& path, std::string_view type, AttributePairs attrs,
                 std::string_view body, const std::vector<std::string>& pointers,
                 const std::string& html_path, const std::string& filename) {
    std::sort(attrs.begin(), attrs.end());
    std::string text = "<" + std::string(type);
    if (!html_path.empty()) text += internal::AttributeText("filename", filename);
    for (const auto& [name, value] : attrs) text += internal::AttributeText(name, value);
    std::string inner;
    if (!pointers.empty()) {
      for (const std::string& p : pointers) inner += "\n  " + p;
      inner += "\n";
    } else if (html_path.empty()) {
      inner = std::string(body);
    }
    if (inner.empty()) {
      text += "/>\n";
    } else {
      text += ">" + inner + "</" + std::string(type) + ">\n";
    }
    doc_.Write(path, std::move(text));
    if (!html_path.empty()) doc_.Write(html_path, std::string(body));
  }

  static std::vector<std::string> PointersOf(const LibraryCopy& copy) {
    std::vector<std::string> out;
    for (const LibraryCopy& c : copy.children) out.push_back(Pointer(c.type, c.id));
    return out;
  }

  Status WriteNew(const LibraryCopy& copy, bool draft, uint32_t depth) {
    CopyAttributes split = SplitCopy(copy);
    AttributePairs attrs = copy.own_settings;
    attrs.insert(attrs.end(), split.content.begin(), split.content.end());
    attrs.insert(attrs.end(), split.defaults.begin(), split.defaults.end());
    std::string path = NewPath(copy.type, copy.id, draft);
    std::string html_path, filename;
    if (copy.type == "html") {
      html_path = path.substr(0, path.size() - 4) + ".html";
      filename = path.substr(path.rfind('/') + 1);
      filename.resize(filename.size() - 4);
    }
    const bool container = IsContainer(copy.type, &copy);
    WriteFile(path, copy.type, std::move(attrs), container ? std::string_view() : copy.body,
              PointersOf(copy), html_path, filename);
    CopyOutcome out;
    out.type = copy.type;
    out.id = copy.id;
    out.depth = depth;
    out.action = CopyAction::kAdded;
    for (const auto& [name, value] : copy.own_settings) out.overrides.push_back(name);
    std::sort(out.overrides.begin(), out.overrides.end());
    out.rewritten = true;
    outcomes_.push_back(std::move(out));
    for (const LibraryCopy& child : copy.children) {
      BLOCKRT_RETURN_IF_ERROR(WriteNew(child, draft, depth + 1));
    }
    return Status::OK();
  }

  // The course's own settings of `index`: its element's settings attributes
  // and the fields its policy.json entries set.
  std::vector<std::string> OverridesOf(uint32_t index, const OwnAttributes& own) {
    std::vector<std::string> out;
    for (const auto& [name, value] : own.settings) out.push_back(name);
    for (const internal::PolicyEntry* e : doc_.PolicyEntries(index)) {
      for (const internal::JsonMember& m : e->fields) out.push_back(m.key);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // A block is rewritten when anything differs, when it is not in a file of
  // its own (it gets one), or when a kept child is not (its element goes
  // with the old markup).
  Status UpdateKept(uint32_t index, const LibraryCopy& copy, uint32_t depth) {
    const uint32_t w = doc_.Winner(index);
    const CourseBlock& b = doc_.block(w);
    BLOCKRT_ASSIGN_OR_RETURN(XmlElement e, doc_.ElementOf(w));
    OwnAttributes own = SplitOwn(copy.type, e.node);
    CopyAttributes split = SplitCopy(copy);
    const bool container = IsContainer(copy.type, &copy);
    CopyOutcome out;
    out.type = copy.type;
    out.id = copy.id;
    out.depth = depth;
    out.action = CopyAction::kKept;
    out.overrides = OverridesOf(w, own);
    out.defaults_changed = own.defaults != split.defaults;
    out.content_changed = own.content != split.content;
    if (!container && !out.content_changed) {
      BLOCKRT_ASSIGN_OR_RETURN(std::string markup, MarkupOfBlock(b, files_));
      out.content_changed = markup != copy.body;
    }
    Match m;
    BLOCKRT_RETURN_IF_ERROR(MatchChildren(w, copy.children, &m));
    out.children_changed = !m.removed.empty() || m.kept_order.size() != copy.children.size() ||
                           !std::is_sorted(m.kept_order.begin(), m.kept_order.end()) ||
                           b.children.size() != copy.children.size();
    out.rewritten =
        !b.own_file || out.defaults_changed || out.content_changed || out.children_changed;
    for (const std::optional<uint32_t>& kid : m.existing) {
      if (kid && !doc_.block(*kid).own_file) out.rewritten = true;
    }
    const size_t me = outcomes_.size();
    outcomes_.push_back(std::move(out));
    if (outcomes_[me].rewritten) {
      AttributePairs attrs = own.settings;
      attrs.insert(attrs.end(), split.content.begin(), split.content.end());
      attrs.insert(attrs.end(), split.defaults.begin(), split.defaults.end());
      std::string path = b.own_file ? std::string(b.file) : NewPath(copy.type, copy.id, b.draft);
      std::string html_path, filename;
      if (copy.type == "html") {
        if (b.own_file && !b.html_file.empty()) {
          html_path = std::string(b.html_file);
          pugi::xml_attribute f = e.node.attribute("filename");
          filename = f ? f.value() : "";
        }
        if (html_path.empty()) {
          html_path = path.substr(0, path.size() - 4) + ".html";
          filename = path.substr(path.rfind('/') + 1);
          filename.resize(filename.size() - 4);
        }
      }
      WriteFile(path, copy.type, std::move(attrs), container ? std::string_view() : copy.body,
                PointersOf(copy), html_path, filename);
    }
    const bool rewritten = outcomes_[me].rewritten;
    for (size_t i = 0; i < copy.children.size(); ++i) {
      if (m.existing[i]) {
        BLOCKRT_RETURN_IF_ERROR(UpdateKept(*m.existing[i], copy.children[i], depth + 1));
      } else {
        BLOCKRT_RETURN_IF_ERROR(WriteNew(copy.children[i], b.draft, depth + 1));
      }
    }
    // A rewritten file lists the children itself; else nothing was removed.
    return Remove(m.removed, /*references=*/!rewritten, depth + 1);
  }

  Status Remove(const std::vector<uint32_t>& removed, bool references, uint32_t depth) {
    for (uint32_t r : removed) {
      const CourseBlock& b = doc_.block(r);
      CopyOutcome out;
      out.type = std::string(b.definition.block_type);
      out.id = std::string(b.url_name);
      out.depth = depth;
      out.action = CopyAction::kRemoved;
      if (Result<XmlElement> e = doc_.ElementOf(doc_.Winner(r)); e.ok()) {
        out.overrides = OverridesOf(r, SplitOwn(out.type, e->node));
      }
      outcomes_.push_back(std::move(out));
    }
    return internal::RemoveSubtreesIn(&doc_, removed, references);
  }

  // The element's children written anew: one pointer per line.
  static void ReplaceChildren(const XmlElement& pe, const std::vector<std::string>& pointers) {
    const std::string& file = pe.file->text;
    const internal::ElementSpan& span = pe.span;
    std::string_view found;
    std::string indent = internal::StartsLine(file, span.begin, &found) ? std::string(found) : "";
    std::string block;
    for (const std::string& p : pointers) block += "\n" + indent + "  " + p;
    block += "\n" + indent;
    if (pointers.empty()) block.clear();
    if (span.self_closing) {
      if (!pointers.empty()) {
        pe.file->edits.Replace(span.attributes_end, span.start_tag_end,
                               ">" + block + "</" + std::string(span.name) + ">");
      }
    } else {
      pe.file->edits.Replace(span.start_tag_end, span.content_end, block);
    }
  }

  CourseDocument doc_;
  const FileSource& files_;
  std::unordered_multimap<std::string, uint32_t> by_id_;
  std::vector<CopyOutcome> outcomes_;
};

}  // namespace

LibraryAttributeKind ClassifyLibraryAttribute(std::string_view type, std::string_view name) {
  const BlockSchema* schema = FindBlockSchema(type);
  // A type whose markup is its `data` has no attribute of that name.
  const bool has_data = schema != nullptr && schema->data_kind != DataKind::kNone;
  if (internal::IsStrippedAttribute(name, /*draft=*/true) ||
      internal::StartsWith(name, kDefaultPrefix) || (has_data && name == "data")) {
    return LibraryAttributeKind::kDropped;
  }
  if (type == "problem" && name == "markdown") return LibraryAttributeKind::kDropped;
  const FieldSpec* spec = FindFieldSpec(internal::SchemaOrUnknown(schema), name);
  return spec != nullptr && spec->scope == FieldScope::kSettings ? LibraryAttributeKind::kSetting
                                                                 : LibraryAttributeKind::kContent;
}

std::string_view CopyActionName(CopyAction action) {
  switch (action) {
    case CopyAction::kKept:
      return "kept";
    case CopyAction::kAdded:
      return "added";
    case CopyAction::kRemoved:
      return "removed";
  }
  return "kept";
}

Result<CopyEdit> SyncLibraryCopies(const Course& course, const FileSource& files, uint32_t parent,
                                   const std::vector<LibraryCopy>& copies,
                                   const AttributePairs& parent_settings) {
  CopyWriter w(course, files);
  BLOCKRT_RETURN_IF_ERROR(w.doc().CheckIndex(parent));
  BLOCKRT_RETURN_IF_ERROR(w.SyncChildren(parent, copies, /*pin=*/parent_settings.empty()));
  for (const auto& [name, value] : parent_settings) {
    BLOCKRT_RETURN_IF_ERROR(internal::SetFieldIn(&w.doc(), parent, name, value));
  }
  CopyEdit out;
  BLOCKRT_ASSIGN_OR_RETURN(out.changes, w.doc().Finish(w.doc().NameOf(parent)));
  out.blocks = std::move(w.outcomes());
  return out;
}

Result<CopyEdit> AddLibraryCopy(const Course& course, const FileSource& files, uint32_t parent,
                                std::optional<uint32_t> after, const LibraryCopy& copy) {
  CopyWriter w(course, files);
  BLOCKRT_RETURN_IF_ERROR(w.doc().CheckIndex(parent));
  BLOCKRT_RETURN_IF_ERROR(w.AddChild(parent, after, copy));
  CopyEdit out;
  BLOCKRT_ASSIGN_OR_RETURN(out.changes, w.doc().Finish(w.doc().NameOf(parent)));
  out.blocks = std::move(w.outcomes());
  return out;
}

Result<LibraryCopy> LibraryCopyFromOlx(std::string_view type, std::string_view id,
                                       std::string_view element) {
  std::string who = std::string(type) + "/" + std::string(id);
  pugi::xml_document parsed;
  Status st = internal::LoadXml(
      who, element, internal::ScanLimits{CourseLoadOptions().max_file_bytes, 512}, &parsed);
  if (!st.ok()) return Status::InvalidArgument(who + ": olx is not XML: " + st.message());
  pugi::xml_node root = parsed.document_element();
  if (root.name() != type) {
    return Status::InvalidArgument(who + ": olx must be a <" + std::string(type) +
                                   "> element, not <" + root.name() + ">");
  }
  internal::ElementSpan span;
  if (!internal::ScanElement(element, internal::ElementOffset(root), &span)) {
    return Status::InvalidArgument(who + ": olx is not a well-formed element");
  }
  LibraryCopy copy;
  copy.type = std::string(type);
  copy.id = std::string(id);
  for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
    copy.library_attributes.emplace_back(a.name(), a.value());
  }
  copy.body =
      std::string(element.substr(span.start_tag_end, span.content_end - span.start_tag_end));
  return copy;
}

Result<LibraryCopy> CopyOfBlock(const Course& course, const FileSource& files, uint32_t index,
                                const std::function<std::string(uint32_t index)>& id_of) {
  if (index >= course.blocks.size()) {
    return Status::NotFound(course.context_key + ": no block #" + std::to_string(index));
  }
  const CourseBlock& b = course.blocks[index];
  const CourseDefinition& def = b.definition;
  LibraryCopy copy;
  copy.type = std::string(def.block_type);
  copy.id = id_of(index);
  for (const CourseAttribute& a : def.attributes) {
    if (internal::StartsWith(a.name, kDefaultPrefix)) {
      copy.library_attributes.emplace_back(std::string(a.name.substr(kDefaultPrefix.size())),
                                           std::string(a.value));
      continue;
    }
    switch (ClassifyLibraryAttribute(copy.type, a.name)) {
      case LibraryAttributeKind::kSetting:
        copy.own_settings.emplace_back(std::string(a.name), std::string(a.value));
        break;
      case LibraryAttributeKind::kContent:
        copy.library_attributes.emplace_back(std::string(a.name), std::string(a.value));
        break;
      case LibraryAttributeKind::kDropped:
        if (a.name == "markdown") {
          copy.own_settings.emplace_back(std::string(a.name), std::string(a.value));
        }
        break;
    }
  }
  BLOCKRT_ASSIGN_OR_RETURN(copy.body, MarkupOfBlock(b, files));
  for (uint32_t child : b.children) {
    BLOCKRT_ASSIGN_OR_RETURN(LibraryCopy c, CopyOfBlock(course, files, child, id_of));
    copy.children.push_back(std::move(c));
  }
  return copy;
}

}  // namespace blockrt::olx
