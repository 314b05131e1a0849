#include "olx/course/library_rewrite.h"

#include <pugixml.hpp>
#include <string>

#include "olx/course/internal/course_rules.h"
#include "olx/course/internal/xml_edit.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx {
namespace {

// Sets attribute `name` of `root` to `value`, in place or appended after
// the last attribute.
void SetRootAttribute(const internal::ElementSpan& root, std::string_view name,
                      std::string_view value, internal::TextEdits* edits) {
  if (const internal::AttributeSpan* a = root.attribute(name)) {
    std::string escaped;
    internal::AppendEscapedAttribute(&escaped, value);
    edits->Replace(a->value_begin, a->value_end, std::move(escaped));
    return;
  }
  edits->Insert(root.attributes_end, internal::AttributeText(name, value));
}

}  // namespace

Result<RunRewrite> PlanLibraryRewrite(const FileSource& files, const CourseIdentity& to,
                                      size_t max_file_bytes) {
  if (!files.IsFile("library.xml")) {
    if (files.IsFile("course.xml")) {
      return Status::InvalidArgument(files.Describe("") +
                                     " is a course export (course.xml), not a library");
    }
    return Status::NotFound(files.Describe("library.xml") + ": no such file");
  }
  std::string text;
  BLOCKRT_RETURN_IF_ERROR(files.Read("library.xml", max_file_bytes, &text));
  pugi::xml_document doc;
  internal::RootExtent extent;
  BLOCKRT_RETURN_IF_ERROR(internal::LoadXml(files.Describe("library.xml"), text,
                                            {max_file_bytes, 1024}, &doc, &extent));
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "library") {
    return Status::InvalidArgument(files.Describe("library.xml") + ": root element is <" +
                                   root.name() + ">, not <library>");
  }
  // No directory name reaches the store: an absent @library reads as "".
  internal::RootIdentity id = internal::ReadRootIdentity(root, /*is_library=*/true, "");
  RunRewrite plan;
  plan.from = {id.org, id.number, ""};
  plan.to = {to.org, to.course, ""};
  internal::ElementSpan span;
  if (!internal::ScanElement(text, extent.start, &span)) {
    return Status::Internal(files.Describe("library.xml") + ": root element not found again");
  }
  internal::TextEdits edits;
  if (id.org != to.org || !root.attribute("org")) SetRootAttribute(span, "org", to.org, &edits);
  if (id.number != to.course) SetRootAttribute(span, "library", to.course, &edits);
  if (edits.empty()) return plan;
  std::string out;
  if (!edits.Apply(text, &out)) {
    return Status::Internal(files.Describe("library.xml") + ": overlapping edits");
  }
  plan.writes["library.xml"] = std::move(out);
  return plan;
}

}  // namespace blockrt::olx
