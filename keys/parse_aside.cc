// Aside keys: `<inner>::<aside_type>` with the inner key escaped. v1 splits at
// the first '::' and checks that decoding re-encodes to the same text; v2
// escapes every ':' as '$:' and splits at the last '::'.
#include <algorithm>
#include <memory>
#include <string>

#include "keys/internal/aside_parts.h"
#include "keys/internal/parsers.h"

namespace blockrt::keys::internal {
namespace {

// Python's str.replace: left to right, non-overlapping.
std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (true) {
    size_t hit = s.find(from, pos);
    if (hit == std::string_view::npos) break;
    out.append(s.data() + pos, hit - pos);
    out.append(to);
    pos = hit + from.size();
  }
  out.append(s.data() + pos, s.size() - pos);
  return out;
}

bool DecodeV1(std::string_view value, std::string* out) {
  *out = ReplaceAll(ReplaceAll(value, "$::", "::"), "$$", "$");
  std::string again;
  AppendEncodedV1(*out, &again);
  return again == value;
}

// Returns the offset of the first offending character, or npos when valid.
size_t DecodeV2(std::string_view value, std::string* out) {
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == ':' && (i == 0 || value[i - 1] != '$')) return i;
  }
  std::string colons = ReplaceAll(value, "$:", ":");
  // Any maximal run of '$' of odd length is an unescaped '$'.
  for (size_t i = 0; i < colons.size();) {
    if (colons[i] != '$') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < colons.size() && colons[j] == '$') ++j;
    if ((j - i) % 2 == 1) return i;
    i = j;
  }
  *out = ReplaceAll(colons, "$$", "$");
  return std::string_view::npos;
}

}  // namespace

void AppendEncodedV1(std::string_view value, std::string* out) {
  out->append(ReplaceAll(ReplaceAll(value, "$", "$$"), "::", "$::"));
}

void AppendEncodedV2(std::string_view value, std::string* out) {
  out->append(ReplaceAll(ReplaceAll(value, "$", "$$"), ":", "$:"));
}

bool ParseAside(std::string_view rest, size_t off, KeyKind kind, KeyView* out, KeyError* err) {
  const bool v1 = kind == KeyKind::kAsideUsageKeyV1 || kind == KeyKind::kAsideDefinitionKeyV1;
  const bool usage = kind == KeyKind::kAsideUsageKeyV1 || kind == KeyKind::kAsideUsageKeyV2;
  size_t sep = v1 ? rest.find("::") : rest.rfind("::");
  std::string_view left, right;
  size_t right_off;
  if (sep == std::string_view::npos) {
    // partition() leaves the right part empty; rpartition() the left one.
    left = v1 ? rest : std::string_view();
    right = v1 ? std::string_view() : rest;
    right_off = v1 ? rest.size() : 0;
  } else {
    left = rest.substr(0, sep);
    right = rest.substr(sep + 2);
    right_off = sep + 2;
  }
  auto parts = std::make_shared<KeyView::AsideParts>();
  if (v1) {
    if (!DecodeV1(left, &parts->inner_text)) return Fail(err, off, "an unambiguous '$'-encoding");
    if (!DecodeV1(right, &parts->aside_type)) {
      return Fail(err, off + right_off, "an unambiguous '$'-encoding");
    }
  } else {
    size_t bad = DecodeV2(left, &parts->inner_text);
    if (bad != std::string_view::npos) return Fail(err, off + bad, "'$:' or '$$' escapes");
    bad = DecodeV2(right, &parts->aside_type);
    if (bad != std::string_view::npos)
      return Fail(err, off + right_off + bad, "'$:' or '$$' escapes");
  }
  KeyError inner_err;
  if (!ParseKey(parts->inner_text, usage ? KeyBase::kUsageKey : KeyBase::kDefinitionKey,
                &parts->inner, &inner_err)) {
    // Positions inside the decoded text match the input only where nothing was escaped.
    return Fail(err, off + std::min(inner_err.position, left.size()),
                usage ? "a valid usage key before '::'" : "a valid definition key before '::'");
  }
  if (v1) {
    std::string inner_str;
    if (!parts->inner.AppendCanonical(&inner_str) || inner_str.find("::") != std::string::npos ||
        (!inner_str.empty() && inner_str.back() == ':')) {
      return Fail(err, off, "an inner key whose string has no '::' and does not end with ':'");
    }
  }
  *out = KeyView();
  out->set_kind(kind);
  out->set_aside(std::move(parts));
  return true;
}

}  // namespace blockrt::keys::internal
