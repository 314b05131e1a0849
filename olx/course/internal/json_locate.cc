#include "olx/course/internal/json_locate.h"

namespace blockrt::olx::internal {
namespace {

class Locator {
 public:
  explicit Locator(std::string_view text) : text_(text) {}

  std::map<std::string, size_t> Run() {
    std::string pointer;
    Value(&pointer, 0);
    return std::move(out_);
  }

 private:
  void Space() {
    while (i_ < text_.size() &&
           (text_[i_] == ' ' || text_[i_] == '\t' || text_[i_] == '\n' || text_[i_] == '\r')) {
      ++i_;
    }
  }

  // A string token at text_[i_] ('"'); returns its content with the simple
  // escapes decoded (\uXXXX kept as written: keys here are plain).
  bool String(std::string* out) {
    if (i_ >= text_.size() || text_[i_] != '"') return false;
    for (++i_; i_ < text_.size(); ++i_) {
      char c = text_[i_];
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c == '\\' && i_ + 1 < text_.size()) {
        char e = text_[++i_];
        *out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
        continue;
      }
      *out += c;
    }
    return false;
  }

  bool Value(std::string* pointer, int depth) {
    Space();
    if (i_ >= text_.size() || depth > 64) return false;
    out_.emplace(*pointer, i_);
    char c = text_[i_];
    size_t keep = pointer->size();
    if (c == '{' || c == '[') {
      bool object = c == '{';
      ++i_;
      for (size_t index = 0;; ++index) {
        Space();
        if (i_ < text_.size() && text_[i_] == (object ? '}' : ']')) {
          ++i_;
          return true;
        }
        *pointer += '/';
        if (object) {
          std::string key;
          if (!String(&key)) return false;
          *pointer += JsonPointerToken(key);
          Space();
          if (i_ >= text_.size() || text_[i_] != ':') return false;
          ++i_;
        } else {
          *pointer += std::to_string(index);
        }
        size_t before = i_;
        if (!Value(pointer, depth + 1) || i_ == before) return false;
        pointer->resize(keep);
        Space();
        if (i_ < text_.size() && text_[i_] == ',') {
          ++i_;
        } else if (i_ >= text_.size() || text_[i_] != (object ? '}' : ']')) {
          return false;
        }
      }
    }
    if (c == '"') {
      std::string ignored;
      return String(&ignored);
    }
    while (i_ < text_.size() && text_[i_] != ',' && text_[i_] != '}' && text_[i_] != ']' &&
           text_[i_] != ' ' && text_[i_] != '\n' && text_[i_] != '\r' && text_[i_] != '\t') {
      ++i_;
    }
    return true;
  }

  std::string_view text_;
  size_t i_ = 0;
  std::map<std::string, size_t> out_;
};

}  // namespace

std::map<std::string, size_t> LocateJsonValues(std::string_view text) {
  return Locator(text).Run();
}

size_t OffsetOfPointer(const std::map<std::string, size_t>& offsets, std::string pointer) {
  while (true) {
    auto it = offsets.find(pointer);
    if (it != offsets.end()) return it->second;
    size_t slash = pointer.rfind('/');
    if (slash == std::string::npos || pointer.empty()) return 0;
    pointer.resize(slash);
  }
}

std::string_view NumberLiteralAt(std::string_view text, size_t offset) {
  size_t end = offset;
  while (end < text.size()) {
    char c = text[end];
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
      break;
    }
    ++end;
  }
  return offset < text.size() ? text.substr(offset, end - offset) : std::string_view();
}

std::string JsonPointerToken(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace blockrt::olx::internal
