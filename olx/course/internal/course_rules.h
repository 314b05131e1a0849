// The XML modulestore's per-element rules (course-olx-format.md §3-4): which
// attributes are import machinery, what is a pointer tag, which children are
// not blocks, how a url_name is found and where an html body may live.
// Internal: exposes pugixml types.
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_COURSE_RULES_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_COURSE_RULES_H_

#include <initializer_list>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "olx/definition.h"
#include "olx/diagnostic.h"

namespace blockrt::olx::internal {

// Attributes that are import machinery, never fields (metadata_to_strip plus
// the draft bookkeeping and xblock-family).
bool IsStrippedAttribute(std::string_view name, bool draft);
// The attributes the import walk asks about, read in one pass: pugixml's
// attribute(name) compares every attribute's name on each call.
struct KnownAttributes {
  std::string_view url_name, slug, name, display_name, filename;  // "" when absent
  size_t count = 0;                                               // all attributes
  size_t pointer_names = 0;   // attributes named url_name, org or course
  bool has_url_name = false;  // present, even if empty
};
KnownAttributes ReadKnownAttributes(const pugi::xml_node& node);

// is_pointer_tag: no children, no text, attributes exactly {url_name} (course:
// {url_name, org, course}).
bool IsPointer(const pugi::xml_node& node, const KnownAttributes& attrs);
// Children of a container that are not blocks: kept in the body for export.
bool IsNonBlockChild(std::string_view parent, const pugi::xml_node& child);
bool StartsWith(std::string_view s, std::string_view p);
bool EndsWith(std::string_view s, std::string_view p);
// url_name | slug | cleaned name | cleaned display_name; "" when none.
std::string UrlNameOf(const pugi::xml_node& node);
std::string UrlNameOf(const KnownAttributes& attrs);
// The identity the XML modulestore reads off a course.xml / library.xml root:
// org = @org (else "edx"), number = @course (@library) else the export
// directory's name, run = @url_name | @slug | cleaned @name (courses only).
struct RootIdentity {
  std::string org, number, run;
  bool org_defaulted = false;  // no org attribute: the loader warns
};
RootIdentity ReadRootIdentity(const pugi::xml_node& root, bool is_library,
                              std::string_view dir_name);
// Where HtmlBlock.load_definition resolves an html block's `filename`: the
// directory of html/<url_name as a path> ("a:b" -> "html/a/"), wherever the
// element is written (an inline <html filename=> in a chapter file still reads
// html/...); "drafts/" first for a draft, whose resources are rooted there.
std::string HtmlBodyDir(std::string_view url_name, bool draft);
// HtmlBlock.backcompat_paths for DIR + FILENAME, appended to *out in order.
void AddHtmlCandidates(const std::string& dir, const std::string& filename,
                       std::vector<std::string>* out);

// An error Status from the parser as a Diagnostic on `rel`, with the line and
// column of its "path:L:C: error: msg" first line when it has them.
Diagnostic DiagnosticFromStatus(const std::string& rel, const Status& st);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_COURSE_RULES_H_
