// A scan of text ScanXml accepted: well-formed, so a start tag ends at the
// first '>' outside quotes, and '<' in content always opens markup.
#include "olx/course/internal/xml_edit.h"

#include <algorithm>

#include "olx/internal/xml_document.h"

namespace blockrt::olx::internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The start tag at text[i] ('<'): name, attributes and where it ends.
bool ScanStartTag(std::string_view text, size_t i, ElementSpan* out) {
  size_t n = text.size();
  size_t j = i + 1;
  while (j < n && !IsSpace(text[j]) && text[j] != '/' && text[j] != '>') ++j;
  if (j == i + 1) return false;
  out->begin = i;
  out->name = text.substr(i + 1, j - i - 1);
  out->attributes.clear();
  out->attributes_end = j;
  for (;;) {
    while (j < n && IsSpace(text[j])) ++j;
    if (j >= n) return false;
    if (text[j] == '>' || (text[j] == '/' && j + 1 < n && text[j + 1] == '>')) {
      out->self_closing = text[j] == '/';
      out->start_tag_end = j + (out->self_closing ? 2 : 1);
      return true;
    }
    AttributeSpan a;
    a.begin = j;
    while (j < n && !IsSpace(text[j]) && text[j] != '=') ++j;
    a.name = text.substr(a.begin, j - a.begin);
    while (j < n && IsSpace(text[j])) ++j;
    if (j >= n || text[j] != '=' || a.name.empty()) return false;
    ++j;
    while (j < n && IsSpace(text[j])) ++j;
    if (j >= n || (text[j] != '"' && text[j] != '\'')) return false;
    char quote = text[j];
    a.value_begin = ++j;
    size_t close = text.find(quote, j);
    if (close == std::string_view::npos) return false;
    a.value_end = close;
    j = close + 1;
    out->attributes_end = j;
    out->attributes.push_back(a);
  }
}

// Past the markup at text[i] ('<') that is not an element or end tag
// (comment, CDATA, PI): npos when unterminated, i when it is neither.
size_t SkipSpecial(std::string_view text, size_t i) {
  auto past = [&](std::string_view open, std::string_view close) -> size_t {
    if (text.compare(i, open.size(), open) != 0) return i;
    size_t at = text.find(close, i + open.size());
    return at == std::string_view::npos ? at : at + close.size();
  };
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"<!--", "-->"},
                             {"<![CDATA[", "]]>"},
                             {"<?", "?>"}}) {
    size_t end = past(open, close);
    if (end != i) return end;
  }
  return i;
}

}  // namespace

const AttributeSpan* ElementSpan::attribute(std::string_view n) const {
  for (const AttributeSpan& a : attributes) {
    if (a.name == n) return &a;
  }
  return nullptr;
}

bool ScanElement(std::string_view text, size_t begin, ElementSpan* out) {
  if (begin >= text.size() || text[begin] != '<' || !ScanStartTag(text, begin, out)) return false;
  if (out->self_closing) {
    out->content_end = out->end = out->start_tag_end;
    return true;
  }
  size_t depth = 1;
  size_t i = out->start_tag_end;
  ElementSpan inner;
  while ((i = text.find('<', i)) != std::string_view::npos) {
    size_t special = SkipSpecial(text, i);
    if (special == std::string_view::npos) return false;
    if (special != i) {
      i = special;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '/') {
      size_t close = text.find('>', i);
      if (close == std::string_view::npos) return false;
      if (--depth == 0) {
        out->content_end = i;
        out->end = close + 1;
        return true;
      }
      i = close + 1;
      continue;
    }
    if (!ScanStartTag(text, i, &inner)) return false;
    if (!inner.self_closing) ++depth;
    i = inner.start_tag_end;
  }
  return false;
}

ContentShape ShapeOf(std::string_view text, const ElementSpan& e) {
  ContentShape shape;
  size_t i = e.start_tag_end;
  while (i < e.content_end) {
    size_t lt = std::min(text.find('<', i), e.content_end);
    if (!IsBlank(text.substr(i, lt - i))) shape.text = true;
    if (lt >= e.content_end) break;
    if (text.compare(lt, 9, "<![CDATA[") == 0) {
      size_t close = text.find("]]>", lt + 9);
      if (close == std::string_view::npos) break;
      if (!IsBlank(text.substr(lt + 9, close - lt - 9))) shape.text = true;
      i = close + 3;
      continue;
    }
    size_t special = SkipSpecial(text, lt);
    if (special == std::string_view::npos) break;
    if (special != lt) {
      i = special;
      continue;
    }
    // A child element (its end tags are skipped with it).
    shape.elements = true;
    ElementSpan child;
    if (!ScanElement(text, lt, &child)) break;
    i = child.end;
  }
  return shape;
}

bool StartsLine(std::string_view text, size_t offset, std::string_view* indent) {
  size_t start = offset;
  while (start > 0 && (text[start - 1] == ' ' || text[start - 1] == '\t')) --start;
  if (start > 0 && text[start - 1] != '\n') return false;
  *indent = text.substr(start, offset - start);
  return true;
}

std::pair<size_t, size_t> WholeLines(std::string_view text, size_t begin, size_t end) {
  size_t start = begin;
  while (start > 0 && (text[start - 1] == ' ' || text[start - 1] == '\t')) --start;
  if (start > 0 && text[start - 1] != '\n') return {begin, end};
  size_t stop = end;
  while (stop < text.size() && (text[stop] == ' ' || text[stop] == '\t' || text[stop] == '\r')) {
    ++stop;
  }
  if (stop < text.size() && text[stop] != '\n') return {begin, end};
  if (stop < text.size()) return {start, stop + 1};
  // The last line: take the newline before it instead (when there is one).
  return {start > 0 ? start - 1 : start, stop};
}

std::string AttributeText(std::string_view name, std::string_view value) {
  std::string out = " ";
  out += name;
  out += "=\"";
  AppendEscapedAttribute(&out, value);
  out += '"';
  return out;
}

void TextEdits::Replace(size_t begin, size_t end, std::string text) {
  edits_.push_back(Edit{begin, end, edits_.size(), std::move(text)});
}

bool TextEdits::Apply(std::string_view text, std::string* out) const {
  std::vector<const Edit*> order;
  order.reserve(edits_.size());
  for (const Edit& e : edits_) order.push_back(&e);
  std::sort(order.begin(), order.end(), [](const Edit* x, const Edit* y) {
    bool xr = x->end > x->begin, yr = y->end > y->begin;
    if (x->begin != y->begin) return x->begin < y->begin;
    if (xr != yr) return !xr;  // insertions first
    return x->seq < y->seq;
  });
  out->clear();
  size_t pos = 0;
  for (const Edit* e : order) {
    if (e->begin < pos || e->end > text.size() || e->end < e->begin) return false;
    out->append(text.data() + pos, e->begin - pos);
    out->append(e->text);
    pos = e->end;
  }
  out->append(text.data() + pos, text.size() - pos);
  return true;
}

size_t TextEdits::Map(size_t offset) const {
  size_t mapped = offset;
  for (const Edit& e : edits_) {
    if (e.end <= offset) mapped = mapped + e.text.size() - (e.end - e.begin);
  }
  return mapped;
}

}  // namespace blockrt::olx::internal
