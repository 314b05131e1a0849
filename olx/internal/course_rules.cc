// The XML modulestore's per-element rules used by the course loader.
#include "olx/internal/course_rules.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "olx/internal/url_name.h"
#include "olx/internal/xml_document.h"

namespace blockrt::olx::internal {

// Attributes that are import machinery, never fields (metadata_to_strip plus
// the draft bookkeeping and xblock-family).
bool IsStrippedAttribute(std::string_view name, bool draft) {
  if (name.empty()) return false;
  switch (name[0]) {  // every block has attributes; few start like these
    case 'u':
      return name == "url_name";
    case 's':
      return name == "slug";
    case 'x':
      return name == "xblock-family" || name == "x-is-pointer-node";
    case 'f':
      return name == "filename";
    case 'p':
      return draft && (name == "parent_url" || name == "parent_sequential_url");
    case 'i':
      return draft && name == "index_in_children_list";
    default:
      return false;
  }
}

bool HasOnlyAttributes(const pugi::xml_node& node, std::initializer_list<const char*> names) {
  size_t n = 0;
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    ++n;
    bool listed = false;
    for (const char* want : names) listed = listed || std::strcmp(a.name(), want) == 0;
    if (!listed) return false;
  }
  return n == names.size();
}

// is_pointer_tag: no children, no text, attributes exactly {url_name} (course:
// {url_name, org, course}).
bool IsPointer(const pugi::xml_node& node) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) return false;
    if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) &&
        !internal::IsBlank(c.value())) {
      return false;
    }
  }
  if (std::strcmp(node.name(), "course") == 0) {
    return HasOnlyAttributes(node, {"url_name", "org", "course"});
  }
  return HasOnlyAttributes(node, {"url_name"});
}

// Children of a container that are not blocks: kept in the body for export.
bool IsNonBlockChild(std::string_view parent, const pugi::xml_node& child) {
  std::string_view tag = child.name();
  if (tag == "meta") return true;
  if (parent == "course" && (tag == "wiki" || tag == "textbook")) return true;
  if (parent == "conditional" && tag == "show") return true;
  return std::strcmp(child.attribute("xblock-family").value(), "xblock_asides.v1") == 0;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// url_name | slug | cleaned name | cleaned display_name; "" when none.
std::string UrlNameOf(const pugi::xml_node& node) {
  for (const char* attr : {"url_name", "slug"}) {
    std::string_view v = node.attribute(attr).value();
    if (!v.empty()) return std::string(v);
  }
  for (const char* attr : {"name", "display_name"}) {
    std::string_view v = node.attribute(attr).value();
    if (!v.empty()) return internal::CleanUrlName(v);
  }
  return "";
}

// HtmlBlock.backcompat_paths: DIR/F.html, then the .html.xml/.html.html
// stripped form, then every suffix of the path, then .xml -> .html.
void AddHtmlCandidates(const std::string& dir, const std::string& filename,
                       std::vector<std::string>* out) {
  std::string path = dir + filename;
  if (!EndsWith(path, ".html")) path += ".html";
  out->push_back(path);
  std::string stripped = path;
  for (std::string_view ext : {".html.xml", ".html.html"}) {
    if (EndsWith(filename, ext)) {
      stripped = dir + filename.substr(0, filename.size() - ext.size()) + ".html";
      out->push_back(stripped);
    }
  }
  for (size_t slash = stripped.find('/'); slash != std::string::npos;
       slash = stripped.find('/', slash + 1)) {
    out->push_back(stripped.substr(slash + 1));
  }
  if (EndsWith(filename, ".xml")) {
    out->push_back(dir + filename.substr(0, filename.size() - 4) + ".html");
  }
}

// A located Status message is "path:L:C: error: msg\n<line>\n<caret>".
Diagnostic DiagnosticFromStatus(const std::string& rel, const Status& st) {
  std::string_view msg = st.message();
  std::string_view first = msg.substr(0, msg.find('\n'));
  size_t tag = first.find(": error: ");
  Diagnostic d{Severity::kError, rel, 0, 0, std::string(first)};
  if (tag != std::string_view::npos) {
    d.message = std::string(first.substr(tag + 9));
    std::string_view loc = first.substr(0, tag);
    size_t c2 = loc.rfind(':');
    size_t c1 = c2 == std::string_view::npos ? c2 : loc.rfind(':', c2 - 1);
    if (c1 != std::string_view::npos && StartsWith(loc, rel)) {
      d.line =
          static_cast<uint32_t>(std::strtoul(std::string(loc.substr(c1 + 1)).c_str(), nullptr, 10));
      d.column =
          static_cast<uint32_t>(std::strtoul(std::string(loc.substr(c2 + 1)).c_str(), nullptr, 10));
    }
  }
  return d;
}

void SetField(FieldValue field, Definition* def) {
  auto at = std::lower_bound(def->fields.begin(), def->fields.end(), field.name,
                             [](const FieldValue& f, const std::string& n) { return f.name < n; });
  if (at != def->fields.end() && at->name == field.name) {
    *at = std::move(field);
  } else {
    def->fields.insert(at, std::move(field));
  }
}

}  // namespace blockrt::olx::internal
