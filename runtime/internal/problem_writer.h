// The CAPA-to-learner-view writer, over any XML tree through an adapter, so
// the pugixml tree (any input) and the flat tree of flat_xml.h (the common
// subset, parsed without allocating) render through the very same rules.
// Answer keys (correct=, <answer>, hints, scripts, solutions) never reach the
// HTML.
//
// An adapter `A` provides, for its node handle `A::Node` (false when null):
//   Kind(n) -> XmlKind; Name(n), Value(n) -> string_view; FirstChild(n),
//   NextSibling(n) -> Node; Attr(n, name, &value) -> whether n has attribute
//   `name` (the first one's value); ForEachAttr(n, fn(name, value)) in
//   document order; TextOf(n) -> the value of n's first text child, or "".
#ifndef BLOCKRT_RUNTIME_INTERNAL_PROBLEM_WRITER_H_
#define BLOCKRT_RUNTIME_INTERNAL_PROBLEM_WRITER_H_

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "runtime/internal/html_escape.h"

namespace blockrt::runtime::internal {

enum class XmlKind { kElement, kText, kOther };  // kText: PCDATA and CDATA

inline bool IsResponseTag(std::string_view tag) {
  return tag.size() > 8 && tag.substr(tag.size() - 8) == "response";
}

// Attributes that carry grading data wherever CAPA puts them (<choice
// correct=..>, <stringresponse answer=..>, custom inputs' expect/cfn...):
// never copied into a learner's view, whatever element holds them.
inline bool IsAnswerAttribute(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "correct", "answer",      "answers",   "expect",    "cfn",           "solution",
      "hint",    "explanation", "tolerance", "answer_id", "correct_answer"};
  for (std::string_view n : kNames) {
    if (name.size() == n.size() && std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) {
          return a == (b >= 'A' && b <= 'Z' ? b + 32 : b);
        })) {
      return true;
    }
  }
  return false;
}

// Elements that hold grading data or server-side code.
inline bool IsHiddenTag(std::string_view tag) {
  switch (tag.size()) {
    case 4:
      return tag == "hint";
    case 6:
      return tag == "answer" || tag == "script";
    case 8:
      return tag == "solution";
    case 9:
      return tag == "hintgroup" || tag == "tolerance";
    case 10:
      return tag == "demandhint" || tag == "optionhint" || tag == "choicehint";
    case 11:
      return tag == "correcthint" || tag == "numerichint" || tag == "formulahint";
    case 12:
      return tag == "compoundhint";
    case 13:
      return tag == "responseparam";
    case 15:
      return tag == "stringequalhint";
    case 17:
      return tag == "additional_answer";
    default:
      return false;
  }
}

template <typename A>
class ProblemWriter {
 public:
  using Node = typename A::Node;
  explicit ProblemWriter(std::string* html) : html_(html) {}

  void Children(Node node, int input) {
    for (Node c = A::FirstChild(node); c; c = A::NextSibling(c)) Write(c, input);
  }

 private:
  // ` name="value"` (escaped) when the element has the attribute.
  void CopyAttribute(Node n, const char* name) {
    std::string_view value;
    if (!A::Attr(n, name, &value)) return;
    html_->append(" ").append(name).append("=\"");
    AppendEscaped(value, html_);
    html_->append("\"");
  }

  // "input_N" (N: the response's number; 0 outside any response).
  void AppendInputName(int input) {
    char buf[24];
    const size_t n = FormatInt(input, buf);
    html_->append("input_", 6).append(buf, n);
  }
  static size_t FormatInt(int v, char* out) {
    char tmp[16];
    size_t n = 0;
    unsigned u = static_cast<unsigned>(v);
    do {
      tmp[n++] = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u != 0);
    for (size_t i = 0; i < n; ++i) out[i] = tmp[n - 1 - i];
    return n;
  }

  void Write(Node n, int input) {
    switch (A::Kind(n)) {
      case XmlKind::kText:
        AppendEscaped(A::Value(n), html_);
        return;
      case XmlKind::kElement:
        break;
      default:
        return;  // comments, processing instructions
    }
    const std::string_view tag = A::Name(n);
    if (IsHiddenTag(tag)) return;
    if (IsResponseTag(tag)) {
      const int name = ++responses_;
      html_->append("<div class=\"response\" data-response-type=\"");
      AppendEscaped(tag, html_);
      html_->append("\" id=\"");
      AppendInputName(name);
      html_->append("\">");
      Children(n, name);
      html_->append("</div>");
      return;
    }
    if (tag == "label" || tag == "description") {
      html_->append("<p class=\"question-").append(tag).append("\">");
      Children(n, input);
      html_->append("</p>");
      return;
    }
    if (tag == "choicegroup" || tag == "checkboxgroup") {
      Choices(n, input, tag == "checkboxgroup");
      return;
    }
    if (tag == "textline" || tag == "formulaequationinput") {
      html_->append("<input type=\"text\" class=\"").append(tag).append("\" name=\"");
      AppendInputName(input);
      html_->append("\"");
      CopyAttribute(n, "size");
      html_->append("/>");
      return;
    }
    if (tag == "optioninput") {
      Options(n, input);
      return;
    }
    if (tag == "imageinput") {
      html_->append("<div class=\"imageinput\"><input type=\"image\" name=\"");
      AppendInputName(input);
      html_->append("\"");
      for (const char* attr : {"src", "width", "height"}) CopyAttribute(n, attr);
      html_->append("/></div>");
      return;
    }
    if (tag == "problem") {
      Children(n, input);
      return;
    }
    // Plain markup (p, div, img, table...) passes through, escaped.
    html_->push_back('<');
    html_->append(tag);
    A::ForEachAttr(n, [&](std::string_view name, std::string_view value) {
      if (IsAnswerAttribute(name)) return;
      html_->push_back(' ');
      html_->append(name).append("=\"");
      AppendEscaped(value, html_);
      html_->push_back('"');
    });
    if (!A::FirstChild(n) && (tag == "img" || tag == "br" || tag == "hr" || tag == "input")) {
      html_->append("/>");
      return;
    }
    html_->push_back('>');
    Children(n, input);
    html_->append("</").append(tag).append(">");
  }

  void Choices(Node group, int input, bool multiple) {
    html_->append("<fieldset class=\"choicegroup\">");
    int i = 0;
    for (Node c = A::FirstChild(group); c; c = A::NextSibling(c)) {
      if (A::Kind(c) != XmlKind::kElement || A::Name(c) != "choice") continue;
      html_->append("<label><input type=\"").append(multiple ? "checkbox" : "radio");
      html_->append("\" name=\"");
      AppendInputName(input);
      html_->append("\" value=\"choice_");
      char buf[16];
      html_->append(buf, FormatInt(i++, buf)).append("\"/> ");
      Children(c, input);
      html_->append("</label>");
    }
    html_->append("</fieldset>");
  }

  void Options(Node n, int input) {
    html_->append("<select name=\"");
    AppendInputName(input);
    html_->append("\"><option value=\"\">Select an option</option>");
    auto option = [&](std::string_view text) {
      html_->append("<option>");
      AppendEscaped(text, html_);
      html_->append("</option>");
    };
    bool any = false;
    for (Node o = A::FirstChild(n); o; o = A::NextSibling(o)) {
      if (A::Kind(o) != XmlKind::kElement || A::Name(o) != "option") continue;
      any = true;
      option(A::TextOf(o));
    }
    if (!any) {
      // options="('a','b')": the quoted items, in order.
      std::string_view list;
      A::Attr(n, "options", &list);
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

}  // namespace blockrt::runtime::internal

#endif  // BLOCKRT_RUNTIME_INTERNAL_PROBLEM_WRITER_H_
