#include "olx/course/internal/lxml_text.h"

#include <cstdint>
#include <cstdio>
#include <vector>

namespace blockrt::olx::internal {
namespace {

constexpr size_t kNpos = std::string_view::npos;

bool IsBlankByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// One code point of already-validated UTF-8 at s[i]; returns its length.
size_t DecodeAt(std::string_view s, size_t i, uint32_t* cp) {
  auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k])); };
  uint32_t b0 = b(0);
  size_t len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
  if (i + len > s.size()) len = 1;
  if (len == 1) {
    *cp = b0;
  } else if (len == 2) {
    *cp = ((b0 & 0x1F) << 6) | (b(1) & 0x3F);
  } else if (len == 3) {
    *cp = ((b0 & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  } else {
    *cp = ((b0 & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
  return len;
}

// The reference at text[amp] ('&', checked by ScanXml) decoded into *out;
// returns the offset past its ';'.
size_t DecodeEntity(std::string_view text, size_t amp, std::string* out) {
  size_t semi = text.find(';', amp);
  if (semi == kNpos) {
    *out += '&';
    return amp + 1;
  }
  std::string_view name = text.substr(amp + 1, semi - amp - 1);
  if (name == "amp") {
    *out += '&';
  } else if (name == "lt") {
    *out += '<';
  } else if (name == "gt") {
    *out += '>';
  } else if (name == "quot") {
    *out += '"';
  } else if (name == "apos") {
    *out += '\'';
  } else if (!name.empty() && name[0] == '#') {
    bool hex = name.size() > 1 && name[1] == 'x';
    uint32_t cp = 0;
    for (char d : name.substr(hex ? 2 : 1)) {
      uint32_t v = d >= '0' && d <= '9' ? static_cast<uint32_t>(d - '0')
                                        : static_cast<uint32_t>((d | 0x20) - 'a' + 10);
      cp = cp * (hex ? 16 : 10) + v;
    }
    AppendUtf8(out, cp);
  }
  return semi + 1;
}

class Walker {
 public:
  Walker(const ElementSource& src, LxmlCursor* cursor)
      : src_(src), text_(src.text), cursor_(src.parent == kNpos ? nullptr : cursor) {}

  std::string Run() {
    target_depth_ = src_.parent == kNpos ? 0 : 1;
    size_t i = src_.parent == kNpos ? src_.offset : src_.parent;
    if (cursor_ != nullptr && cursor_->text == text_.data() && cursor_->size == text_.size() &&
        cursor_->parent == src_.parent && cursor_->at <= src_.offset) {
      // Resume inside the parent, at an earlier sibling, in the state the
      // parent had there.
      Frame f;
      f.any = cursor_->any;
      f.first_text = cursor_->first_text;
      f.last_text = cursor_->last_text;
      f.mixed = cursor_->mixed;
      stack_.push_back(f);
      i = cursor_->at;
    }
    const size_t n = text_.size();
    while (i < n && state_ != kDone) {
      if (text_[i] != '<') {
        i = TextRun(i);
      } else if (text_.compare(i, 4, "<!--") == 0) {
        size_t end = Find("-->", i + 4);
        Comment(text_.substr(i + 4, end - i - 4));
        i = end + 3;
      } else if (text_.compare(i, 9, "<![CDATA[") == 0) {
        size_t end = Find("]]>", i + 9);
        std::string piece;
        NormalizeEol(text_.substr(i + 9, end - i - 9), &piece);
        TextPiece(piece);
        i = end + 3;
      } else if (text_.compare(i, 2, "<?") == 0) {
        size_t end = Find("?>", i + 2);
        if (!stack_.empty()) Pi(text_.substr(i + 2, end - i - 2));
        i = end + 2;
      } else if (text_.compare(i, 2, "</") == 0) {
        size_t end = Find(">", i);
        EndTag();
        i = end + 1;
      } else if (text_.compare(i, 2, "<!") == 0) {
        i = Find(">", i) + 1;
      } else {
        i = StartTag(i);
      }
    }
    return std::move(out_);
  }

 private:
  enum State { kBefore, kInside, kTail, kDone };
  struct Frame {
    std::string_view name;
    bool any = false;         // has a child node
    bool first_text = false;  // its first child is text
    bool last_text = false;   // its last child so far is text
    bool mixed = false;       // character data was reported (libxml2's space == -2)
    bool emitting = false;
    bool open_pending = false;  // start tag written without its '>'
  };

  size_t Find(std::string_view what, size_t from) const {
    size_t at = text_.find(what, from);
    return at == kNpos ? text_.size() : at;
  }

  static void NormalizeEol(std::string_view raw, std::string* out) {
    for (size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '\r') {
        *out += '\n';
        if (k + 1 < raw.size() && raw[k + 1] == '\n') ++k;
      } else {
        *out += raw[k];
      }
    }
  }

  // Writes the pending '>' of the innermost emitting element.
  void Flush() {
    if (!stack_.empty() && stack_.back().emitting && stack_.back().open_pending) {
      out_ += '>';
      stack_.back().open_pending = false;
    }
  }

  bool InTail() const { return state_ == kTail && stack_.size() == target_depth_; }
  bool Emitting() const { return !stack_.empty() && stack_.back().emitting; }

  // Non-ASCII output: as is (encoding='unicode'), &#N; (bytes), or &#xN;.
  enum class Wide { kRaw, kDecimal, kHex };
  Wide TextWide() const { return src_.ascii ? Wide::kDecimal : Wide::kRaw; }

  void Escaped(std::string_view s, bool attribute) { Escaped(s, attribute, TextWide()); }
  void Escaped(std::string_view s, bool attribute, Wide wide) {
    for (size_t k = 0; k < s.size();) {
      char c = s[k];
      unsigned char u = static_cast<unsigned char>(c);
      if (u >= 0x80) {
        uint32_t cp = 0;
        size_t len = DecodeAt(s, k, &cp);
        if (wide != Wide::kRaw) {
          char buf[16];
          std::snprintf(buf, sizeof buf, wide == Wide::kHex ? "&#x%X;" : "&#%u;", cp);
          out_ += buf;
        } else {
          out_.append(s.data() + k, len);
        }
        k += len;
        continue;
      }
      ++k;
      if (c == '&') {
        out_ += "&amp;";
      } else if (c == '<') {
        out_ += "&lt;";
      } else if (c == '>') {
        out_ += "&gt;";
      } else if (c == '\r') {
        out_ += "&#13;";
      } else if (attribute && c == '"') {
        out_ += "&quot;";
      } else if (attribute && c == '\n') {
        out_ += "&#10;";
      } else if (attribute && c == '\t') {
        out_ += "&#9;";
      } else {
        out_ += c;
      }
    }
  }

  // Text that libxml2 keeps (characters, not ignorable whitespace).
  void TextPiece(std::string_view decoded) {
    if (stack_.empty()) return;
    Frame& f = stack_.back();
    if (InTail() || f.emitting) {
      Flush();
      Escaped(decoded, false);
    }
    if (!f.any) f.first_text = true;
    f.any = true;
    f.last_text = true;
  }

  // A comment, PI or element child of the innermost open element. Returns
  // false when it ends the tail (and so the output).
  bool NonTextChild() {
    if (stack_.empty()) return true;
    if (InTail()) {
      state_ = kDone;
      return false;
    }
    Frame& f = stack_.back();
    f.any = true;
    f.last_text = false;
    Flush();
    return true;
  }

  void Comment(std::string_view body) {
    if (!NonTextChild() || !Emitting()) return;
    out_ += "<!--";
    Escaped(body, false);  // only non-ASCII changes: comments hold no markup
    out_ += "-->";
  }

  void Pi(std::string_view body) {
    if (!NonTextChild() || !Emitting()) return;
    size_t t = 0;
    while (t < body.size() && !IsBlankByte(body[t])) ++t;
    size_t c = t;
    while (c < body.size() && IsBlankByte(body[c])) ++c;
    out_ += "<?";
    out_.append(body.data(), t);
    if (c < body.size()) {
      out_ += ' ';
      Escaped(body.substr(c), false);
    }
    out_ += "?>";
  }

  // Character data from text_[i] to the next '<' (entity references included).
  size_t TextRun(size_t i) {
    const size_t n = text_.size();
    while (i < n && text_[i] != '<') {
      if (text_[i] == '&') {
        std::string piece;
        i = DecodeEntity(text_, i, &piece);
        TextPiece(piece);
        continue;
      }
      size_t j = i;
      bool blank = true;
      for (; j < n && text_[j] != '<' && text_[j] != '&'; ++j) {
        if (!IsBlankByte(text_[j])) blank = false;
      }
      if (!blank || KeepBlank(j)) {
        std::string piece;
        NormalizeEol(text_.substr(i, j - i), &piece);
        TextPiece(piece);
        // xmlParseCharData marks the element as mixed content once it hands
        // characters over; from then on no blank in it is ignorable.
        if (!stack_.empty()) stack_.back().mixed = true;
      }
      i = j;
    }
    return i;
  }

  // libxml2 areBlanks() without a DTD: blank text before '<' is ignorable
  // unless the element is mixed, is empty so far and closes here, or has text.
  bool KeepBlank(size_t next) const {
    if (stack_.empty()) return false;
    const Frame& f = stack_.back();
    if (f.mixed) return true;
    if (next >= text_.size() || text_[next] != '<') return true;
    if (!f.any && text_.compare(next, 2, "</") == 0) return true;
    return f.last_text || f.first_text;
  }

  size_t StartTag(size_t lt) {
    const size_t n = text_.size();
    size_t i = lt + 1;
    while (i < n && !IsBlankByte(text_[i]) && text_[i] != '>' && text_[i] != '/') ++i;
    std::string_view name = text_.substr(lt + 1, i - lt - 1);
    if (cursor_ != nullptr && state_ == kBefore && lt == src_.offset &&
        stack_.size() == target_depth_) {
      const Frame& p = stack_.back();
      *cursor_ = LxmlCursor{text_.data(), text_.size(), src_.parent, lt,
                            p.any,        p.first_text, p.last_text, p.mixed};
    }
    if (!NonTextChild()) return n;
    bool target = stack_.size() == target_depth_ && lt == src_.offset && state_ == kBefore;
    if (target) state_ = kInside;
    bool emit = target || Emitting();
    if (emit) {
      out_ += '<';
      out_ += name;
    }
    bool self_closing = false;
    while (i < n) {
      while (i < n && IsBlankByte(text_[i])) ++i;
      if (i >= n) break;
      if (text_[i] == '>') {
        ++i;
        break;
      }
      if (text_[i] == '/') {
        self_closing = true;
        i = Find(">", i) + 1;
        break;
      }
      size_t name_begin = i;
      while (i < n && text_[i] != '=' && !IsBlankByte(text_[i])) ++i;
      std::string_view attr = text_.substr(name_begin, i - name_begin);
      while (i < n && text_[i] != '"' && text_[i] != '\'') ++i;
      if (i >= n) break;
      char quote = text_[i++];
      size_t close = Find(std::string_view(&quote, 1), i);
      if (emit) {
        std::string value;
        for (size_t k = i; k < close;) {
          char c = text_[k];
          if (c == '&') {
            k = DecodeEntity(text_, k, &value);
            continue;
          }
          if (c == '\r' && k + 1 < close && text_[k + 1] == '\n') ++k;
          value += IsBlankByte(c) ? ' ' : c;
          ++k;
        }
        out_ += ' ';
        out_ += attr;
        out_ += "=\"";
        // lxml quirk: the printed element's own attributes, when it has a
        // parent, always carry non-ASCII as &#xN; (its descendants' do not).
        Escaped(value, true, target && src_.parent != kNpos ? Wide::kHex : TextWide());
        out_ += '"';
      }
      i = close + 1;
    }
    if (self_closing) {
      if (emit) out_ += "/>";
      if (target) Closed();
      return i;
    }
    Frame f;
    f.name = name;
    f.emitting = emit;
    f.open_pending = emit;
    stack_.push_back(f);
    return i;
  }

  void EndTag() {
    if (stack_.empty()) return;
    Frame f = stack_.back();
    stack_.pop_back();
    if (f.emitting) {
      if (f.open_pending) {
        out_ += "/>";
      } else {
        out_ += "</";
        out_ += f.name;
        out_ += '>';
      }
    }
    if (state_ == kInside && stack_.size() == target_depth_) {
      Closed();
    } else if (state_ == kTail && stack_.size() < target_depth_) {
      state_ = kDone;
    }
  }

  // The target element ended: its tail follows, when it has a parent.
  void Closed() { state_ = target_depth_ == 0 ? kDone : kTail; }

  const ElementSource& src_;
  std::string_view text_;
  LxmlCursor* cursor_;
  size_t target_depth_ = 0;
  State state_ = kBefore;
  std::vector<Frame> stack_;
  std::string out_;
};

}  // namespace

std::string LxmlToString(const ElementSource& source, LxmlCursor* cursor) {
  return Walker(source, cursor).Run();
}

}  // namespace blockrt::olx::internal
