#include "runtime/internal/flat_xml.h"

#include <cstring>

namespace blockrt::runtime::internal {
namespace {

// pugixml's name characters, ASCII only where it is stricter than ours: any
// byte >= 0x80 is accepted as it is there.
struct NameTable {
  bool start[256] = {}, part[256] = {};
  constexpr NameTable() {
    for (int c = 0; c < 256; ++c) {
      const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      start[c] = alpha || c == '_' || c == ':' || c >= 0x80;
      part[c] = start[c] || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }
  }
};
constexpr NameTable kName;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n'; }

size_t ScanName(std::string_view s, size_t at) {
  if (at >= s.size() || !kName.start[static_cast<unsigned char>(s[at])]) return at;
  size_t end = at + 1;
  while (end < s.size() && kName.part[static_cast<unsigned char>(s[end])]) ++end;
  return end;
}

inline bool StartsWith(std::string_view s, size_t at, std::string_view prefix) {
  return at <= s.size() && s.size() - at >= prefix.size() &&
         std::memcmp(s.data() + at, prefix.data(), prefix.size()) == 0;
}

// The UTF-8 bytes of code point `c` into `out`.
void AppendUtf8(uint32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// "&#N;" / "&#xH;" at the start of `ref` (which starts after "&#"): the code
// point and the reference's length after "&#", or false when it is malformed
// or names a character the subset leaves to pugixml (controls, surrogates).
bool NumericReference(std::string_view ref, uint32_t* code, size_t* length) {
  const bool hex = !ref.empty() && ref[0] == 'x';
  size_t i = hex ? 1 : 0;
  uint32_t value = 0;
  const size_t digits_start = i;
  for (; i < ref.size() && ref[i] != ';'; ++i) {
    const char c = ref[i];
    uint32_t digit;
    if (c >= '0' && c <= '9') {
      digit = static_cast<uint32_t>(c - '0');
    } else if (hex && c >= 'a' && c <= 'f') {
      digit = static_cast<uint32_t>(c - 'a' + 10);
    } else if (hex && c >= 'A' && c <= 'F') {
      digit = static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return false;
    }
    value = value * (hex ? 16 : 10) + digit;
    if (value > 0x10FFFF) return false;
  }
  if (i == digits_start || i == ref.size()) return false;  // no digits or no ';'
  const bool allowed = value == '\t' || value == '\n' || (value >= 0x20 && value < 0xD800) ||
                       (value >= 0xE000 && value <= 0x10FFFF);
  if (!allowed) return false;
  *code = value;
  *length = i + 1;
  return true;
}

}  // namespace

uint32_t FlatXml::AddNode(uint32_t parent, XmlKind kind) {
  const uint32_t index = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back();
  nodes_.back().kind = kind;
  NodeData& p = nodes_[parent];
  if (p.last_child == 0) {
    p.first_child = index;
  } else {
    nodes_[p.last_child].next_sibling = index;
  }
  p.last_child = index;
  return index;
}

bool FlatXml::Decode(std::string_view raw, bool attribute, std::string_view* out) {
  size_t i = 0;
  while (i < raw.size() && raw[i] != '&' && !(attribute && IsSpace(raw[i]) && raw[i] != ' ')) ++i;
  if (i == raw.size()) {
    *out = raw;  // the common case: nothing to decode
    return true;
  }
  const size_t start = text_.size();
  text_.append(raw.data(), i);
  for (; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c != '&') {
      // pugixml's parse_wconv_attribute: attribute whitespace becomes spaces.
      text_.push_back(attribute && IsSpace(c) ? ' ' : c);
      continue;
    }
    std::string_view rest = raw.substr(i + 1);
    if (rest.size() >= 2 && rest[0] == '#') {
      uint32_t code = 0;
      size_t length = 0;
      if (!NumericReference(rest.substr(1), &code, &length)) return false;
      AppendUtf8(code, &text_);
      i += 1 + length;
      continue;
    }
    static constexpr struct {
      std::string_view name;
      char value;
    } kNamed[] = {{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
    bool found = false;
    for (const auto& named : kNamed) {
      if (rest.substr(0, named.name.size()) == named.name) {
        text_.push_back(named.value);
        i += named.name.size();
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  *out = std::string_view(text_).substr(start);
  return true;
}

bool FlatXml::Attr(Node n, std::string_view name, std::string_view* value) {
  const NodeData& d = n.data();
  for (uint32_t i = 0; i < d.num_attrs; ++i) {
    const AttrData& a = n.doc->attrs_[d.first_attr + i];
    if (a.name == name) {
      *value = a.value;
      return true;
    }
  }
  return false;
}

std::string_view FlatXml::TextOf(Node n) {
  for (Node c = FirstChild(n); c; c = NextSibling(c)) {
    if (Kind(c) == XmlKind::kText) return Value(c);
  }
  return {};
}

bool FlatXml::Parse(std::string_view s) {
  nodes_.clear();
  attrs_.clear();
  open_.clear();
  text_.clear();
  // Decoding never lengthens a value, so views into text_ stay valid.
  text_.reserve(s.size());
  nodes_.emplace_back();  // the document
  if (std::memchr(s.data(), '\0', s.size()) != nullptr ||
      std::memchr(s.data(), '\r', s.size()) != nullptr) {
    return false;  // NUL ends pugixml's strings; '\r' needs its end-of-line rules
  }
  bool any_element = false;
  size_t i = 0;
  while (i < s.size()) {
    const uint32_t parent = open_.empty() ? 0 : open_.back();
    if (s[i] != '<') {
      size_t end = s.find('<', i);
      if (end == std::string_view::npos) end = s.size();
      const std::string_view run = s.substr(i, end - i);
      bool blank = true;
      for (char c : run) {
        if (!IsSpace(c)) {
          blank = false;
          break;
        }
      }
      if (parent == 0) {
        if (!blank) return false;  // pugixml drops text outside the root
      } else if (!blank ||
                 (end + 1 < s.size() && s[end + 1] == '/' && nodes_[parent].first_child == 0)) {
        // parse_ws_pcdata_single: blank text is kept only as an element's
        // only child, i.e. right before its end tag with nothing before.
        std::string_view value;
        if (!Decode(run, false, &value)) return false;
        nodes_[AddNode(parent, XmlKind::kText)].value = value;
      }
      i = end;
      continue;
    }
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (next == '!') {
      if (StartsWith(s, i + 2, "--")) {
        const size_t end = s.find("-->", i + 4);
        if (end == std::string_view::npos) return false;
        i = end + 3;
        continue;
      }
      if (!StartsWith(s, i + 2, "[CDATA[") || parent == 0) return false;
      const size_t end = s.find("]]>", i + 9);
      if (end == std::string_view::npos) return false;
      nodes_[AddNode(parent, XmlKind::kText)].value = s.substr(i + 9, end - i - 9);
      i = end + 3;
      continue;
    }
    if (next == '/') {
      const size_t name_end = ScanName(s, i + 2);
      if (parent == 0 || s.substr(i + 2, name_end - i - 2) != nodes_[parent].name) return false;
      size_t at = name_end;
      while (at < s.size() && IsSpace(s[at])) ++at;
      if (at == s.size() || s[at] != '>') return false;
      open_.pop_back();
      i = at + 1;
      continue;
    }
    // A start tag (anything else after '<', "<!" and "<?" included, is left
    // to pugixml).
    const size_t name_end = ScanName(s, i + 1);
    if (name_end == i + 1) return false;
    const uint32_t element = AddNode(parent, XmlKind::kElement);
    nodes_[element].name = s.substr(i + 1, name_end - i - 1);
    nodes_[element].first_attr = static_cast<uint32_t>(attrs_.size());
    any_element = true;
    size_t at = name_end;
    while (true) {
      const size_t before_space = at;
      while (at < s.size() && IsSpace(s[at])) ++at;
      if (at == s.size()) return false;
      if (s[at] == '>') {
        open_.push_back(element);
        ++at;
        break;
      }
      if (s[at] == '/') {
        if (at + 1 == s.size() || s[at + 1] != '>') return false;
        at += 2;
        break;
      }
      // An attribute, which must follow whitespace.
      const size_t attr_end = ScanName(s, at);
      if (at == before_space || attr_end == at) return false;
      const std::string_view name = s.substr(at, attr_end - at);
      at = attr_end;
      while (at < s.size() && IsSpace(s[at])) ++at;
      if (at == s.size() || s[at] != '=') return false;
      ++at;
      while (at < s.size() && IsSpace(s[at])) ++at;
      if (at == s.size() || (s[at] != '"' && s[at] != '\'')) return false;
      const size_t close = s.find(s[at], at + 1);
      if (close == std::string_view::npos) return false;
      const std::string_view raw = s.substr(at + 1, close - at - 1);
      if (raw.find('<') != std::string_view::npos) return false;
      AttrData attr{name, {}};
      if (!Decode(raw, true, &attr.value)) return false;
      attrs_.push_back(attr);
      ++nodes_[element].num_attrs;
      at = close + 1;
    }
    i = at;
  }
  return open_.empty() && any_element;
}

}  // namespace blockrt::runtime::internal
