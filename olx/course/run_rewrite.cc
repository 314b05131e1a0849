// The run rewrite: byte edits at located attribute values and JSON strings,
// so every byte the rewrite has no reason to touch stays as written.
#include "olx/course/run_rewrite.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <pugixml.hpp>

#include "olx/course/internal/course_rules.h"
#include "olx/course/internal/json_locate.h"
#include "olx/course/internal/text_symlink.h"
#include "olx/course/internal/url_name.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx {
namespace {

using internal::JsonPointerToken;

// One replacement of text[begin, end).
struct Edit {
  size_t begin, end;
  std::string text;
};

std::string ApplyEdits(std::string_view text, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(),
            [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  std::string out;
  out.reserve(text.size() + 64);
  size_t at = 0;
  for (const Edit& e : edits) {
    out.append(text.substr(at, e.begin - at));
    out += e.text;
    at = e.end;
  }
  out.append(text.substr(at));
  return out;
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The attributes of the start tag at text[offset] ('<') as byte ranges of
// their values, and where a new attribute goes (after the last one). The
// text has passed LoadXml, so the tag is well formed.
struct TagAttribute {
  std::string_view name;
  size_t value_begin = 0, value_end = 0;
};
struct StartTag {
  std::vector<TagAttribute> attributes;
  size_t insert_at = 0;
};

StartTag ScanStartTag(std::string_view text, size_t offset) {
  StartTag tag;
  size_t i = offset + 1;
  while (i < text.size() && !IsXmlSpace(text[i]) && text[i] != '/' && text[i] != '>') ++i;
  tag.insert_at = i;
  while (i < text.size()) {
    while (i < text.size() && IsXmlSpace(text[i])) ++i;
    if (i >= text.size() || text[i] == '/' || text[i] == '>') break;
    size_t name_begin = i;
    while (i < text.size() && !IsXmlSpace(text[i]) && text[i] != '=') ++i;
    TagAttribute a;
    a.name = text.substr(name_begin, i - name_begin);
    while (i < text.size() && (IsXmlSpace(text[i]) || text[i] == '=')) ++i;
    if (i >= text.size()) break;
    const char quote = text[i];
    a.value_begin = ++i;
    while (i < text.size() && text[i] != quote) ++i;
    a.value_end = i;
    tag.insert_at = ++i;
    tag.attributes.push_back(a);
  }
  return tag;
}

// Sets attribute `name` of `tag` to `value` (appending it when absent).
void SetAttribute(const StartTag& tag, std::string_view name, std::string_view value,
                  std::vector<Edit>* edits) {
  std::string escaped;
  internal::AppendEscapedAttribute(&escaped, value);
  for (const TagAttribute& a : tag.attributes) {
    if (a.name == name) {
      edits->push_back({a.value_begin, a.value_end, std::move(escaped)});
      return;
    }
  }
  edits->push_back(
      {tag.insert_at, tag.insert_at, " " + std::string(name) + "=\"" + escaped + "\""});
}

std::string JsonQuote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The JSON string token starting at text[begin] ('"'): its end (past the
// closing quote) and its content with the simple escapes decoded (\uXXXX for
// ASCII only: the values compared here are keys and slugs). False when
// text[begin] does not start a string.
bool StringAt(std::string_view text, size_t begin, size_t* end, std::string* value) {
  if (begin >= text.size() || text[begin] != '"') return false;
  value->clear();
  for (size_t i = begin + 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      *end = i + 1;
      return true;
    }
    if (c != '\\' || i + 1 >= text.size()) {
      *value += c;
      continue;
    }
    char e = text[++i];
    if (e == 'u' && i + 4 < text.size()) {
      unsigned code = std::stoul(std::string(text.substr(i + 1, 4)), nullptr, 16);
      *value += code < 0x80 ? static_cast<char>(code) : '?';
      i += 4;
    } else {
      *value += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
    }
  }
  return false;
}

// Replaces the string value at `pointer` when it equals one of `from`.
void ReplaceJsonString(std::string_view text, const std::map<std::string, size_t>& offsets,
                       const std::string& pointer, const std::vector<std::string>& from,
                       const std::string& to, std::vector<Edit>* edits) {
  auto it = offsets.find(pointer);
  if (it == offsets.end()) return;
  size_t end = 0;
  std::string value;
  if (!StringAt(text, it->second, &end, &value)) return;
  if (std::find(from.begin(), from.end(), value) == from.end() || value == to) return;
  edits->push_back({it->second, end, JsonQuote(to)});
}

// Renames the top-level object key whose value starts at `value_offset`.
void RenameKeyBefore(std::string_view text, size_t value_offset, const std::string& to,
                     std::vector<Edit>* edits) {
  size_t i = value_offset;
  while (i > 0 && IsXmlSpace(text[i - 1])) --i;
  if (i == 0 || text[i - 1] != ':') return;
  --i;
  while (i > 0 && IsXmlSpace(text[i - 1])) --i;
  if (i == 0 || text[i - 1] != '"') return;
  const size_t key_end = i;
  size_t j = key_end - 1;  // the closing quote
  while (j > 0) {
    --j;
    if (text[j] != '"') continue;
    size_t slashes = 0;
    while (j >= slashes + 1 && text[j - slashes - 1] == '\\') ++slashes;
    if (slashes % 2 == 0) break;
  }
  if (text[j] != '"') return;
  edits->push_back({j, key_end, JsonQuote(to)});
}

class Planner {
 public:
  Planner(const FileSource& files, const CourseIdentity& to, size_t max_bytes)
      : files_(files), max_bytes_(max_bytes) {
    plan_.to = to;
  }

  Result<RunRewrite> Run() {
    if (!files_.IsFile("course.xml")) {
      if (files_.IsFile("library.xml")) {
        return Status::InvalidArgument(files_.Describe("") +
                                       " is a library export (library.xml), not a course");
      }
      return Status::NotFound(files_.Describe("course.xml") + ": no such file");
    }
    // A text symlink (roots/RUN.xml) is followed; the rewritten root is then
    // written to course.xml as XML.
    std::optional<std::string> symlink = internal::TextSymlinkTarget(files_, "course.xml");
    BLOCKRT_RETURN_IF_ERROR(Read(symlink ? *symlink : "course.xml", &root_text_));
    pugi::xml_document doc;
    internal::RootExtent extent;
    BLOCKRT_RETURN_IF_ERROR(internal::LoadXml(files_.Describe("course.xml"), root_text_,
                                              {max_bytes_, 1024}, &doc, &extent));
    pugi::xml_node root = doc.document_element();
    if (std::string_view(root.name()) != "course") {
      return Status::InvalidArgument(files_.Describe("course.xml") + ": root element is <" +
                                     root.name() + ">, not <course>");
    }
    internal::RootIdentity id = internal::ReadRootIdentity(root, false, DirName());
    plan_.from = {id.org, id.number, id.run};
    const CourseIdentity& from = plan_.from;
    const CourseIdentity& to = plan_.to;

    // course.xml names the target; `course` always, as no directory name
    // survives into the store to default it from.
    std::vector<Edit> root_edits;
    StartTag root_tag = ScanStartTag(root_text_, extent.start);
    const bool pointer = internal::IsPointer(root, internal::ReadKnownAttributes(root));
    if (from.run != to.run) SetAttribute(root_tag, "url_name", to.run, &root_edits);
    if (from.org != to.org) SetAttribute(root_tag, "org", to.org, &root_edits);
    if (from.course != to.course || !root.attribute("course")) {
      SetAttribute(root_tag, "course", to.course, &root_edits);
    }
    if (from == to) {
      if (!root_edits.empty()) plan_.writes["course.xml"] = ApplyEdits(root_text_, root_edits);
      return std::move(plan_);
    }

    // The course block's own file: course/R.xml behind a pointer, else
    // course.xml itself. Its <wiki slug> follows the key (Studio's import).
    const std::string course_file = CourseFilePath(from.run);
    const std::string new_course_file = CourseFilePath(to.run);
    if (pointer) {
      plan_.writes["course.xml"] = ApplyEdits(root_text_, root_edits);
      if (files_.IsFile(course_file)) {
        std::string text;
        BLOCKRT_RETURN_IF_ERROR(Read(course_file, &text));
        std::vector<Edit> edits;
        BLOCKRT_RETURN_IF_ERROR(WikiEdits(course_file, text, &edits));
        Move(course_file, new_course_file, ApplyEdits(text, edits));
      }
    } else {
      BLOCKRT_RETURN_IF_ERROR(WikiEdits("course.xml", root_text_, &root_edits));
      plan_.writes["course.xml"] = ApplyEdits(root_text_, root_edits);
    }

    BLOCKRT_RETURN_IF_ERROR(MovePolicies(course_file, new_course_file));
    for (const char* dir : {"about", "info", "tabs", "custom_tags"}) {
      if (from.run == to.run) break;
      BLOCKRT_RETURN_IF_ERROR(
          MoveTree(std::string(dir) + "/" + from.run, std::string(dir) + "/" + to.run, nullptr));
    }
    BLOCKRT_RETURN_IF_ERROR(RewriteAssets());
    BLOCKRT_RETURN_IF_ERROR(RewriteDrafts("drafts"));

    std::sort(plan_.removes.begin(), plan_.removes.end());
    plan_.removes.erase(std::unique(plan_.removes.begin(), plan_.removes.end()),
                        plan_.removes.end());
    plan_.removes.erase(std::remove_if(plan_.removes.begin(), plan_.removes.end(),
                                       [&](const std::string& p) { return plan_.writes.count(p); }),
                        plan_.removes.end());
    return std::move(plan_);
  }

 private:
  Status Read(const std::string& rel, std::string* out) const {
    return files_.Read(rel, max_bytes_, out);
  }

  std::string DirName() const {
    std::string root = files_.Describe("");
    while (!root.empty() && root.back() == '/') root.pop_back();
    return root.substr(root.rfind('/') + 1);
  }

  std::string WikiSlug(const CourseIdentity& c) const {
    return c.org + "." + c.course + "." + c.run;
  }

  Status WikiEdits(const std::string& rel, std::string_view text, std::vector<Edit>* edits) const {
    pugi::xml_document doc;
    BLOCKRT_RETURN_IF_ERROR(
        internal::LoadXml(files_.Describe(rel), text, {max_bytes_, 1024}, &doc));
    pugi::xml_node wiki = doc.document_element().child("wiki");
    if (!wiki) return Status::OK();
    std::string_view slug = wiki.attribute("slug").value();
    if (slug != WikiSlug(plan_.from) && slug != plan_.from.course) return Status::OK();
    SetAttribute(ScanStartTag(text, internal::ElementOffset(wiki)), "slug", WikiSlug(plan_.to),
                 edits);
    return Status::OK();
  }

  void Move(const std::string& from, const std::string& to, std::string bytes) {
    plan_.removes.push_back(from);
    plan_.writes[to] = std::move(bytes);
  }

  // Every file below `from_dir`, moved below `to_dir`; `rewrite` (when set)
  // edits each one's bytes on the way.
  Status MoveTree(const std::string& from_dir, const std::string& to_dir,
                  const std::function<Status(const std::string&, std::string*)>& rewrite) {
    if (!files_.IsDirectory(from_dir)) return Status::OK();
    for (const std::string& name : files_.ListFiles(from_dir)) {
      std::string rel = from_dir + "/" + name, bytes;
      BLOCKRT_RETURN_IF_ERROR(Read(rel, &bytes));
      if (rewrite) BLOCKRT_RETURN_IF_ERROR(rewrite(rel, &bytes));
      Move(rel, to_dir + "/" + name, std::move(bytes));
    }
    for (const std::string& sub : files_.ListDirectories(from_dir)) {
      BLOCKRT_RETURN_IF_ERROR(MoveTree(from_dir + "/" + sub, to_dir + "/" + sub, rewrite));
    }
    return Status::OK();
  }

  // block-v1:, asset-v1: and course-v1: keys of the export's own course.
  bool ReplaceKeys(std::string* text) const {
    const std::string from = plan_.from.org + "+" + plan_.from.course + "+" + plan_.from.run;
    const std::string to = plan_.to.org + "+" + plan_.to.course + "+" + plan_.to.run;
    bool changed = false;
    for (const char* scheme : {"block-v1:", "asset-v1:", "course-v1:"}) {
      const std::string needle = scheme + from;
      const bool course_key = scheme[0] == 'c';
      const std::string replacement = scheme + to;
      for (size_t at = text->find(needle); at != std::string::npos; at = text->find(needle, at)) {
        const size_t end = at + needle.size();
        const char next = end < text->size() ? (*text)[end] : '\0';
        // block-v1:/asset-v1: go on with "+type@"; a course key ends where
        // key characters do (so R does not match inside R2).
        const bool whole =
            course_key ? !(std::isalnum(static_cast<unsigned char>(next)) || next == '_' ||
                           next == '-' || next == '.' || next == '~' || next == '+' || next == ':')
                       : text->compare(end, 6, "+type@") == 0;
        if (!whole) {
          ++at;
          continue;
        }
        text->replace(at, needle.size(), replacement);
        at += replacement.size();
        changed = true;
      }
    }
    return changed;
  }

  Status MovePolicies(const std::string& course_file, const std::string& new_course_file) {
    const CourseIdentity& from = plan_.from;
    const CourseIdentity& to = plan_.to;
    // The loader's order: policies/R/policy.json, else policies/R.json.
    const std::string dir_policy = "policies/" + from.run + "/policy.json";
    const std::string flat_policy = "policies/" + from.run + ".json";
    const std::string active = files_.IsFile(dir_policy) ? dir_policy : flat_policy;
    auto rewrite = [&](const std::string& rel, std::string* bytes) -> Status {
      if (rel == active) {
        std::map<std::string, size_t> offsets = internal::LocateJsonValues(*bytes);
        const std::string base = "/" + JsonPointerToken("course/" + from.run);
        std::vector<Edit> edits;
        if (auto it = offsets.find(base); it != offsets.end()) {
          RenameKeyBefore(*bytes, it->second, "course/" + to.run, &edits);
          ReplaceJsonString(*bytes, offsets, base + "/wiki_slug", {WikiSlug(from), from.course},
                            WikiSlug(to), &edits);
          for (int i = 0; offsets.count(base + "/xml_attributes/filename/" + std::to_string(i));
               ++i) {
            ReplaceJsonString(*bytes, offsets,
                              base + "/xml_attributes/filename/" + std::to_string(i), {course_file},
                              new_course_file, &edits);
          }
        }
        *bytes = ApplyEdits(*bytes, std::move(edits));
      }
      if (rel.size() > 5 && rel.compare(rel.size() - 5, 5, ".json") == 0) ReplaceKeys(bytes);
      return Status::OK();
    };
    if (from.run == to.run) {
      // Nothing moves; the policies may still name the old org or course.
      for (const std::string& rel : files_.ListFiles("policies/" + from.run)) {
        BLOCKRT_RETURN_IF_ERROR(RewriteInPlace("policies/" + from.run + "/" + rel, rewrite));
      }
      if (files_.IsFile(flat_policy)) BLOCKRT_RETURN_IF_ERROR(RewriteInPlace(flat_policy, rewrite));
      return Status::OK();
    }
    BLOCKRT_RETURN_IF_ERROR(MoveTree("policies/" + from.run, "policies/" + to.run, rewrite));
    if (files_.IsFile(flat_policy)) {
      std::string bytes;
      BLOCKRT_RETURN_IF_ERROR(Read(flat_policy, &bytes));
      BLOCKRT_RETURN_IF_ERROR(rewrite(flat_policy, &bytes));
      Move(flat_policy, "policies/" + to.run + ".json", std::move(bytes));
    }
    return Status::OK();
  }

  // Writes `rel` back only when `rewrite` changed its bytes.
  Status RewriteInPlace(const std::string& rel,
                        const std::function<Status(const std::string&, std::string*)>& rewrite) {
    std::string bytes;
    BLOCKRT_RETURN_IF_ERROR(Read(rel, &bytes));
    std::string before = bytes;
    BLOCKRT_RETURN_IF_ERROR(rewrite(rel, &bytes));
    if (bytes != before) plan_.writes[rel] = std::move(bytes);
    return Status::OK();
  }

  // policies/assets.json: each asset's content_son and thumbnail_location
  // name the course, its "filename" is an asset-v1: key.
  Status RewriteAssets() {
    const std::string rel = "policies/assets.json";
    if (!files_.IsFile(rel)) return Status::OK();
    return RewriteInPlace(rel, [&](const std::string&, std::string* bytes) {
      const CourseIdentity& from = plan_.from;
      const CourseIdentity& to = plan_.to;
      std::map<std::string, size_t> offsets = internal::LocateJsonValues(*bytes);
      std::vector<Edit> edits;
      auto ends_with = [](const std::string& s, std::string_view suffix) {
        return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(),
                                                     suffix.data(), suffix.size()) == 0;
      };
      for (const auto& [pointer, offset] : offsets) {
        // Only "/ASSET/FIELD/..." entries: one slash inside the asset name's token.
        if (std::count(pointer.begin(), pointer.end(), '/') != 3) continue;
        if (ends_with(pointer, "/content_son/run")) {
          ReplaceJsonString(*bytes, offsets, pointer, {from.run}, to.run, &edits);
        } else if (ends_with(pointer, "/content_son/org") ||
                   ends_with(pointer, "/thumbnail_location/1")) {
          ReplaceJsonString(*bytes, offsets, pointer, {from.org}, to.org, &edits);
        } else if (ends_with(pointer, "/content_son/course") ||
                   ends_with(pointer, "/thumbnail_location/2")) {
          ReplaceJsonString(*bytes, offsets, pointer, {from.course}, to.course, &edits);
        }
      }
      *bytes = ApplyEdits(*bytes, std::move(edits));
      ReplaceKeys(bytes);
      return Status::OK();
    });
  }

  // drafts/**.xml: parent_url names the parent by usage key.
  Status RewriteDrafts(const std::string& dir) {
    if (!files_.IsDirectory(dir)) return Status::OK();
    for (const std::string& name : files_.ListFiles(dir)) {
      if (name.size() < 4 || name.compare(name.size() - 4, 4, ".xml") != 0) continue;
      BLOCKRT_RETURN_IF_ERROR(
          RewriteInPlace(dir + "/" + name, [&](const std::string&, std::string* b) {
            ReplaceKeys(b);
            return Status::OK();
          }));
    }
    for (const std::string& sub : files_.ListDirectories(dir)) {
      BLOCKRT_RETURN_IF_ERROR(RewriteDrafts(dir + "/" + sub));
    }
    return Status::OK();
  }

  const FileSource& files_;
  size_t max_bytes_;
  std::string root_text_;
  RunRewrite plan_;
};

}  // namespace

std::string CourseFilePath(std::string_view run) {
  return "course/" + internal::UrlNameToPath(run) + ".xml";
}

Result<RunRewrite> PlanRunRewrite(const FileSource& files, const CourseIdentity& to,
                                  size_t max_file_bytes) {
  return Planner(files, to, max_file_bytes).Run();
}

}  // namespace blockrt::olx
