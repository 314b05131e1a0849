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

// One pass over a segment: where it ends, where its '@' is, and the classes
// every character before and after the '@' belongs to.
struct Segment {
  size_t end;         // index of the '+' or rest.size()
  size_t at;          // index of the first '@', or npos
  uint8_t before_at;  // AND of classes of chars before '@' (or of all)
  uint8_t after_at;   // AND of classes of chars after '@'
};

inline Segment ScanSegment(std::string_view rest, size_t pos) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(rest.data());
  const size_t n = rest.size();
  Segment seg{n, std::string_view::npos, 0xFF, 0xFF};
  uint8_t acc = 0xFF;
  size_t i = pos;
  // Eight independent table loads per step; the byte loop below finishes the
  // block that holds a stop byte.
  while (i + 8 <= n) {
    uint8_t t0 = kSegmentClass[p[i]], t1 = kSegmentClass[p[i + 1]];
    uint8_t t2 = kSegmentClass[p[i + 2]], t3 = kSegmentClass[p[i + 3]];
    uint8_t t4 = kSegmentClass[p[i + 4]], t5 = kSegmentClass[p[i + 5]];
    uint8_t t6 = kSegmentClass[p[i + 6]], t7 = kSegmentClass[p[i + 7]];
    if ((t0 | t1 | t2 | t3 | t4 | t5 | t6 | t7) & kStop) break;
    acc &= t0 & t1 & t2 & t3 & t4 & t5 & t6 & t7;
    i += 8;
  }
  while (i < n) {
    uint8_t t = kSegmentClass[p[i]];
    if (!(t & kStop)) {
      acc &= t;
      ++i;
      continue;
    }
    unsigned char c = p[i];
    if (c == '+') break;
    if (c == '@') {
      if (seg.at == std::string_view::npos) {
        seg.at = i;
        seg.before_at = acc;
        acc = 0xFF;
      } else {
        acc = 0;
      }
      ++i;
    } else {
      size_t len = ScanNonAscii(rest, i, kUnicodeWordClasses);
      if (len == 0) {
        acc = 0;
        ++i;
      } else {
        acc &= kUnicodeWordClasses;
        i += len;
      }
    }
  }
  seg.end = i;
  if (seg.at == std::string_view::npos) {
    seg.before_at = acc;
  } else {
    seg.after_at = acc;
  }
  return seg;
}

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
    Segment sg = ScanSegment(rest, pos);
    const bool last = sg.end == rest.size();
    std::string_view seg = rest.substr(pos, sg.end - pos);
    if (seg.empty()) {
      return Fail(
          err, off + pos,
          last ? "a segment after '+' (no trailing '+')" : "a non-empty segment between '+'");
    }
    if (sg.at == std::string_view::npos) {
      if (next_tag > 0) return Fail(err, off + pos, "a 'branch@/version@/type@/block@' segment");
      if (n_untagged == 3) return Fail(err, off + pos, "at most org+course+run before tags");
      if (!(sg.before_at & kId)) {
        return Fail(err, off + pos + ScanClass(seg, kId), "an id character [\\w-~.:]");
      }
      untagged[n_untagged] = seg;
      untagged_pos[n_untagged++] = off + pos;
    } else {
      if (n_untagged == 1) return Fail(err, untagged_pos[0], "org+course before tagged parts");
      std::string_view tag = seg.substr(0, sg.at - pos + 1);
      int t = next_tag;
      while (t < 4 && !ShortEquals(tag, std::string_view(kTags[t].text, kTags[t].len))) ++t;
      if (t == 4) {
        return Fail(err, off + pos,
                    next_tag == 0 ? "'branch@', 'version@', 'type@' or 'block@'"
                                  : "a later tag, in the order branch@ version@ type@ block@");
      }
      std::string_view value = seg.substr(kTags[t].len);
      size_t vpos = off + pos + kTags[t].len;
      // The regex admits DID in block@; the concrete key re-checks with block_cls.
      uint8_t cls = t == 1 ? uint8_t{kHexLower} : t == 3 ? uint8_t{kDid} : uint8_t{kId};
      if (value.empty() || !(sg.after_at & cls)) {
        static constexpr std::string_view kExpected[] = {
            "a branch id [\\w-~.:]+", "lowercase hex [a-f0-9]", "a block type [\\w-~.:]+",
            "a block id [\\w-~.:%]+"};
        return Fail(err, vpos + ScanClass(value, cls), kExpected[t]);
      }
      if (t == 1 && value.size() != 24) return Fail(err, vpos, "a 24-digit hex version");
      if (t == 3) {
        if (!last) return Fail(err, off + sg.end, "end of key after block@");
        if (!(sg.after_at & block_cls)) {
          return Fail(err, vpos + ScanClass(value, block_cls), "a block id [\\w-~.:]+ (no '%')");
        }
      }
      out->set_slot(kTags[t].slot, value);
      next_tag = t + 1;
    }
    if (last) break;
    pos = sg.end + 1;
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
  uint8_t block_cls =
      kind == KeyKind::kBlockUsageLocator || kind == KeyKind::kLibraryUsageLocator ? kId : kDid;
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
