// The v1 locator grammar (opaque-keys BlockLocatorBase.URL_RE) without a regex:
//   [ORG+COURSE[+RUN]+] [branch@ID+] [version@HEX24+] [type@ID+] [block@DID+]
// '+' separates segments, so a segment is everything up to the next '+'.
#include <cstring>

#include "keys/internal/char_class.h"
#include "keys/internal/parsers.h"

namespace blockrt::keys::internal {
namespace {

struct Tag {
  const char* text;
  size_t len;
  KeyView::Slot slot;
};
constexpr Tag kTags[] = {
    {"branch@", 7, KeyView::kBranch},
    {"version@", 8, KeyView::kVersion},
    {"type@", 5, KeyView::kType},
    {"block@", 6, KeyView::kId},
};

// Fills the slots named in URL_RE. `block_cls` is the class the concrete key
// finally checks block@ against (ID for block-v1, DID for course/asset keys).
bool ParseUrl(std::string_view rest, size_t off, uint8_t block_cls, KeyView* out, KeyError* err) {
  if (rest.empty()) return true;
  std::string_view untagged[3];
  size_t untagged_pos[3];
  int n_untagged = 0;
  int next_tag = 0;
  size_t pos = 0;
  while (true) {
    size_t plus = rest.find('+', pos);
    size_t end = plus == std::string_view::npos ? rest.size() : plus;
    std::string_view seg = rest.substr(pos, end - pos);
    if (seg.empty()) {
      return Fail(err, off + pos,
                  plus == std::string_view::npos ? "a segment after '+' (no trailing '+')"
                                                 : "a non-empty segment between '+'");
    }
    const void* at = std::memchr(seg.data(), '@', seg.size());
    if (at == nullptr) {
      if (next_tag > 0) return Fail(err, off + pos, "a 'branch@/version@/type@/block@' segment");
      if (n_untagged == 3) return Fail(err, off + pos, "at most org+course+run before tags");
      size_t ok = ScanClass(seg, kId);
      if (ok != seg.size()) return Fail(err, off + pos + ok, "an id character [\\w-~.:]");
      untagged[n_untagged] = seg;
      untagged_pos[n_untagged++] = off + pos;
    } else {
      if (n_untagged == 1) return Fail(err, untagged_pos[0], "org+course before tagged parts");
      int t = next_tag;
      while (t < 4 && !(seg.size() >= kTags[t].len &&
                        std::memcmp(seg.data(), kTags[t].text, kTags[t].len) == 0)) {
        ++t;
      }
      if (t == 4) {
        return Fail(err, off + pos,
                    next_tag == 0 ? "'branch@', 'version@', 'type@' or 'block@'"
                                  : "a later tag, in the order branch@ version@ type@ block@");
      }
      std::string_view value = seg.substr(kTags[t].len);
      size_t vpos = off + pos + kTags[t].len;
      // The regex admits DID in block@; the concrete key re-checks with block_cls.
      uint8_t cls = t == 1 ? uint8_t{kHexLower} : t == 3 ? uint8_t{kDid} : uint8_t{kId};
      size_t ok = ScanClass(value, cls);
      if (value.empty() || ok != value.size()) {
        static constexpr std::string_view kExpected[] = {
            "a branch id [\\w-~.:]+", "lowercase hex [a-f0-9]", "a block type [\\w-~.:]+",
            "a block id [\\w-~.:%]+"};
        return Fail(err, vpos + ok, kExpected[t]);
      }
      if (t == 1 && value.size() != 24) return Fail(err, vpos, "a 24-digit hex version");
      if (t == 3) {
        if (plus != std::string_view::npos) return Fail(err, off + end, "end of key after block@");
        if (block_cls != kDid) {
          size_t bad = ScanClass(value, block_cls);
          if (bad != value.size()) return Fail(err, vpos + bad, "a block id [\\w-~.:]+ (no '%')");
        }
      }
      out->set_slot(kTags[t].slot, value);
      next_tag = t + 1;
    }
    if (plus == std::string_view::npos) break;
    pos = plus + 1;
  }
  if (n_untagged == 1) return Fail(err, untagged_pos[0] + untagged[0].size(), "'+' and a course");
  if (n_untagged >= 2) {
    out->set_slot(KeyView::kOrg, untagged[0]);
    out->set_slot(KeyView::kCourse, untagged[1]);
    if (n_untagged == 3) out->set_slot(KeyView::kRun, untagged[2]);
  }
  return true;
}

}  // namespace

bool ParseLocator(std::string_view rest, size_t off, KeyKind kind, KeyView* out, KeyError* err) {
  out->set_kind(kind);
  uint8_t block_cls = kind == KeyKind::kBlockUsageLocator || kind == KeyKind::kLibraryUsageLocator
                          ? kId
                          : kDid;
  if (!ParseUrl(rest, off, block_cls, out, err)) return false;
  const size_t end = off + rest.size();
  const bool has_version = out->version_guid().has_value();
  const bool is_library = kind == KeyKind::kLibraryLocator || kind == KeyKind::kLibraryUsageLocator;
  if (is_library) {
    out->clear_slot(KeyView::kRun);  // LibraryLocator silently drops a third component
    if (!has_version && !out->org()) return Fail(err, end, "org+library or version@");
  } else if (!has_version && !out->run()) {
    return Fail(err, end, "org+course+run or version@");
  }
  switch (kind) {
    case KeyKind::kCourseLocator:
    case KeyKind::kLibraryLocator:
      out->clear_slot(KeyView::kType);  // parsed, then silently discarded
      out->clear_slot(KeyView::kId);
      return true;
    case KeyKind::kLibraryUsageLocator:
      if (!out->block_type()) return Fail(err, end, "'+type@TYPE' in a library usage key");
      [[fallthrough]];
    default:
      if (!out->block_id()) return Fail(err, end, "'+block@ID'");
      return true;
  }
}

}  // namespace blockrt::keys::internal
