#include "contexts/library_content/lcb_fields.h"

#include <algorithm>
#include <cctype>

namespace blockrt::contexts::library_content {
namespace {

// Integer.from_json of an OLX string; `fallback` when it is not one.
int64_t IntegerOr(std::string_view text, int64_t fallback) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || text.size() > 18) return fallback;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return fallback;
    v = v * 10 + (c - '0');
  }
  return negative ? -v : v;
}

bool BooleanOr(std::string_view text, bool fallback) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower == "true") return true;
  if (lower == "false") return false;
  return fallback;
}

template <class Attr>
LcbFields Read(const Attr& attribute) {
  LcbFields f;
  if (auto v = attribute("source_library_id")) f.library_id = std::string(*v);
  if (auto v = attribute("source_library_version")) f.version = std::string(*v);
  if (auto v = attribute("capa_type"); v && !v->empty()) f.capa_type = std::string(*v);
  if (auto v = attribute("max_count")) f.max_count = IntegerOr(*v, 1);
  if (auto v = attribute("allow_resetting_children")) {
    f.allow_resetting_children = BooleanOr(*v, false);
  }
  if (auto v = attribute("display_name")) f.display_name = std::string(*v);
  return f;
}

}  // namespace

LcbFields FieldsOf(const olx::CourseBlock& block) {
  return Read([&](std::string_view name) -> std::optional<std::string_view> {
    const std::string_view* v = block.definition.attribute(name);
    return v != nullptr ? std::optional<std::string_view>(*v) : std::nullopt;
  });
}

LcbFields FieldsOf(const olx::Definition& definition) {
  return Read([&](std::string_view name) -> std::optional<std::string_view> {
    const std::string* v = definition.attribute(name);
    return v != nullptr ? std::optional<std::string_view>(*v) : std::nullopt;
  });
}

Status CheckLibraryContent(const olx::CourseBlock& block) {
  if (block.definition.block_type == kLibraryContentType) return Status::OK();
  return Status::InvalidArgument(std::string(block.usage_key) + " is a " +
                                 std::string(block.definition.block_type) +
                                 " block, not library_content");
}

}  // namespace blockrt::contexts::library_content
