// AddCourseBlock / DeleteCourseBlock: a block enters the tree as its own
// file plus a pointer in its parent's element, and leaves it with its
// reference, the files only its subtree used and their policy entries.
#include <algorithm>
#include <unordered_set>

#include "base/utf8.h"
#include "keys/key.h"
#include "olx/course/course_edit.h"
#include "olx/course/internal/course_document.h"
#include "olx/course/internal/course_rules.h"
#include "olx/course/internal/document_edits.h"
#include "olx/course/internal/policy.h"
#include "olx/course/internal/url_name.h"
#include "olx/internal/olx_path.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx {
namespace {

using internal::CourseDocument;
using internal::XmlElement;

}  // namespace

namespace internal {

void InsertAfterElement(const XmlElement& sibling, const std::string& text) {
  std::string_view indent;
  bool own_line = StartsLine(sibling.file->text, sibling.span.begin, &indent);
  sibling.file->edits.Insert(sibling.span.end, own_line ? "\n" + std::string(indent) + text : text);
}

void InsertBeforeElement(const XmlElement& sibling, const std::string& text) {
  std::string_view indent;
  bool own_line = StartsLine(sibling.file->text, sibling.span.begin, &indent);
  sibling.file->edits.Insert(sibling.span.begin,
                             own_line ? text + "\n" + std::string(indent) : text);
}

Status AppendChildText(const XmlElement& parent, const std::string& text) {
  pugi::xml_node last;
  for (pugi::xml_node c = parent.node.last_child(); c; c = c.previous_sibling()) {
    if (c.type() == pugi::node_element) {
      last = c;
      break;
    }
  }
  if (last) {
    BLOCKRT_ASSIGN_OR_RETURN(XmlElement sibling, ScanNode(parent.file, last));
    InsertAfterElement(sibling, text);
    return Status::OK();
  }
  const std::string& file = parent.file->text;
  const internal::ElementSpan& span = parent.span;
  std::string_view found;
  std::string indent = internal::StartsLine(file, span.begin, &found) ? std::string(found) : "";
  std::string block = "\n" + indent + "  " + text + "\n" + indent;
  if (span.self_closing) {
    parent.file->edits.Replace(span.attributes_end, span.start_tag_end,
                               ">" + block + "</" + std::string(span.name) + ">");
  } else if (internal::IsBlank(std::string_view(file).substr(
                 span.start_tag_end, span.content_end - span.start_tag_end))) {
    parent.file->edits.Replace(span.start_tag_end, span.content_end, block);
  } else {
    parent.file->edits.Insert(span.content_end, text);
  }
  return Status::OK();
}

}  // namespace internal

namespace {

// The new block's own file(s) from `olx`, or an empty element.
Status WriteOwnFiles(CourseDocument* doc, const std::string& who, std::string_view type,
                     const std::string& rel, std::string_view id,
                     std::optional<std::string_view> olx) {
  std::string text = olx ? std::string(*olx) : "<" + std::string(type) + "/>\n";
  pugi::xml_document parsed;
  Status st = internal::LoadXml(
      "olx", text, internal::ScanLimits{CourseLoadOptions().max_file_bytes, 512}, &parsed);
  if (!st.ok()) return Status::InvalidArgument(who + ": olx is not XML: " + st.message());
  pugi::xml_node root = parsed.document_element();
  if (root.name() != type) {
    return Status::InvalidArgument(who + ": olx must be a <" + std::string(type) +
                                   "> element, not <" + root.name() + ">");
  }
  pugi::xml_attribute named = root.attribute("url_name");
  if (named && named.value() != id) {
    return Status::InvalidArgument(who + ": olx names the block '" + named.value() + "'");
  }
  if (type != "html") {
    doc->Write(rel, std::move(text));
    return Status::OK();
  }
  // html/ID.xml names its body by the last segment of ID; the body is the
  // element's inner markup as written.
  if (root.attribute("filename")) {
    return Status::InvalidArgument(who + ": olx of an html block cannot name a filename");
  }
  internal::ElementSpan span;
  if (!internal::ScanElement(text, internal::ElementOffset(root), &span)) {
    return Status::InvalidArgument(who + ": olx is not a well-formed element");
  }
  std::string stem = rel.substr(rel.rfind('/') + 1);
  stem.resize(stem.size() - 4);
  std::string xml = "<html" + internal::AttributeText("filename", stem);
  for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
    if (std::string_view(a.name()) != "url_name")
      xml += internal::AttributeText(a.name(), a.value());
  }
  xml += "/>\n";
  doc->Write(rel, std::move(xml));
  doc->Write(rel.substr(0, rel.size() - 4) + ".html",
             text.substr(span.start_tag_end, span.content_end - span.start_tag_end));
  return Status::OK();
}

}  // namespace

Result<std::vector<FileChange>> AddCourseBlock(const Course& course, const FileSource& files,
                                               uint32_t parent, std::string_view type,
                                               std::string_view id,
                                               std::optional<std::string_view> olx,
                                               std::optional<uint32_t> after) {
  CourseDocument doc(course, files);
  BLOCKRT_RETURN_IF_ERROR(doc.CheckIndex(parent));
  std::string who = doc.NameOf(parent);
  uint32_t w = doc.Winner(parent);
  const BlockSchema* schema = FindBlockSchema(doc.block(w).definition.block_type);
  if (doc.IsExtra(w) || schema == nullptr || !schema->has_children) {
    return Status::InvalidArgument(who + ": " + std::string(doc.block(w).definition.block_type) +
                                   " blocks have no children");
  }
  if (!IsValidUtf8(type) || !internal::IsXmlName(type) ||
      type.find(':') != std::string_view::npos) {
    return Status::InvalidArgument(who + ": '" + PrintableBytes(type) +
                                   "' is not a valid block type");
  }
  // The loader's rules for a url_name: a safe file name, and a usage key.
  Status path_ok = internal::CheckRelativePath(internal::UrlNameToPath(id));
  Result<keys::Key> context = keys::Key::Parse(course.context_key);
  if (!context.ok()) return Status::FailedPrecondition(who + ": " + context.status().message());
  Result<keys::Key> key = keys::MakeUsageKey(context->view(), type, id);
  if (!IsValidUtf8(id) || !path_ok.ok() || !key.ok()) {
    std::string why = !IsValidUtf8(id) ? "not UTF-8"
                      : !path_ok.ok()  ? path_ok.message()
                                       : key.status().message();
    return Status::InvalidArgument(who + ": '" + PrintableBytes(id) + "' is not a valid " +
                                   std::string(type) + " id: " + why);
  }
  std::string new_who = key->ToString();
  for (const CourseBlock& b : course.blocks) {
    if (b.definition.block_type == type && b.url_name == id) {
      return Status::AlreadyExists(new_who + ": the course already has this block");
    }
  }
  std::string dir = doc.block(w).draft ? "drafts/" + std::string(type) : std::string(type);
  std::string rel = dir + "/" + internal::UrlNameToPath(id) + ".xml";
  std::vector<std::string> paths{rel};
  if (type == "html") paths.push_back(rel.substr(0, rel.size() - 4) + ".html");
  for (const std::string& path : paths) {
    if (doc.IsFile(path)) return Status::AlreadyExists(new_who + ": " + path + " already exists");
  }
  std::optional<XmlElement> sibling;
  if (after) {
    BLOCKRT_RETURN_IF_ERROR(doc.CheckIndex(*after));
    const ViewList<uint32_t>& kids = doc.block(w).children;
    if (std::find(kids.begin(), kids.end(), *after) == kids.end()) {
      return Status::InvalidArgument(doc.NameOf(*after) + " is not a child of " + who);
    }
    BLOCKRT_ASSIGN_OR_RETURN(sibling, doc.ReferenceOf(*after));
  }
  BLOCKRT_RETURN_IF_ERROR(WriteOwnFiles(&doc, new_who, type, rel, id, olx));
  BLOCKRT_ASSIGN_OR_RETURN(XmlElement pe, doc.ElementOf(w));
  std::string pointer = "<" + std::string(type) + internal::AttributeText("url_name", id) + "/>";
  if (sibling) {
    internal::InsertAfterElement(*sibling, pointer);
  } else {
    BLOCKRT_RETURN_IF_ERROR(internal::AppendChildText(pe, pointer));
  }
  BLOCKRT_RETURN_IF_ERROR(doc.PinNames(w, pe, "", nullptr));
  return doc.Finish(new_who);
}

Result<std::vector<FileChange>> DeleteCourseBlock(const Course& course, const FileSource& files,
                                                  uint32_t block) {
  CourseDocument doc(course, files);
  BLOCKRT_RETURN_IF_ERROR(doc.CheckIndex(block));
  std::string who = doc.NameOf(block);
  if (block == 0) return Status::FailedPrecondition(who + ": the course root cannot be deleted");
  if (doc.IsExtra(block)) return Status::FailedPrecondition(who + ": not in the course tree");
  BLOCKRT_RETURN_IF_ERROR(internal::RemoveSubtreesIn(&doc, {block}, /*references=*/true));
  return doc.Finish(who);
}

namespace internal {

Status RemoveSubtreesIn(CourseDocument* doc_ptr, const std::vector<uint32_t>& roots,
                        bool references) {
  CourseDocument& doc = *doc_ptr;
  const Course& course = doc.course();
  for (uint32_t block : roots) {
    BLOCKRT_RETURN_IF_ERROR(doc.CheckIndex(block));
    const CourseBlock& b = doc.block(block);
    if (!references || b.parent < 0) continue;
    BLOCKRT_ASSIGN_OR_RETURN(XmlElement ref, doc.ReferenceOf(block));
    auto [begin, end] = WholeLines(ref.file->text, ref.span.begin, ref.span.end);
    ref.file->edits.Replace(begin, end, "");
    uint32_t parent = static_cast<uint32_t>(b.parent);
    BLOCKRT_ASSIGN_OR_RETURN(XmlElement pe, doc.ElementOf(parent));
    BLOCKRT_RETURN_IF_ERROR(doc.PinNames(parent, pe, "", nullptr));
    BLOCKRT_RETURN_IF_ERROR(doc.KeepInline(pe));
  }
  if (roots.empty()) return Status::OK();
  // The subtrees: blocks whose parent chain reaches a root (parents are
  // loaded before their children, so one pass in index order finds them).
  size_t n = course.blocks.size();
  std::vector<bool> gone(n, false);
  size_t first = n;
  for (uint32_t block : roots) {
    gone[block] = true;
    first = std::min<size_t>(first, block);
  }
  for (size_t k = first + 1; k < n; ++k) {
    int32_t p = course.blocks[k].parent;
    gone[k] = gone[k] || (p >= 0 && gone[static_cast<size_t>(p)]);
  }
  std::unordered_set<std::string_view> kept_files;
  std::unordered_set<std::string> kept_ids;
  for (size_t k = 0; k < n; ++k) {
    if (gone[k]) continue;
    const CourseBlock& o = course.blocks[k];
    kept_files.insert(o.file);
    kept_files.insert(o.html_file);
    if (!doc.IsExtra(static_cast<uint32_t>(k)))
      kept_ids.insert(doc.PolicyKey(static_cast<uint32_t>(k)));
  }
  std::unordered_set<std::string> gone_ids;
  for (size_t k = first; k < n; ++k) {
    if (!gone[k]) continue;
    const CourseBlock& o = course.blocks[k];
    for (std::string_view f : {o.file, o.html_file}) {
      if (!f.empty() && kept_files.count(f) == 0) doc.Remove(std::string(f));
    }
    std::string id = doc.PolicyKey(static_cast<uint32_t>(k));
    if (kept_ids.count(id) == 0) gone_ids.insert(std::move(id));
  }
  if (EditedPolicy* p = doc.Policy()) {
    std::vector<JsonMember> members;
    std::vector<bool> removed;
    for (const PolicyEntry& e : p->entries) {
      members.push_back(e.member);
      removed.push_back(gone_ids.count(e.member.key) != 0);
    }
    if (std::find(removed.begin(), removed.end(), true) != removed.end()) {
      RemoveMembers(members, removed, &p->edits);
    }
  }
  return Status::OK();
}

}  // namespace internal

}  // namespace blockrt::olx
