// The problem student view: CAPA markup turned into what a learner sees (the
// rules are in problem_writer.h). The markup is read through FlatXml, which
// needs no allocation, and through pugixml whenever FlatXml declines it.
#include <pugixml.hpp>
#include <string>

#include "runtime/internal/flat_xml.h"
#include "runtime/internal/html_escape.h"
#include "runtime/internal/problem_writer.h"
#include "runtime/internal/renderers.h"

namespace blockrt::runtime::internal {
namespace {

// ProblemWriter's view of a pugixml tree.
struct PugiAdapter {
  using Node = pugi::xml_node;
  static XmlKind Kind(Node n) {
    switch (n.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        return XmlKind::kText;
      case pugi::node_element:
        return XmlKind::kElement;
      default:
        return XmlKind::kOther;
    }
  }
  static std::string_view Name(Node n) { return n.name(); }
  static std::string_view Value(Node n) { return n.value(); }
  static Node FirstChild(Node n) { return n.first_child(); }
  static Node NextSibling(Node n) { return n.next_sibling(); }
  static bool Attr(Node n, const char* name, std::string_view* value) {
    pugi::xml_attribute a = n.attribute(name);
    if (!a) return false;
    *value = a.value();
    return true;
  }
  template <typename Fn>
  static void ForEachAttr(Node n, Fn&& fn) {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      fn(std::string_view(a.name()), std::string_view(a.value()));
    }
  }
  static std::string_view TextOf(Node n) { return n.text().get(); }
};

void AppendHeader(const Block& block, std::string* html) {
  html->append("<div class=\"problem\"><h3 class=\"problem-header\">");
  AppendEscaped(block.display_name_view(), html);
  html->append("</h3><div class=\"problem-body\">");
}

}  // namespace

Status WriteProblemMarkupXml(std::string_view markup, std::string* html) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(
      markup.data(), markup.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return Status::ParseError("markup at offset " + std::to_string(parsed.offset) + ": " +
                              parsed.description());
  }
  ProblemWriter<PugiAdapter>(html).Children(doc, 0);
  return Status::OK();
}

bool WriteProblemMarkupFlat(std::string_view markup, std::string* html) {
  thread_local FlatXml tree;  // its buffers are reused from problem to problem
  if (!tree.Parse(markup)) return false;
  ProblemWriter<FlatXml>(html).Children(tree.root(), 0);
  return true;
}

Status RenderProblemMarkup(const Block& block, std::string* html) {
  const std::string* data = block.olx().data();
  std::string_view markup = data != nullptr ? std::string_view(*data) : "<problem></problem>";
  const size_t mark = html->size();
  AppendHeader(block, html);
  const size_t body = html->size();
  if (!WriteProblemMarkupFlat(markup, html)) {
    html->resize(body);
    Status st = WriteProblemMarkupXml(markup, html);
    if (!st.ok()) {
      html->resize(mark);
      return Status::ParseError("problem " + block.usage_key().ToString() + " " + st.message());
    }
  }
  html->append("</div>");
  return Status::OK();
}

void AppendProblemActions(std::string_view handler_url, std::string* html) {
  if (!handler_url.empty()) {
    html->append("<div class=\"action\"><button class=\"submit\" data-handler-url=\"");
    AppendEscaped(handler_url, html);
    html->append("\">Submit</button></div>");
  }
  html->append("</div>");
}

}  // namespace blockrt::runtime::internal
