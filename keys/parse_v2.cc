// ':'-separated keys validated field by field with Python's `^...$` (which
// also accepts one trailing '\n'): lib, lb, lct, lib-collection, bundle-olx;
// plus def-v1 and block-type-v1.
#include <cstring>

#include "keys/internal/char_class.h"
#include "keys/internal/parsers.h"

namespace blockrt::keys::internal {
namespace {

// Splits `rest` at every ':' into exactly `n` parts (rest.split(':')).
bool SplitExact(std::string_view rest, size_t off, int n, std::string_view* parts, size_t* starts,
                KeyError* err) {
  size_t pos = 0;
  for (int i = 0; i < n; ++i) {
    size_t colon = rest.find(':', pos);
    bool last = i == n - 1;
    if (last && colon != std::string_view::npos) return Fail(err, off + colon, "no further ':'");
    if (!last && colon == std::string_view::npos) return Fail(err, off + rest.size(), "':'");
    size_t end = last ? rest.size() : colon;
    parts[i] = rest.substr(pos, end - pos);
    starts[i] = off + pos;
    pos = end + 1;
  }
  return true;
}

bool CheckField(std::string_view v, size_t pos, uint8_t cls, std::string_view expected,
                KeyError* err) {
  size_t bad = 0;
  if (!MatchDollar(v, cls, &bad)) return Fail(err, pos + bad, expected);
  return true;
}

constexpr std::string_view kAsciiExpected = "an ASCII field [a-zA-Z0-9_-.]+";
constexpr std::string_view kUniExpected = "a field [\\w-.]+";

bool IsCanonicalUuid(std::string_view s, size_t* bad) {
  if (s.size() != 36) {
    *bad = s.size() < 36 ? s.size() : 36;
    return false;
  }
  for (size_t i = 0; i < 36; ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !(kAsciiClass[static_cast<unsigned char>(s[i])] & kHexLower)) {
      *bad = i;
      return false;
    }
  }
  return true;
}

}  // namespace

bool ParseLibV2(std::string_view rest, size_t off, KeyKind kind, KeyView* out, KeyError* err) {
  std::string_view p[4];
  size_t at[4];
  int n = kind == KeyKind::kLibraryLocatorV2           ? 2
          : kind == KeyKind::kLibraryCollectionLocator ? 3
                                                       : 4;
  if (!SplitExact(rest, off, n, p, at, err)) return false;
  if (!CheckField(p[0], at[0], kAsciiField, kAsciiExpected, err) ||
      !CheckField(p[1], at[1], kUniField, kUniExpected, err)) {
    return false;
  }
  if (n == 4 && (!CheckField(p[2], at[2], kAsciiField, kAsciiExpected, err) ||
                 !CheckField(p[3], at[3], kUniField, kUniExpected, err))) {
    return false;
  }
  if (n == 3 && !CheckField(p[2], at[2], kUniField, kUniExpected, err)) return false;
  out->set_kind(kind);
  out->set_slot(KeyView::kOrg, p[0]);
  out->set_slot(KeyView::kCourse, p[1]);
  if (n == 4) {
    out->set_slot(KeyView::kType, p[2]);
    out->set_slot(KeyView::kId, p[3]);
  } else if (n == 3) {
    out->set_slot(KeyView::kId, p[2]);
  }
  return true;
}

bool ParseBundleOlx(std::string_view rest, size_t off, KeyView* out, KeyError* err) {
  // rest.split(':', 3): the OLX path takes the remainder (and then fails on ':').
  std::string_view p[4];
  size_t at[4];
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    size_t colon = rest.find(':', pos);
    if (colon == std::string_view::npos) {
      return Fail(err, off + rest.size(), "UUID:VERSION_OR_DRAFT:BLOCK_TYPE:OLX_PATH");
    }
    p[i] = rest.substr(pos, colon - pos);
    at[i] = off + pos;
    pos = colon + 1;
  }
  p[3] = rest.substr(pos);
  at[3] = off + pos;
  size_t bad = 0;
  if (!IsCanonicalUuid(p[0], &bad)) return Fail(err, at[0] + bad, "a lowercase 8-4-4-4-12 UUID");
  // VERSION_OR_DRAFT: str.isdigit() means a version, which must be plain ASCII
  // decimal without leading zeros; anything else non-empty is a draft name.
  std::string_view vod = p[1];
  if (vod.empty()) return Fail(err, at[1], "a version number or draft name");
  bool all_digits = true, ascii = true;
  for (size_t i = 0; i < vod.size();) {
    uint32_t cp;
    size_t len = DecodeUtf8(vod, i, &cp);
    if (len == 0) return Fail(err, at[1] + i, "valid UTF-8");
    if (cp >= 0x80) ascii = false;
    if (!IsDigitCodePoint(cp)) all_digits = false;
    i += len;
  }
  if (all_digits && (!ascii || (vod.size() > 1 && vod[0] == '0'))) {
    return Fail(err, at[1], "a version in plain decimal digits without leading zeros");
  }
  if (!CheckField(p[2], at[2], kAsciiField, kAsciiExpected, err) ||
      !CheckField(p[3], at[3], kOlxPath, "an OLX path [\\w-./]+", err)) {
    return false;
  }
  out->set_kind(KeyKind::kBundleDefinitionLocator);
  out->set_slot(KeyView::kOrg, p[0]);
  out->set_slot(KeyView::kBranch, vod);
  out->set_slot(KeyView::kType, p[2]);
  out->set_slot(KeyView::kId, p[3]);
  return true;
}

bool ParseDefV1(std::string_view rest, size_t off, KeyView* out, KeyError* err) {
  size_t hex = ScanClass(rest, kHexLower);
  if (hex == 0) return Fail(err, off, "a hex definition id [a-f0-9]+");
  if (rest.substr(hex, 6) != "+type@") return Fail(err, off + hex, "'+type@'");
  if (hex != 24) return Fail(err, off, "a 24-digit hex definition id");
  std::string_view type = rest.substr(hex + 6);
  size_t ok = ScanClass(type, kId);
  if (type.empty() || ok != type.size())
    return Fail(err, off + hex + 6 + ok, "a block type [\\w-~.:]+");
  out->set_kind(KeyKind::kDefinitionLocator);
  out->set_slot(KeyView::kId, rest.substr(0, hex));
  out->set_slot(KeyView::kType, type);
  return true;
}

bool ParseBlockType(std::string_view rest, size_t off, KeyView* out, KeyError* err) {
  size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return Fail(err, off + rest.size(), "FAMILY:TYPE");
  std::string_view family = rest.substr(0, colon);
  out->set_kind(KeyKind::kBlockTypeKeyV1);
  if (family == "xblock.v1" || family == "xmodule.v1") {
    out->set_slot(KeyView::kOrg, "xblock.v1");
    out->set_deprecated(true);
  } else {
    out->set_slot(KeyView::kOrg, family);
  }
  out->set_slot(KeyView::kType, rest.substr(colon + 1));
  return true;
}

void MakeDeprecatedBlockType(std::string_view text, KeyView* out) {
  *out = KeyView();
  out->set_kind(KeyKind::kBlockTypeKeyV1);
  out->set_deprecated(true);
  out->set_slot(KeyView::kOrg, "xblock.v1");
  out->set_slot(KeyView::kType, text);
}

}  // namespace blockrt::keys::internal
