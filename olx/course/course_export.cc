// ExportCourse: the XmlMixin export shape (course-olx-format.md §6). XModule-
// style blocks get their own TYPE/URL_NAME.xml and a pointer in the parent;
// html is split into .xml + .html; pure XBlocks stay inline.
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unordered_set>

#include "olx/course/course.h"
#include "olx/course/internal/course_rules.h"
#include "olx/course/internal/extra_content.h"
#include "olx/course/internal/url_name.h"
#include "olx/internal/definition_fields.h"
#include "olx/internal/file_io.h"
#include "olx/internal/olx_path.h"
#include "olx/internal/root_dir.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx {
namespace {

namespace fs = std::filesystem;

std::string_view MarkupOf(const CourseDefinition& def) {
  return internal::MarkupOf(def.block_type, def.data(), def.body);
}

class Exporter {
 public:
  Exporter(const Course& course, std::string out)
      : course_(course),
        out_(std::move(out)),
        source_(course.root_dir.empty() || course.root_dir.back() == '/' ? course.root_dir
                                                                         : course.root_dir + "/") {}

  Status Run() {
    if (course_.blocks.empty()) return Status::FailedPrecondition("the course has no blocks");
    const CourseBlock& root = course_.blocks[0];
    if (course_.kind == Course::Kind::kCourse) {
      std::string pointer = "<course url_name=\"";
      internal::AppendEscapedAttribute(&pointer, course_.run);
      pointer += "\" org=\"";
      internal::AppendEscapedAttribute(&pointer, course_.org);
      pointer += "\" course=\"";
      internal::AppendEscapedAttribute(&pointer, course_.course);
      pointer += "\"/>\n";
      BLOCKRT_RETURN_IF_ERROR(Write("course.xml", pointer));
      BLOCKRT_RETURN_IF_ERROR(
          WriteOwnFile(0, "course/" + internal::UrlNameToPath(course_.run) + ".xml", false));
    } else {
      std::string text;
      BLOCKRT_RETURN_IF_ERROR(ElementText(0, /*with_url_name=*/true, false, &text));
      BLOCKRT_RETURN_IF_ERROR(Write("library.xml", text + "\n"));
    }
    (void)root;
    for (uint32_t d : course_.draft_roots) {
      const CourseBlock& b = course_.blocks[d];
      BLOCKRT_RETURN_IF_ERROR(WriteOwnFile(d,
                                           "drafts/" + std::string(b.definition.block_type) + "/" +
                                               internal::UrlNameToPath(b.url_name) + ".xml",
                                           true));
    }
    for (uint32_t e : course_.extra_roots) BLOCKRT_RETURN_IF_ERROR(WriteExtra(e));
    if (!course_.policy_path.empty()) BLOCKRT_RETURN_IF_ERROR(Copy(course_.policy_path));
    // Copied byte for byte: the export does not rewrite what it does not
    // own (an invalid policy stays as it was, for its author to fix).
    if (!course_.grading_policy_path.empty()) {
      BLOCKRT_RETURN_IF_ERROR(Copy(course_.grading_policy_path));
    }
    for (const char* rel : {"policies/assets.json", "static"}) {
      Status copied = Copy(rel);
      if (!copied.ok() && !copied.IsNotFound()) return copied;
    }
    return Status::OK();
  }

 private:
  // Every path written goes through the path rule; a usage's file is written
  // once (duplicate usages share it and, after the load, their definition).
  Status Write(const std::string& rel, std::string_view bytes) {
    Status safe = internal::CheckRelativePath(rel);
    if (!safe.ok()) return Status::InvalidArgument(rel + ": unsafe path: " + safe.message());
    if (!written_.insert(rel).second) return Status::OK();
    return internal::WriteFile(out_ + "/" + rel, bytes);
  }

  // DIR/SLUG.html with the data, DIR/SLUG.FIELD.json per other content field
  // (display names of static tabs live in the course's tabs policy).
  Status WriteExtra(uint32_t index) {
    const CourseBlock& b = course_.blocks[index];
    const CourseDefinition& def = b.definition;
    std::string base =
        std::string(internal::ExtraContentDir(def.block_type)) + "/" + std::string(b.url_name);
    const std::string_view* data = def.data();
    bool from_json = internal::EndsWith(b.file, ".json");
    if (data != nullptr && (!data->empty() || !from_json)) {
      BLOCKRT_RETURN_IF_ERROR(Write(base + ".html", *data));
    }
    for (const CourseField& f : def.fields) {
      if (f.scope != FieldScope::kContent || f.name == "data") continue;
      BLOCKRT_RETURN_IF_ERROR(Write(base + "." + std::string(f.name) + ".json", f.value));
    }
    return Status::OK();
  }

  // Files of the source export, read beneath its root (a symlink out of it
  // fails the export rather than copying what it points at).
  Status Copy(const std::string& rel) {
    Status safe = internal::CheckRelativePath(rel);
    if (!safe.ok()) return Status::InvalidArgument(rel + ": unsafe path: " + safe.message());
    if (!written_.insert(rel).second) return Status::OK();
    std::error_code ec;
    fs::path to = fs::path(out_) / rel;
    fs::create_directories(to.parent_path(), ec);
    if (ec) return Status::IOError(to.parent_path().string() + ": " + ec.message());
    return source_.CopyTo(rel, to.string());
  }

  // The block as an element: attributes (plus url_name when inline), then its
  // body, then one child reference per line.
  Status ElementText(uint32_t index, bool with_url_name, bool draft_file, std::string* out) {
    const CourseBlock& b = course_.blocks[index];
    const CourseDefinition& def = b.definition;
    std::vector<CourseAttribute> attrs(def.attributes.begin(), def.attributes.end());
    auto put = [&attrs](std::string_view name, std::string_view value) {
      if (value.empty()) return;
      attrs.push_back(CourseAttribute{name, value});
    };
    if (with_url_name) put("url_name", b.url_name);
    // Pure XBlocks carry their family, as Studio writes them; it also keeps a
    // bare <done url_name=".."/> from reading back as a pointer tag.
    if (!def.known_type && def.block_type != "library") put("xblock-family", "xblock.v1");
    if (draft_file) {
      put("parent_url", b.draft_parent);
      put("index_in_children_list", b.draft_index);
    }
    std::string body(MarkupOf(def));
    if (def.block_type == "html" && !b.html_file.empty()) {
      body.clear();  // the body lives in the .html file
    }
    for (uint32_t c : b.children) {
      std::string child;
      BLOCKRT_RETURN_IF_ERROR(ChildReference(c, &child));
      body += "\n  " + child;
    }
    if (!b.children.empty()) body += '\n';
    std::sort(attrs.begin(), attrs.end(),
              [](const CourseAttribute& x, const CourseAttribute& y) { return x.name < y.name; });
    internal::AppendElement(out, def.block_type, attrs, body);
    return Status::OK();
  }

  // Known (XModule-style) types become pointers to their own file; pure
  // XBlocks are written inline.
  Status ChildReference(uint32_t index, std::string* out) {
    const CourseBlock& b = course_.blocks[index];
    std::string type(b.definition.block_type);
    // A nested <course> cannot be a pointer (that needs org and course too).
    if (!b.definition.known_type || type == "course") {
      return ElementText(index, /*with_url_name=*/true, false, out);
    }
    std::string dir = b.draft ? "drafts/" + type : type;
    std::string rel = dir + "/" + internal::UrlNameToPath(b.url_name) + ".xml";
    // A shared usage (a DAG) is written once, not once per parent.
    if (written_.count(rel) == 0) BLOCKRT_RETURN_IF_ERROR(WriteOwnFile(index, rel, false));
    *out += "<" + type + " url_name=\"";
    internal::AppendEscapedAttribute(out, b.url_name);
    *out += "\"/>";
    return Status::OK();
  }

  Status WriteOwnFile(uint32_t index, const std::string& rel, bool draft_root) {
    const CourseBlock& b = course_.blocks[index];
    std::string text;
    if (b.definition.block_type == "html") {
      // html/<id>.xml holds <html filename="<last segment>"/>, the body its .html.
      std::string html_rel = rel.substr(0, rel.size() - 4) + ".html";
      std::string stem = html_rel.substr(html_rel.rfind('/') + 1);
      stem = stem.substr(0, stem.size() - 5);
      BLOCKRT_RETURN_IF_ERROR(Write(html_rel, MarkupOf(b.definition)));
      std::vector<CourseAttribute> attrs(b.definition.attributes.begin(),
                                         b.definition.attributes.end());
      attrs.push_back(CourseAttribute{"filename", stem});
      if (draft_root || b.draft) {
        if (!b.draft_parent.empty()) attrs.push_back(CourseAttribute{"parent_url", b.draft_parent});
        if (!b.draft_index.empty()) {
          attrs.push_back(CourseAttribute{"index_in_children_list", b.draft_index});
        }
      }
      std::sort(attrs.begin(), attrs.end(),
                [](const CourseAttribute& x, const CourseAttribute& y) { return x.name < y.name; });
      internal::AppendElement(&text, "html", attrs, "");
    } else {
      BLOCKRT_RETURN_IF_ERROR(ElementText(index, /*with_url_name=*/draft_root, draft_root, &text));
    }
    text += '\n';
    return Write(rel, text);
  }

  const Course& course_;
  std::string out_;
  internal::RootDir source_;
  std::unordered_set<std::string> written_;
};

// True when `inner` is `outer` or below it, after resolving symlinks (so a
// symlinked OUT inside DIR is caught too).
bool IsWithin(const fs::path& inner, const fs::path& outer) {
  std::error_code ec;
  fs::path a = fs::weakly_canonical(inner, ec);
  if (ec) return false;
  fs::path b = fs::weakly_canonical(outer, ec);
  if (ec) return false;
  auto ai = a.begin();
  for (auto bi = b.begin(); bi != b.end(); ++bi, ++ai) {
    if (bi->empty() && std::next(bi) == b.end()) break;  // trailing '/'
    if (ai == a.end() || *ai != *bi) return false;
  }
  return true;
}

}  // namespace

Status ExportCourse(const Course& course, std::string_view out_dir) {
  std::string out(out_dir);
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  if (out.empty()) return Status::InvalidArgument("empty output directory");
  std::error_code ec;
  if (!course.root_dir.empty() && IsWithin(out, course.root_dir)) {
    return Status::InvalidArgument(out + ": the output directory is inside the exported course " +
                                   course.root_dir + "; choose a directory outside it");
  }
  bool existed = fs::exists(out, ec);
  if (existed && (!fs::is_directory(out, ec) || !fs::is_empty(out, ec))) {
    return Status::AlreadyExists(out + ": output directory exists and is not empty");
  }
  // Written into a fresh sibling directory, renamed into place when complete:
  // a failed export leaves nothing behind, and OUT never holds half a course.
  fs::path parent = fs::path(out).parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) return Status::IOError(parent.string() + ": " + ec.message());
  }
  std::string tmpl = (parent.empty() ? std::string() : parent.string() + "/") + "." +
                     fs::path(out).filename().string() + ".export-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) {
    return Status::IOError(tmpl + ": cannot create a temporary directory: " + std::strerror(errno));
  }
  ::chmod(tmpl.c_str(), 0755);
  Status st = Exporter(course, tmpl).Run();
  if (st.ok() && ::rename(tmpl.c_str(), out.c_str()) != 0) {
    st = Status::IOError(out + ": cannot move the export into place: " + std::strerror(errno));
  }
  if (!st.ok()) fs::remove_all(tmpl, ec);
  return st;
}

}  // namespace blockrt::olx
