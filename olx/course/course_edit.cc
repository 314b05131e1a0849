// SetCourseField / UnsetCourseField: a field is written where the loader
// reads it, highest first: policy.json (applied over the XML), a legacy
// filename= reference (merged over its file's root), the defining element.
#include "olx/course/course_edit.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "base/utf8.h"
#include "olx/course/internal/course_definition.h"
#include "olx/course/internal/course_document.h"
#include "olx/course/internal/course_rules.h"
#include "olx/course/internal/document_edits.h"
#include "olx/course/internal/policy.h"
#include "olx/internal/definition_fields.h"
#include "olx/internal/json_parse.h"
#include "olx/internal/olx_path.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx {
namespace {

using internal::CourseDocument;
using internal::XmlElement;

// Values are parsed whole; the loader's per-file limits apply to the files.
const internal::ScanLimits kValueLimits{CourseLoadOptions().max_file_bytes, 512};

std::string_view BaseName(std::string_view field) {
  return internal::StartsWith(field, "default-") ? field.substr(8) : field;
}

Status CheckFieldName(const std::string& who, std::string_view field) {
  std::string_view base = BaseName(field);
  if (!IsValidUtf8(field) || !internal::IsXmlName(base) ||
      field.find(':') != std::string_view::npos || internal::StartsWith(field, "xmlns")) {
    return Status::InvalidArgument(who + ": '" + PrintableBytes(field) +
                                   "' is not a valid field name");
  }
  // Import machinery, identity and structure are not fields.
  if (base == "url_name" || internal::IsStrippedAttribute(base, /*draft=*/true) ||
      base == "xml_attributes" || base == "children" || base == "parent") {
    return Status::InvalidArgument(who + ": field '" + std::string(field) + "' cannot be set");
  }
  return Status::OK();
}

// What XML 1.0 can carry at all (escaped or not): UTF-8 without C0 controls
// other than tab, newline and carriage return, and without U+FFFE / U+FFFF.
Status CheckValueBytes(const std::string& who, std::string_view field, std::string_view value) {
  size_t bad = 0;
  std::string what;
  if (!IsValidUtf8(value, &bad)) {
    what = "is not valid UTF-8";
  } else {
    for (size_t i = 0; i < value.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(value[i]);
      bool nonchar = c == 0xEF && i + 2 < value.size() &&
                     static_cast<unsigned char>(value[i + 1]) == 0xBF &&
                     (static_cast<unsigned char>(value[i + 2]) & 0xFE) == 0xBE;
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || nonchar) {
        bad = i;
        what = "holds a character XML cannot carry";
        break;
      }
    }
  }
  if (what.empty()) return Status::OK();
  return Status::InvalidArgument(who + ": the value of '" + std::string(field) + "' " + what +
                                 " (byte " + std::to_string(bad) + ")");
}

// Values of typed fields must read back as their type; "" and null mean
// "no value" to the reference's Integer/Float/List/Dict.
Status CheckValueType(const std::string& who, std::string_view type, std::string_view field,
                      std::string_view value) {
  const FieldSpec* spec =
      FindFieldSpec(internal::SchemaOrUnknown(FindBlockSchema(type)), BaseName(field));
  if (spec == nullptr) return Status::OK();
  nlohmann::json parsed;
  internal::JsonFailure failure;
  bool json = internal::ParseJsonText(value, &parsed, &failure);
  bool ok = true;
  switch (spec->type) {
    case FieldType::kBoolean: {
      std::string lower(value);
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      ok = lower == "true" || lower == "false";
      break;
    }
    case FieldType::kInteger:
      ok = value.empty() || (json && (parsed.is_number_integer() || parsed.is_null()));
      break;
    case FieldType::kFloat:
      ok = value.empty() || (json && (parsed.is_number() || parsed.is_null()));
      break;
    case FieldType::kList:
      ok = json && (parsed.is_array() || parsed.is_null());
      break;
    case FieldType::kDict:
      ok = json && (parsed.is_object() || parsed.is_null());
      break;
    default:
      break;
  }
  if (ok) return Status::OK();
  return Status::InvalidArgument(who + ": field '" + std::string(field) + "' expects " +
                                 std::string(FieldTypeName(spec->type)) + ", not '" +
                                 PrintableBytes(value) + "'");
}

// Typed fields take JSON values in policy.json (the reference reads them
// through from_json); strings and dates take JSON strings.
internal::PolicyValueKind PolicyKindOf(std::string_view type, std::string_view field) {
  const FieldSpec* spec =
      FindFieldSpec(internal::SchemaOrUnknown(FindBlockSchema(type)), BaseName(field));
  if (spec == nullptr || spec->type == FieldType::kAny) return internal::PolicyValueKind::kLikeOld;
  if (spec->type == FieldType::kString || spec->type == FieldType::kDate) {
    return internal::PolicyValueKind::kString;
  }
  return internal::PolicyValueKind::kJson;
}

class FieldEdit {
 public:
  FieldEdit(CourseDocument* doc, uint32_t index) : doc_(*doc), index_(index) {}

  const std::string& who() const { return who_; }

  Status Prepare(std::string_view field) {
    BLOCKRT_RETURN_IF_ERROR(doc_.CheckIndex(index_));
    who_ = doc_.NameOf(index_);
    index_ = doc_.Winner(index_);
    type_ = doc_.block(index_).definition.block_type;
    BLOCKRT_RETURN_IF_ERROR(CheckFieldName(who_, field));
    const BlockSchema* schema = FindBlockSchema(type_);
    data_kind_ = schema != nullptr ? schema->data_kind : DataKind::kNone;
    if (doc_.IsExtra(index_) && field != "data") {
      return Status::InvalidArgument(who_ + ": only data can be set on " + std::string(type_) +
                                     " blocks");
    }
    if (field == "data" && data_kind_ == DataKind::kNone && schema != nullptr) {
      return Status::InvalidArgument(who_ + ": " + std::string(type_) + " blocks have no data");
    }
    return Status::OK();
  }

  bool IsData(std::string_view field) const {
    return field == "data" && data_kind_ != DataKind::kNone;
  }

  Status SetIn(std::string_view field, std::string_view value) {
    BLOCKRT_RETURN_IF_ERROR(Prepare(field));
    BLOCKRT_RETURN_IF_ERROR(CheckValueBytes(who_, field, value));
    if (IsData(field)) {
      BLOCKRT_RETURN_IF_ERROR(SetData(value, /*unset=*/false));
      return Status::OK();
    }
    BLOCKRT_RETURN_IF_ERROR(CheckValueType(who_, type_, field, value));
    if (const internal::JsonMember* m = PolicyField(field)) {
      internal::EditedPolicy* p = doc_.Policy();
      std::string_view old =
          std::string_view(p->text).substr(m->value_begin, m->value_end - m->value_begin);
      p->edits.Replace(m->value_begin, m->value_end,
                       internal::PolicyValueText(value, old, PolicyKindOf(type_, field)));
      return Status::OK();
    }
    std::string v(value);
    if (doc_.IsLegacy(index_)) {
      BLOCKRT_ASSIGN_OR_RETURN(XmlElement ref, doc_.ReferenceOf(index_));
      if (ref.span.attribute(field) != nullptr) {
        SetAttribute(ref, field, v);
        return Status::OK();
      }
    }
    BLOCKRT_ASSIGN_OR_RETURN(XmlElement e, doc_.ElementOf(index_));
    pugi::xml_attribute now = e.node.attribute(std::string(field).c_str());
    if (now && v == now.value()) return Status::OK();
    SetAttribute(e, field, v);
    BLOCKRT_RETURN_IF_ERROR(doc_.PinNames(index_, e, field, &v));
    return Status::OK();
  }

  Status UnsetIn(std::string_view field) {
    BLOCKRT_RETURN_IF_ERROR(Prepare(field));
    if (IsData(field)) {
      BLOCKRT_RETURN_IF_ERROR(SetData("", /*unset=*/true));
      return Status::OK();
    }
    bool found = false;
    if (internal::EditedPolicy* p = doc_.Policy()) {
      for (const internal::PolicyEntry* entry : doc_.PolicyEntries(index_)) {
        std::vector<bool> removed;
        for (const internal::JsonMember& m : entry->fields) removed.push_back(m.key == field);
        if (std::find(removed.begin(), removed.end(), true) == removed.end()) continue;
        internal::RemoveMembers(entry->fields, removed, &p->edits);
        found = true;
      }
    }
    if (doc_.IsLegacy(index_)) {
      BLOCKRT_ASSIGN_OR_RETURN(XmlElement ref, doc_.ReferenceOf(index_));
      found = RemoveAttribute(ref, field) || found;
    }
    BLOCKRT_ASSIGN_OR_RETURN(XmlElement e, doc_.ElementOf(index_));
    if (RemoveAttribute(e, field)) {
      found = true;
      BLOCKRT_RETURN_IF_ERROR(doc_.PinNames(index_, e, field, nullptr));
      BLOCKRT_RETURN_IF_ERROR(doc_.KeepInline(e));
    }
    if (!found) {
      return Status::NotFound(who_ + ": field '" + std::string(field) + "' is not set");
    }
    return Status::OK();
  }

 private:
  // The field in the policy entry the loader reads (the last one for the
  // block; in it, the last member of that name), or nullptr.
  const internal::JsonMember* PolicyField(std::string_view field) {
    std::vector<const internal::PolicyEntry*> entries = doc_.PolicyEntries(index_);
    if (entries.empty() || !entries.back()->object) return nullptr;
    const internal::JsonMember* found = nullptr;
    for (const internal::JsonMember& m : entries.back()->fields) {
      if (m.key == field) found = &m;
    }
    return found;
  }

  static void SetAttribute(const XmlElement& e, std::string_view field, const std::string& value) {
    std::string text = internal::AttributeText(field, value);
    if (const internal::AttributeSpan* a = e.span.attribute(field)) {
      e.file->edits.Replace(a->begin, a->value_end + 1, text.substr(1));
    } else {
      e.file->edits.Insert(e.span.attributes_end, text);
    }
  }

  // Removes the attribute and the whitespace before it.
  static bool RemoveAttribute(const XmlElement& e, std::string_view field) {
    const internal::AttributeSpan* a = e.span.attribute(field);
    if (a == nullptr) return false;
    size_t begin = a->begin;
    const std::string& text = e.file->text;
    while (begin > 0 && (text[begin - 1] == ' ' || text[begin - 1] == '\t' ||
                         text[begin - 1] == '\n' || text[begin - 1] == '\r')) {
      --begin;
    }
    e.file->edits.Replace(begin, a->value_end + 1, "");
    return true;
  }

  // `data`: the markup of the block's element; html's .html file when it
  // has one; an extra block's data file.
  Status SetData(std::string_view value, bool unset) {
    const CourseBlock& b = doc_.block(index_);
    const std::string_view* current = b.definition.data();
    if (doc_.IsExtra(index_) || (type_ == "html" && !b.html_file.empty())) {
      std::string rel(doc_.IsExtra(index_) ? b.file : b.html_file);
      if (internal::EndsWith(rel, ".json")) {
        return Status::InvalidArgument(who_ + ": has no data file to write");
      }
      if (unset && (current == nullptr || current->empty())) return NotSet();
      doc_.Write(rel, std::string(value));
      return Status::OK();
    }
    BLOCKRT_ASSIGN_OR_RETURN(XmlElement e, doc_.ElementOf(index_));
    if (type_ == "html" && e.span.attribute("filename") != nullptr) {
      // Its body file is missing (the loader reported it): written where
      // the loader looks first.
      if (unset) return NotSet();
      std::vector<std::string> candidates;
      internal::AddHtmlCandidates(internal::HtmlBodyDir(b.url_name, b.draft),
                                  e.node.attribute("filename").value(), &candidates);
      doc_.Write(candidates[0], std::string(value));
      return Status::OK();
    }
    std::string markup(value);
    bool empty = internal::IsBlank(
        std::string_view(e.file->text)
            .substr(e.span.start_tag_end, e.span.content_end - e.span.start_tag_end));
    if (data_kind_ == DataKind::kWholeElement) {
      bool owned = false;
      BLOCKRT_ASSIGN_OR_RETURN(markup, WholeElementData(unset ? "" : value, e, &owned));
      empty = empty && !owned;
    } else if (!unset) {
      // Inner markup: it must be XML content, as the file holds it.
      pugi::xml_document check;
      std::string wrapped =
          "<" + std::string(type_) + ">" + markup + "</" + std::string(type_) + ">";
      Status st = internal::LoadXml("data", wrapped, kValueLimits, &check);
      if (!st.ok()) {
        return Status::InvalidArgument(who_ + ": data is not XML content: " + st.message());
      }
    }
    if (unset && empty) return NotSet();
    if (e.span.self_closing) {
      if (!markup.empty()) {
        e.file->edits.Replace(e.span.attributes_end, e.span.start_tag_end,
                              ">" + markup + "</" + std::string(e.span.name) + ">");
      }
    } else {
      e.file->edits.Replace(e.span.start_tag_end, e.span.content_end, markup);
    }
    BLOCKRT_RETURN_IF_ERROR(doc_.PinNames(index_, e, "", nullptr));
    return doc_.KeepInline(e);
  }

  // A <TYPE> element as `data` holds it (a problem's: without its settings
  // attributes): its body is returned to be written, and the element's other
  // attributes become the ones `value` has (value "": none; *owned says
  // whether the element had any). Settings attributes are set as fields of
  // their own, so in `value` they must be the block's current ones.
  Result<std::string> WholeElementData(std::string_view value, const XmlElement& e, bool* owned) {
    const BlockSchema& schema = internal::SchemaOrUnknown(FindBlockSchema(type_));
    auto data_owned = [&](std::string_view name) {
      return !internal::IsSettingsAttribute(schema, name) &&
             !internal::IsStrippedAttribute(name, /*draft=*/true);
    };
    std::vector<std::pair<std::string, std::string>> wanted;
    std::string markup;
    if (!value.empty()) {
      pugi::xml_document parsed;
      Status st = internal::LoadXml("data", value, kValueLimits, &parsed);
      if (!st.ok()) return Status::InvalidArgument(who_ + ": data is not XML: " + st.message());
      pugi::xml_node root = parsed.document_element();
      if (root.name() != type_) {
        return Status::InvalidArgument(who_ + ": data must be a <" + std::string(type_) +
                                       "> element, not <" + root.name() + ">");
      }
      const CourseDefinition& def = doc_.block(index_).definition;
      for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
        if (data_owned(a.name())) {
          BLOCKRT_RETURN_IF_ERROR(CheckFieldName(who_, a.name()));
          wanted.emplace_back(a.name(), a.value());
          continue;
        }
        const std::string_view* now = def.attribute(a.name());
        if (now == nullptr || *now != a.value()) {
          return Status::InvalidArgument(who_ + ": data's <" + std::string(type_) +
                                         "> sets attribute '" + a.name() +
                                         "'; set settings as fields of their own");
        }
      }
      internal::ElementSpan span;
      if (!internal::ScanElement(value, internal::ElementOffset(root), &span)) {
        return Status::InvalidArgument(who_ + ": data is not a well-formed element");
      }
      markup = std::string(value.substr(span.start_tag_end, span.content_end - span.start_tag_end));
    }
    *owned = false;
    for (const internal::AttributeSpan& a : e.span.attributes) {
      if (!data_owned(a.name)) continue;
      *owned = true;
      auto keep = std::find_if(wanted.begin(), wanted.end(),
                               [&](const auto& w) { return w.first == a.name; });
      if (keep == wanted.end()) RemoveAttribute(e, a.name);
    }
    for (const auto& [name, v] : wanted) {
      pugi::xml_attribute now = e.node.attribute(name.c_str());
      if (!now || v != now.value()) SetAttribute(e, name, v);
    }
    return markup;
  }

  Status NotSet() const { return Status::NotFound(who_ + ": field 'data' is not set"); }

  CourseDocument& doc_;
  uint32_t index_;
  std::string who_;
  std::string_view type_;
  DataKind data_kind_ = DataKind::kNone;
};

}  // namespace

Result<std::vector<FileChange>> SetCourseField(const Course& course, const FileSource& files,
                                               uint32_t block, std::string_view field,
                                               std::string_view value) {
  CourseDocument doc(course, files);
  FieldEdit edit(&doc, block);
  BLOCKRT_RETURN_IF_ERROR(edit.SetIn(field, value));
  return doc.Finish(edit.who());
}

Result<std::vector<FileChange>> UnsetCourseField(const Course& course, const FileSource& files,
                                                 uint32_t block, std::string_view field) {
  CourseDocument doc(course, files);
  FieldEdit edit(&doc, block);
  BLOCKRT_RETURN_IF_ERROR(edit.UnsetIn(field));
  return doc.Finish(edit.who());
}

namespace internal {

Status SetFieldIn(CourseDocument* doc, uint32_t block, std::string_view field,
                  std::string_view value) {
  return FieldEdit(doc, block).SetIn(field, value);
}

}  // namespace internal

Status ApplyFileChanges(const std::vector<FileChange>& changes, MemoryFileSource* files) {
  for (const FileChange& c : changes) {
    Status safe = internal::CheckRelativePath(c.path);
    if (!safe.ok()) return Status::InvalidArgument(c.path + ": " + safe.message());
    if (c.remove && !files->IsFile(c.path)) {
      return Status::NotFound(files->Describe(c.path) + ": no such file to remove");
    }
  }
  // Kept to undo the changes made so far when a Put fails (a path that
  // clashes with a directory): all or nothing.
  std::vector<std::pair<std::string, std::optional<std::string>>> undo;
  for (const FileChange& c : changes) {
    auto it = files->files().find(c.path);
    undo.emplace_back(
        c.path, it == files->files().end() ? std::nullopt : std::optional<std::string>(it->second));
    Status st = Status::OK();
    if (c.remove) {
      files->Remove(c.path);
    } else {
      st = files->Put(c.path, c.bytes);
    }
    if (!st.ok()) {
      for (auto u = undo.rbegin(); u != undo.rend(); ++u) {
        if (u->second) {
          (void)files->Put(u->first, *u->second);
        } else {
          files->Remove(u->first);
        }
      }
      return st;
    }
  }
  return Status::OK();
}

}  // namespace blockrt::olx
