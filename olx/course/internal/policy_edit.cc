#include "olx/course/internal/policy_edit.h"

#include <nlohmann/json.hpp>

#include "olx/internal/json_parse.h"

namespace blockrt::olx::internal {
namespace {

// Walks text already known to be valid JSON, so the scan only has to find
// where tokens end.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  size_t pos() const { return i_; }
  void Space() {
    while (i_ < text_.size() &&
           (text_[i_] == ' ' || text_[i_] == '\t' || text_[i_] == '\n' || text_[i_] == '\r')) {
      ++i_;
    }
  }
  bool At(char c) {
    Space();
    return i_ < text_.size() && text_[i_] == c;
  }

  // A string token; its decoded value in *out.
  bool String(std::string* out) {
    if (!At('"')) return false;
    size_t begin = i_++;
    bool escaped = false;
    for (; i_ < text_.size() && text_[i_] != '"'; ++i_) {
      if (text_[i_] == '\\') {
        escaped = true;
        ++i_;
      }
    }
    if (i_ >= text_.size()) return false;
    ++i_;
    std::string_view token = text_.substr(begin, i_ - begin);
    if (!escaped) {
      out->assign(token.substr(1, token.size() - 2));
      return true;
    }
    try {
      *out = nlohmann::json::parse(token).get<std::string>();
      return true;
    } catch (const nlohmann::json::exception&) {
      return false;
    }
  }

  // Past one value of any kind (nested ones without recursion).
  bool SkipValue() {
    Space();
    size_t depth = 0;
    std::string ignored;
    do {
      if (i_ >= text_.size()) return false;
      char c = text_[i_];
      if (c == '"') {
        if (!String(&ignored)) return false;
      } else if (c == '{' || c == '[') {
        ++depth;
        ++i_;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return false;
        --depth;
        ++i_;
      } else if (c == ',' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (depth == 0) return false;
        ++i_;
      } else {
        while (i_ < text_.size() && text_[i_] != ',' && text_[i_] != '}' && text_[i_] != ']' &&
               text_[i_] != ' ' && text_[i_] != '\t' && text_[i_] != '\n' && text_[i_] != '\r') {
          ++i_;
        }
      }
    } while (depth > 0);
    return true;
  }

  // The members of the object at the current position; `on_member` may read
  // the value (leaving the scanner past it) or return false to skip it.
  template <class OnMember>
  bool Object(std::vector<JsonMember>* out, OnMember on_member) {
    if (!At('{')) return false;
    ++i_;
    size_t lead = i_;
    if (At('}')) {
      ++i_;
      return true;
    }
    for (;;) {
      JsonMember m;
      m.lead = lead;
      if (!String(&m.key) || !At(':')) return false;
      ++i_;
      Space();
      m.value_begin = i_;
      if (!on_member(m) && !SkipValue()) return false;
      m.value_end = i_;
      if (At(',')) {
        m.comma = i_++;
        lead = i_;
        out->push_back(std::move(m));
        continue;
      }
      out->push_back(std::move(m));
      if (!At('}')) return false;
      ++i_;
      return true;
    }
  }

 private:
  std::string_view text_;
  size_t i_ = 0;
};

}  // namespace

bool ScanPolicy(std::string_view text, std::vector<PolicyEntry>* out) {
  out->clear();
  nlohmann::json doc;
  JsonFailure failure;
  if (!ParseJsonText(text, &doc, &failure) || !doc.is_object()) return false;
  Scanner scan(text);
  std::vector<JsonMember> top;
  std::vector<std::vector<JsonMember>> fields;
  std::vector<bool> objects;
  bool ok = scan.Object(&top, [&](const JsonMember&) {
    fields.emplace_back();
    objects.push_back(scan.At('{'));
    if (!objects.back()) return false;
    return scan.Object(&fields.back(), [](const JsonMember&) { return false; });
  });
  if (!ok || top.size() != fields.size()) return false;
  for (size_t i = 0; i < top.size(); ++i) {
    out->push_back(PolicyEntry{std::move(top[i]), objects[i], std::move(fields[i])});
  }
  return true;
}

void RemoveMembers(const std::vector<JsonMember>& members, const std::vector<bool>& removed,
                   TextEdits* edits) {
  size_t n = members.size();
  // A removed run at the end takes the comma after the last kept member;
  // every other removed member takes the comma after itself.
  size_t tail = n;
  while (tail > 0 && removed[tail - 1]) --tail;
  for (size_t i = 0; i < tail; ++i) {
    if (removed[i]) edits->Replace(members[i].lead, members[i].comma + 1, "");
  }
  if (tail == n) return;
  size_t from = tail > 0 ? members[tail - 1].comma : members[0].lead;
  edits->Replace(from, members[n - 1].value_end, "");
}

std::string PolicyValueText(std::string_view value, std::string_view old_json,
                            PolicyValueKind kind) {
  std::string as_string = nlohmann::json(std::string(value)).dump();
  bool old_string = !old_json.empty() && old_json[0] == '"';
  if (kind == PolicyValueKind::kString || (kind == PolicyValueKind::kLikeOld && old_string)) {
    return as_string;
  }
  nlohmann::json parsed;
  JsonFailure failure;
  if (ParseJsonText(value, &parsed, &failure) && !parsed.is_string()) {
    size_t b = value.find_first_not_of(" \t\n\r");
    size_t e = value.find_last_not_of(" \t\n\r");
    return std::string(value.substr(b, e - b + 1));
  }
  return as_string;
}

}  // namespace blockrt::olx::internal
