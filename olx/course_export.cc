// ExportCourse: the XmlMixin export shape (course-olx-format.md §6). XModule-
// style blocks get their own TYPE/URL_NAME.xml and a pointer in the parent;
// html is split into .xml + .html; pure XBlocks stay inline.
#include <algorithm>
#include <filesystem>

#include "olx/course.h"
#include "olx/internal/course_rules.h"
#include "olx/internal/definition_fields.h"
#include "olx/internal/extra_content.h"
#include "olx/internal/file_io.h"
#include "olx/internal/url_name.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx {
namespace {

namespace fs = std::filesystem;

std::string_view MarkupOf(const CourseDefinition& def) {
  return internal::MarkupOf(def.block_type, def.data(), def.body);
}

class Exporter {
 public:
  Exporter(const Course& course, std::string out) : course_(course), out_(std::move(out)) {}

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
    if (!course_.grading_policy_path.empty()) {
      // Written from the parsed policy; a policy that did not parse is copied.
      BLOCKRT_RETURN_IF_ERROR(
          course_.grading_policy.present
              ? Write(course_.grading_policy_path, WriteGradingPolicy(course_.grading_policy))
              : Copy(course_.grading_policy_path));
    }
    for (const char* rel : {"policies/assets.json", "static"}) {
      std::error_code ec;
      if (fs::exists(course_.root_dir + "/" + rel, ec)) BLOCKRT_RETURN_IF_ERROR(Copy(rel));
    }
    return Status::OK();
  }

 private:
  Status Write(const std::string& rel, std::string_view bytes) {
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

  Status Copy(const std::string& rel) {
    std::error_code ec;
    fs::path to = fs::path(out_) / rel;
    fs::create_directories(to.parent_path(), ec);
    fs::copy(fs::path(course_.root_dir) / rel, to,
             fs::copy_options::recursive | fs::copy_options::skip_symlinks |
                 fs::copy_options::overwrite_existing,
             ec);
    if (ec) return Status::IOError(rel + ": copy failed: " + ec.message());
    return Status::OK();
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
    BLOCKRT_RETURN_IF_ERROR(
        WriteOwnFile(index, dir + "/" + internal::UrlNameToPath(b.url_name) + ".xml", false));
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
};

}  // namespace

Status ExportCourse(const Course& course, std::string_view out_dir) {
  std::string out(out_dir);
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_empty(out, ec)) {
    return Status::AlreadyExists(out + ": output directory exists and is not empty");
  }
  fs::create_directories(out, ec);
  if (ec) return Status::IOError(out + ": " + ec.message());
  return Exporter(course, out).Run();
}

}  // namespace blockrt::olx
