// The XML modulestore's per-element rules used by the course loader.
#include "olx/course/internal/course_rules.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "olx/course/internal/url_name.h"
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

KnownAttributes ReadKnownAttributes(const pugi::xml_node& node) {
  KnownAttributes k;
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    ++k.count;
    std::string_view n = a.name();
    if (n == "url_name") {
      k.url_name = a.value();
      k.has_url_name = true;
      ++k.pointer_names;
    } else if (n == "org" || n == "course") {
      ++k.pointer_names;
    } else if (n == "slug") {
      k.slug = a.value();
    } else if (n == "name") {
      k.name = a.value();
    } else if (n == "display_name") {
      k.display_name = a.value();
    } else if (n == "filename") {
      k.filename = a.value();
    }
  }
  return k;
}

RootIdentity ReadRootIdentity(const pugi::xml_node& root, bool is_library,
                              std::string_view dir_name) {
  RootIdentity id;
  id.org = root.attribute("org").value();
  if (id.org.empty()) {
    id.org = "edx";
    id.org_defaulted = true;
  }
  id.number = root.attribute(is_library ? "library" : "course").value();
  if (id.number.empty()) id.number = std::string(dir_name);
  if (!is_library) {
    id.run = root.attribute("url_name").value();
    if (id.run.empty()) id.run = root.attribute("slug").value();
    if (id.run.empty()) id.run = CleanUrlName(root.attribute("name").value());
  }
  return id;
}

// Attribute names are unique (the scanner rejects repeats), so counting the
// listed names is the same as comparing the sets.
bool IsPointer(const pugi::xml_node& node, const KnownAttributes& attrs) {
  bool course = std::strcmp(node.name(), "course") == 0;
  bool names = course ? attrs.count == 3 && attrs.pointer_names == 3
                      : attrs.count == 1 && attrs.has_url_name;
  if (!names) return false;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) return false;
    if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) &&
        !internal::IsBlank(c.value())) {
      return false;
    }
  }
  return true;
}

// Children of a container that are not blocks: kept in the body for export.
bool IsNonBlockChild(std::string_view parent, const pugi::xml_node& child) {
  std::string_view tag = child.name();
  if (tag == "meta") return true;
  if (parent == "course" && (tag == "wiki" || tag == "textbook")) return true;
  if (parent == "conditional" && tag == "show") return true;
  for (pugi::xml_attribute a = child.first_attribute(); a; a = a.next_attribute()) {
    const char* name = a.name();
    if (name[0] == 'x' && std::strcmp(name, "xblock-family") == 0) {
      return std::strcmp(a.value(), "xblock_asides.v1") == 0;
    }
  }
  return false;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// url_name | slug | cleaned name | cleaned display_name; "" when none.
std::string UrlNameOf(const pugi::xml_node& node) { return UrlNameOf(ReadKnownAttributes(node)); }

std::string UrlNameOf(const KnownAttributes& attrs) {
  if (!attrs.url_name.empty()) return std::string(attrs.url_name);
  if (!attrs.slug.empty()) return std::string(attrs.slug);
  if (!attrs.name.empty()) return internal::CleanUrlName(attrs.name);
  if (!attrs.display_name.empty()) return internal::CleanUrlName(attrs.display_name);
  return "";
}

// HtmlBlock.backcompat_paths: DIR/F.html, then the .html.xml/.html.html
// stripped form, then every suffix of the path, then .xml -> .html.
std::string HtmlBodyDir(std::string_view url_name, bool draft) {
  std::string dir = draft ? "drafts/html/" : "html/";
  AppendUrlNamePath(&dir, url_name);
  dir.erase(dir.rfind('/') + 1);
  return dir;
}

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
  Diagnostic d{Severity::kError, rel, 0, 0, std::string(first), "InvalidXML"};
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

}  // namespace blockrt::olx::internal
