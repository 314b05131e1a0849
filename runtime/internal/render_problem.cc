// The problem student view: CAPA markup turned into what a learner sees. Answer
// keys (correct=, <answer>, hints, scripts, solutions) never reach the HTML.
#include <pugixml.hpp>
#include <string>

#include "runtime/internal/html_escape.h"
#include "runtime/internal/renderers.h"

namespace blockrt::runtime::internal {
namespace {

bool IsResponse(std::string_view tag) {
  return tag.size() > 8 && tag.substr(tag.size() - 8) == "response";
}

// Elements that hold grading data or server-side code.
bool IsHidden(std::string_view tag) {
  return tag == "solution" || tag == "script" || tag == "answer" || tag == "demandhint" ||
         tag == "hintgroup" || tag == "correcthint" || tag == "additional_answer" ||
         tag == "responseparam" || tag == "stringequalhint" || tag == "numerichint" ||
         tag == "choicehint" || tag == "optionhint" || tag == "compoundhint" ||
         tag == "formulahint" || tag == "hint" || tag == "tolerance";
}

class ProblemWriter {
 public:
  explicit ProblemWriter(std::string* html) : html_(html) {}

  void Children(const pugi::xml_node& node, std::string_view input_name) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) Node(c, input_name);
  }

 private:
  void Text(const pugi::xml_node& n) { AppendEscaped(n.value(), html_); }

  void Node(const pugi::xml_node& n, std::string_view input_name) {
    switch (n.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        Text(n);
        return;
      case pugi::node_element:
        break;
      default:
        return;  // comments, processing instructions
    }
    std::string_view tag = n.name();
    if (IsHidden(tag)) return;
    if (IsResponse(tag)) {
      std::string name = "input_" + std::to_string(++responses_);
      html_->append("<div class=\"response\" data-response-type=\"");
      AppendEscaped(tag, html_);
      html_->append("\" id=\"").append(name).append("\">");
      Children(n, name);
      html_->append("</div>");
      return;
    }
    if (tag == "label" || tag == "description") {
      html_->append("<p class=\"question-").append(tag).append("\">");
      Children(n, input_name);
      html_->append("</p>");
      return;
    }
    if (tag == "choicegroup" || tag == "checkboxgroup") {
      Choices(n, input_name, tag == "checkboxgroup");
      return;
    }
    if (tag == "textline" || tag == "formulaequationinput") {
      html_->append("<input type=\"text\" class=\"").append(tag).append("\" name=\"");
      html_->append(input_name).append("\"");
      if (auto size = n.attribute("size")) {
        html_->append(" size=\"");
        AppendEscaped(size.value(), html_);
        html_->append("\"");
      }
      html_->append("/>");
      return;
    }
    if (tag == "optioninput") {
      Options(n, input_name);
      return;
    }
    if (tag == "imageinput") {
      html_->append("<div class=\"imageinput\"><input type=\"image\" name=\"");
      html_->append(input_name).append("\"");
      for (const char* attr : {"src", "width", "height"}) {
        if (auto a = n.attribute(attr)) {
          html_->append(" ").append(attr).append("=\"");
          AppendEscaped(a.value(), html_);
          html_->append("\"");
        }
      }
      html_->append("/></div>");
      return;
    }
    if (tag == "problem") {
      Children(n, input_name);
      return;
    }
    // Plain markup (p, div, img, table...) passes through, escaped.
    html_->push_back('<');
    html_->append(tag);
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      html_->append(" ").append(a.name()).append("=\"");
      AppendEscaped(a.value(), html_);
      html_->append("\"");
    }
    if (!n.first_child() && (tag == "img" || tag == "br" || tag == "hr" || tag == "input")) {
      html_->append("/>");
      return;
    }
    html_->push_back('>');
    Children(n, input_name);
    html_->append("</").append(tag).append(">");
  }

  void Choices(const pugi::xml_node& group, std::string_view input_name, bool multiple) {
    html_->append("<fieldset class=\"choicegroup\">");
    int i = 0;
    for (pugi::xml_node c = group.child("choice"); c; c = c.next_sibling("choice")) {
      html_->append("<label><input type=\"").append(multiple ? "checkbox" : "radio");
      html_->append("\" name=\"").append(input_name).append("\" value=\"choice_");
      html_->append(std::to_string(i++)).append("\"/> ");
      Children(c, input_name);
      html_->append("</label>");
    }
    html_->append("</fieldset>");
  }

  void Options(const pugi::xml_node& n, std::string_view input_name) {
    html_->append("<select name=\"")
        .append(input_name)
        .append("\"><option value=\"\">Select an option</option>");
    auto option = [&](std::string_view text) {
      html_->append("<option>");
      AppendEscaped(text, html_);
      html_->append("</option>");
    };
    if (n.child("option")) {
      for (pugi::xml_node o = n.child("option"); o; o = o.next_sibling("option")) {
        option(o.text().get());
      }
    } else {
      // options="('a','b')": the quoted items, in order.
      std::string_view list = n.attribute("options").value();
      size_t pos = 0;
      while (true) {
        size_t open = list.find('\'', pos);
        if (open == std::string_view::npos) break;
        size_t close = list.find('\'', open + 1);
        if (close == std::string_view::npos) break;
        option(list.substr(open + 1, close - open - 1));
        pos = close + 1;
      }
    }
    html_->append("</select>");
  }

  std::string* html_;
  int responses_ = 0;
};

}  // namespace

Status RenderProblemMarkup(const Block& block, std::string* html) {
  const std::string* data = block.olx().data();
  std::string_view markup = data != nullptr ? std::string_view(*data) : "<problem></problem>";
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(
      markup.data(), markup.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return Status::ParseError("problem " + block.usage_key().ToString() + " markup at offset " +
                              std::to_string(parsed.offset) + ": " + parsed.description());
  }
  html->append("<div class=\"problem\"><h3 class=\"problem-header\">");
  AppendEscaped(block.display_name_view(), html);
  html->append("</h3><div class=\"problem-body\">");
  ProblemWriter writer(html);
  writer.Children(doc, "input_0");
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

Status RenderProblemBody(const Block& block, std::string_view handler_url, std::string* html) {
  BLOCKRT_RETURN_IF_ERROR(RenderProblemMarkup(block, html));
  AppendProblemActions(handler_url, html);
  return Status::OK();
}

}  // namespace blockrt::runtime::internal
