#include "olx/course/internal/course_document.h"

#include <algorithm>

#include "olx/course/internal/course_rules.h"
#include "olx/internal/json_parse.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx::internal {
namespace {

const CourseLoadOptions kLimits;

ScanLimits XmlLimits() { return ScanLimits{kLimits.max_file_bytes, kLimits.max_depth * 4}; }

// Element nodes of `doc` in document order.
template <class Visit>
void ForEachElement(const pugi::xml_document& doc, Visit visit) {
  pugi::xml_node n = doc.document_element();
  pugi::xml_node top = n;
  while (n) {
    if (n.type() == pugi::node_element) visit(n);
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && n != top && !n.next_sibling()) n = n.parent();
    if (!n || n == top) break;
    n = n.next_sibling();
  }
}

}  // namespace

uint32_t EditedXml::LineOf(size_t offset) const {
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  return static_cast<uint32_t>(it - line_starts.begin());
}

Result<XmlElement> ScanNode(EditedXml* file, const pugi::xml_node& node) {
  XmlElement e{file, node, {}};
  if (!ScanElement(file->text, ElementOffset(node), &e.span)) {
    return Status::Internal(file->rel + ":" + std::to_string(file->LineOf(ElementOffset(node))) +
                            ": cannot scan the <" + node.name() + "> element");
  }
  return e;
}

CourseDocument::CourseDocument(const Course& course, const FileSource& files)
    : course_(course), files_(files) {}

Status CourseDocument::CheckIndex(uint32_t index) const {
  if (index < course_.blocks.size()) return Status::OK();
  return Status::NotFound(course_.context_key + ": no block #" + std::to_string(index) +
                          " (the course has " + std::to_string(course_.blocks.size()) + " blocks)");
}

std::string CourseDocument::NameOf(uint32_t index) const {
  const CourseBlock& b = block(index);
  if (!b.usage_key.empty()) return std::string(b.usage_key);
  return PolicyKey(index);
}

std::string CourseDocument::PolicyKey(uint32_t index) const {
  const CourseBlock& b = block(index);
  return std::string(b.definition.block_type) + "/" + std::string(b.url_name);
}

uint32_t CourseDocument::Winner(uint32_t index) const {
  const CourseBlock& b = block(index);
  if (IsExtra(index)) return index;
  for (size_t j = course_.blocks.size(); j-- > index + 1;) {
    const CourseBlock& o = course_.blocks[j];
    if (o.draft == b.draft && o.url_name == b.url_name &&
        o.definition.block_type == b.definition.block_type && !IsExtra(static_cast<uint32_t>(j))) {
      return static_cast<uint32_t>(j);
    }
  }
  return index;
}

bool CourseDocument::IsExtra(uint32_t index) const {
  return std::find(course_.extra_roots.begin(), course_.extra_roots.end(), index) !=
         course_.extra_roots.end();
}

bool CourseDocument::IsLegacy(uint32_t index) const {
  const CourseBlock& b = block(index);
  return b.parent >= 0 && !b.own_file && b.file != block(static_cast<uint32_t>(b.parent)).file;
}

bool CourseDocument::NamedByElement(uint32_t index) const {
  return !block(index).own_file && !IsLegacy(index) && !IsExtra(index);
}

Result<EditedXml*> CourseDocument::Xml(std::string_view rel) {
  auto it = xml_.find(rel);
  if (it != xml_.end()) return it->second.get();
  auto file = std::make_unique<EditedXml>();
  file->rel = std::string(rel);
  BLOCKRT_RETURN_IF_ERROR(files_.Read(rel, kLimits.max_file_bytes, &file->text));
  BLOCKRT_RETURN_IF_ERROR(LoadXml(rel, file->text, XmlLimits(), &file->doc));
  file->line_starts.push_back(0);
  for (size_t i = 0; i < file->text.size(); ++i) {
    if (file->text[i] == '\n') file->line_starts.push_back(i + 1);
  }
  EditedXml* out = file.get();
  xml_.emplace(std::string(rel), std::move(file));
  return out;
}

Result<XmlElement> CourseDocument::ElementOf(uint32_t index) {
  const CourseBlock& b = block(index);
  std::string who = NameOf(index);
  if (IsExtra(index)) return Status::InvalidArgument(who + ": not an XML block");
  BLOCKRT_ASSIGN_OR_RETURN(EditedXml * file, Xml(b.file));
  if (b.own_file || IsLegacy(index)) return ScanNode(file, file->doc.document_element());
  // Inline: the element of the block's type starting on its line; by name
  // when several do, else by position among its siblings written there.
  std::vector<pugi::xml_node> on_line;
  ForEachElement(file->doc, [&](const pugi::xml_node& n) {
    if (n.name() == b.definition.block_type && file->LineOf(ElementOffset(n)) == b.line) {
      on_line.push_back(n);
    }
  });
  if (on_line.size() > 1) {
    std::vector<pugi::xml_node> named;
    for (const pugi::xml_node& n : on_line) {
      if (UrlNameOf(n) == b.url_name) named.push_back(n);
    }
    if (named.size() == 1) on_line = named;
  }
  if (on_line.size() > 1) {
    size_t ordinal = 0;
    for (uint32_t j = 0; j < index; ++j) {
      const CourseBlock& o = block(j);
      ordinal += o.parent == b.parent && o.line == b.line && o.file == b.file &&
                 o.definition.block_type == b.definition.block_type;
    }
    if (ordinal < on_line.size()) on_line = {on_line[ordinal]};
  }
  if (on_line.size() != 1) {
    return Status::FailedPrecondition(who + ": cannot find its <" +
                                      std::string(b.definition.block_type) + "> element in " +
                                      file->rel + " line " + std::to_string(b.line));
  }
  return ScanNode(file, on_line[0]);
}

Result<XmlElement> CourseDocument::ReferenceOf(uint32_t index) {
  const CourseBlock& b = block(index);
  std::string who = NameOf(index);
  if (b.parent < 0) return Status::FailedPrecondition(who + ": has no parent");
  if (NamedByElement(index)) return ElementOf(index);
  uint32_t parent = static_cast<uint32_t>(b.parent);
  BLOCKRT_ASSIGN_OR_RETURN(XmlElement pe, ElementOf(parent));
  std::string_view type = b.definition.block_type;
  bool legacy = IsLegacy(index);
  auto matches = [&](const pugi::xml_node& c) {
    if (c.type() != pugi::node_element || c.name() != type) return false;
    KnownAttributes k = ReadKnownAttributes(c);
    if (!legacy) return IsPointer(c, k) && k.url_name == b.url_name;
    if (k.filename.empty() || (!k.url_name.empty() && k.url_name != b.url_name)) return false;
    std::string base(k.filename);
    if (EndsWith(base, ".xml")) base.resize(base.size() - 4);
    return b.file == std::string(type) + "/" + base + ".xml" ||
           (type == "problem" &&
            (b.file == "problems/" + base + ".xml" || b.file == base + ".xml"));
  };
  // The same reference may be written twice in one parent (a DAG in one
  // element): the k-th block with this id under the parent is the k-th.
  size_t ordinal = 0;
  for (uint32_t j = parent + 1; j < index; ++j) {
    const CourseBlock& o = block(j);
    ordinal += o.parent == b.parent && o.url_name == b.url_name && o.definition.block_type == type;
  }
  for (pugi::xml_node c = pe.node.first_child(); c; c = c.next_sibling()) {
    if (matches(c) && ordinal-- == 0) return ScanNode(pe.file, c);
  }
  return Status::FailedPrecondition(who + ": cannot find its reference in " + pe.file->rel +
                                    " line " + std::to_string(block(parent).line));
}

Status CourseDocument::Pin(const XmlElement& e, std::string_view url_name) {
  if (const AttributeSpan* a = e.span.attribute("url_name")) {
    e.file->edits.Replace(a->begin, a->value_end + 1,
                          AttributeText("url_name", url_name).substr(1));
  } else {
    e.file->edits.Insert(e.span.attributes_end, AttributeText("url_name", url_name));
  }
  return Status::OK();
}

Status CourseDocument::PinNames(uint32_t index, const XmlElement& element, std::string_view field,
                                const std::string* value) {
  if (NamedByElement(index)) {
    KnownAttributes k = ReadKnownAttributes(element.node);
    std::string_view changed = value != nullptr ? std::string_view(*value) : std::string_view();
    if (field == "name") k.name = changed;
    if (field == "display_name") k.display_name = changed;
    // A hash-generated or renamed (duplicate) name differs from what the
    // element alone gives, and a hash changes with any edit of the element.
    if (UrlNameOf(k) != block(index).url_name)
      BLOCKRT_RETURN_IF_ERROR(Pin(element, block(index).url_name));
  }
  uint32_t cur = index;
  pugi::xml_node node = element.node;
  while (NamedByElement(cur) && block(cur).parent >= 0) {
    uint32_t parent = static_cast<uint32_t>(block(cur).parent);
    node = node.parent();
    if (node.type() != pugi::node_element) break;
    if (NamedByElement(parent) && UrlNameOf(node) != block(parent).url_name) {
      BLOCKRT_ASSIGN_OR_RETURN(XmlElement up, ScanNode(element.file, node));
      BLOCKRT_RETURN_IF_ERROR(Pin(up, block(parent).url_name));
    }
    cur = parent;
  }
  return Status::OK();
}

// The loader applies the pointer rule to every element it meets inside a
// file, and to the root of the file course.xml leads to when that root is
// the course itself; roots reached through a pointer are definitions.
bool CourseDocument::IsCheckedForPointer(const XmlElement& e) const {
  if (e.node != e.file->doc.document_element()) return true;
  const CourseBlock& root = course_.blocks[0];
  return course_.kind == Course::Kind::kCourse && !root.own_file && e.file->rel == root.file;
}

Status CourseDocument::KeepInline(const XmlElement& e) {
  if (!IsCheckedForPointer(e)) return Status::OK();
  std::string edited;
  if (!e.file->edits.Apply(e.file->text, &edited)) {
    return Status::Internal(e.file->rel + ": overlapping edits");
  }
  ElementSpan now;
  if (!ScanElement(edited, e.file->edits.Map(e.span.begin), &now)) {
    return Status::Internal(e.file->rel + ": the edited element does not scan");
  }
  size_t names = 0;
  for (const AttributeSpan& a : now.attributes) {
    names +=
        a.name == "url_name" || (now.name == "course" && (a.name == "org" || a.name == "course"));
  }
  bool pointer_names = now.name == "course" ? now.attributes.size() == 3 && names == 3
                                            : now.attributes.size() == 1 && names == 1;
  ContentShape shape = ShapeOf(edited, now);
  if (pointer_names && !shape.elements && !shape.text) {
    e.file->edits.Insert(e.span.attributes_end, AttributeText("xblock-family", "xblock.v1"));
  }
  return Status::OK();
}

EditedPolicy* CourseDocument::Policy() {
  if (policy_read_) return policy_ ? &*policy_ : nullptr;
  policy_read_ = true;
  if (course_.policy_path.empty()) return nullptr;
  EditedPolicy p;
  p.rel = course_.policy_path;
  if (!files_.Read(p.rel, kLimits.max_file_bytes, &p.text).ok()) return nullptr;
  if (!ScanPolicy(p.text, &p.entries)) return nullptr;
  policy_ = std::move(p);
  return &*policy_;
}

std::vector<const PolicyEntry*> CourseDocument::PolicyEntries(uint32_t index) {
  std::vector<const PolicyEntry*> out;
  EditedPolicy* p = Policy();
  if (p == nullptr) return out;
  std::string key = PolicyKey(index);
  for (const PolicyEntry& e : p->entries) {
    if (e.member.key == key) out.push_back(&e);
  }
  return out;
}

Result<std::vector<FileChange>> CourseDocument::Finish(std::string_view who) {
  std::map<std::string, FileChange> changes;
  std::string edited;
  for (auto& [rel, file] : xml_) {
    if (file->edits.empty() || raw_.count(rel) != 0) continue;
    if (!file->edits.Apply(file->text, &edited)) {
      return Status::Internal(std::string(who) + ": overlapping edits of " + rel);
    }
    if (edited == file->text) continue;
    pugi::xml_document check;
    Status st = LoadXml(rel, edited, XmlLimits(), &check);
    if (!st.ok()) {
      return Status::InvalidArgument(std::string(who) + ": the edit leaves " + rel +
                                     " unreadable: " + st.message());
    }
    changes[rel] = FileChange{rel, false, edited};
  }
  if (policy_ && !policy_->edits.empty()) {
    if (!policy_->edits.Apply(policy_->text, &edited)) {
      return Status::Internal(std::string(who) + ": overlapping edits of " + policy_->rel);
    }
    nlohmann::json check;
    JsonFailure failure;
    if (!ParseJsonText(edited, &check, &failure)) {
      return Status::Internal(std::string(who) + ": the edit leaves " + policy_->rel +
                              " invalid: " + failure.message);
    }
    if (edited != policy_->text) changes[policy_->rel] = FileChange{policy_->rel, false, edited};
  }
  std::string old;
  for (auto& [rel, bytes] : raw_) {
    if (!bytes) {
      if (files_.IsFile(rel)) changes[rel] = FileChange{rel, true, {}};
      continue;
    }
    if (files_.Read(rel, kLimits.max_file_bytes, &old).ok() && old == *bytes) continue;
    changes[rel] = FileChange{rel, false, *bytes};
  }
  std::vector<FileChange> out;
  out.reserve(changes.size());
  for (auto& [rel, change] : changes) out.push_back(std::move(change));
  return out;
}

}  // namespace blockrt::olx::internal
