// Deprecated key forms reached through opaque-keys' fallbacks (org/course/run,
// i4x://, /c4x/) and the short-lived `location:` syntax.
#include <cstring>

#include "keys/internal/char_class.h"
#include "keys/internal/parsers.h"

namespace blockrt::keys::internal {
namespace {

// A deprecated org/course part: non-empty, nothing outside [\w.%-].
bool CheckDepPart(std::string_view part, size_t pos, bool allow_empty, KeyError* err) {
  if (part.empty() && !allow_empty) return Fail(err, pos, "a non-empty part [\\w.%-]+");
  size_t ok = ScanClass(part, kDepPart);
  if (ok != part.size()) return Fail(err, pos + ok, "a deprecated id character [\\w.%-]");
  return true;
}

}  // namespace

bool ParseDeprecatedCourse(std::string_view text, KeyView* out, KeyError* err) {
  size_t s1 = text.find('/');
  size_t s2 = s1 == std::string_view::npos ? s1 : text.find('/', s1 + 1);
  if (s2 == std::string_view::npos || text.find('/', s2 + 1) != std::string_view::npos) {
    return Fail(err, s2 == std::string_view::npos ? text.size() : text.find('/', s2 + 1),
                "exactly two '/' (org/course/run)");
  }
  std::string_view org = text.substr(0, s1);
  std::string_view course = text.substr(s1 + 1, s2 - s1 - 1);
  std::string_view run = text.substr(s2 + 1);
  if (!CheckDepPart(org, 0, false, err) || !CheckDepPart(course, s1 + 1, false, err) ||
      !CheckDepPart(run, s2 + 1, true, err)) {
    return false;
  }
  out->set_kind(KeyKind::kCourseLocator);
  out->set_deprecated(true);
  out->set_slot(KeyView::kOrg, org);
  out->set_slot(KeyView::kCourse, course);
  out->set_slot(KeyView::kRun, run);
  return true;
}

bool ParseI4x(std::string_view text, KeyKind kind, KeyView* out, KeyError* err) {
  const std::string_view prefix = kind == KeyKind::kAssetLocator ? "/c4x/" : "i4x://";
  if (text.substr(0, prefix.size()) != prefix) return Fail(err, 0, prefix);
  std::string_view parts[3];
  size_t starts[3];
  size_t pos = prefix.size();
  for (int i = 0; i < 3; ++i) {
    size_t slash = text.find('/', pos);
    if (slash == std::string_view::npos) return Fail(err, text.size(), "org/course/category/name");
    if (slash == pos) return Fail(err, pos, "a non-empty path part");
    parts[i] = text.substr(pos, slash - pos);
    starts[i] = pos;
    pos = slash + 1;
  }
  std::string_view tail = text.substr(pos);
  size_t at = tail.find('@');
  std::string_view name = tail.substr(0, at);
  if (name.empty()) return Fail(err, pos, "a block name");
  if (!CheckDepPart(parts[0], starts[0], false, err) ||
      !CheckDepPart(parts[1], starts[1], false, err)) {
    return false;
  }
  // The category is matched by [^/]+ and never validated.
  size_t ok = ScanClass(name, kDid);
  if (ok != name.size()) return Fail(err, pos + ok, "a name character [\\w-~.:%]");
  out->set_kind(kind);
  out->set_deprecated(true);
  if (at != std::string_view::npos) {
    std::string_view rev = tail.substr(at + 1);
    size_t rpos = pos + at + 1;
    if (rev.empty()) return Fail(err, rpos, "a revision after '@'");
    size_t rok = ScanClass(rev, kDid);
    if (rok != rev.size()) return Fail(err, rpos + rok, "a revision character [\\w-~.:%]");
    out->set_slot(KeyView::kBranch, rev);
  }
  out->set_slot(KeyView::kOrg, parts[0]);
  out->set_slot(KeyView::kCourse, parts[1]);
  out->set_slot(KeyView::kType, parts[2]);
  out->set_slot(KeyView::kId, name);
  return true;
}

bool ParseLocation(std::string_view rest, size_t off, KeyView* out, KeyError* err) {
  static constexpr KeyView::Slot kSlots[5] = {KeyView::kOrg, KeyView::kCourse, KeyView::kRun,
                                              KeyView::kType, KeyView::kId};
  size_t pos = 0;
  for (int i = 0; i < 5; ++i) {
    size_t plus = rest.find('+', pos);
    if ((plus == std::string_view::npos) != (i == 4)) {
      return Fail(err, off + (plus == std::string_view::npos ? rest.size() : plus),
                  "exactly five '+'-separated parts ORG+COURSE+RUN+TYPE+ID");
    }
    std::string_view part = rest.substr(pos, (i == 4 ? rest.size() : plus) - pos);
    size_t ok = ScanClass(part, kId);
    if (part.empty() || ok != part.size()) return Fail(err, off + pos + ok, "an id [\\w-~.:]+");
    out->set_slot(kSlots[i], part);
    pos = plus + 1;
  }
  out->set_kind(KeyKind::kDeprecatedLocation);
  return true;
}

}  // namespace blockrt::keys::internal
