// str(key) exactly as opaque-keys prints it, appended to a caller's buffer so
// batch callers reuse one allocation.
#include <string>

#include "keys/internal/aside_parts.h"

namespace blockrt::keys {
namespace {

void Append(std::string* out, std::string_view a) { out->append(a.data(), a.size()); }

// CourseLocator._to_string without the namespace.
void AppendCoursePart(const KeyView& k, std::string* out) {
  bool first = true;
  auto part = [&](std::string_view prefix, std::string_view v) {
    if (!first) out->push_back('+');
    first = false;
    Append(out, prefix);
    Append(out, v);
  };
  if (k.course() && !k.course()->empty() && k.run() && !k.run()->empty()) {
    part("", *k.org());
    part("", *k.course());
    part("", *k.run());
    if (k.branch()) part("branch@", *k.branch());
  }
  if (k.version_guid()) part("version@", *k.version_guid());
}

// LibraryLocator._to_string without the namespace.
void AppendLibraryPart(const KeyView& k, std::string* out) {
  bool first = true;
  auto part = [&](std::string_view prefix, std::string_view v) {
    if (!first) out->push_back('+');
    first = false;
    Append(out, prefix);
    Append(out, v);
  };
  if (k.course()) {
    part("", *k.org());
    part("", *k.course());
  }
  if (k.branch()) part("branch@", *k.branch());
  if (k.version_guid()) part("version@", *k.version_guid());
}

void AppendJoined(std::string* out, std::string_view ns, std::initializer_list<Field> fields,
                  char sep) {
  Append(out, ns);
  out->push_back(':');
  bool first = true;
  for (const Field& f : fields) {
    if (!first) out->push_back(sep);
    first = false;
    Append(out, *f);
  }
}

// i4x://org/course/type/id[@branch] and /c4x/... (deprecated usage and asset keys).
void AppendDeprecatedUsage(const KeyView& k, std::string_view prefix, std::string* out) {
  Append(out, prefix);
  Append(out, *k.org());
  out->push_back('/');
  Append(out, *k.course());
  out->push_back('/');
  Append(out, k.block_type().value_or("None"));
  out->push_back('/');
  Append(out, *k.block_id());
  if (k.branch()) {
    out->push_back('@');
    Append(out, *k.branch());
  }
}

}  // namespace

bool KeyView::AppendCanonical(std::string* out) const {
  switch (kind_) {
    case KeyKind::kCourseLocator:
      if (deprecated_) {
        if (!run()) return false;  // run None: str() raises TypeError in the reference
        Append(out, *org());
        out->push_back('/');
        Append(out, *course());
        out->push_back('/');
        Append(out, *run());
        return true;
      }
      Append(out, "course-v1:");
      AppendCoursePart(*this, out);
      return true;
    case KeyKind::kLibraryLocator:
      Append(out, "library-v1:");
      AppendLibraryPart(*this, out);
      return true;
    case KeyKind::kBlockUsageLocator:
    case KeyKind::kAssetLocator: {
      bool asset = kind_ == KeyKind::kAssetLocator;
      if (deprecated_) {
        AppendDeprecatedUsage(*this, asset ? "/c4x/" : "i4x://", out);
        return true;
      }
      Append(out, asset ? "asset-v1:" : "block-v1:");
      AppendCoursePart(*this, out);
      Append(out, "+type@");
      Append(out, block_type().value_or("None"));
      Append(out, "+block@");
      Append(out, *block_id());
      return true;
    }
    case KeyKind::kLibraryUsageLocator:
      Append(out, "lib-block-v1:");
      AppendLibraryPart(*this, out);
      Append(out, "+type@");
      Append(out, *block_type());
      Append(out, "+block@");
      Append(out, *block_id());
      return true;
    case KeyKind::kLibraryLocatorV2:
      AppendJoined(out, "lib", {org(), course()}, ':');
      return true;
    case KeyKind::kLibraryUsageLocatorV2:
      AppendJoined(out, "lb", {org(), course(), block_type(), block_id()}, ':');
      return true;
    case KeyKind::kLibraryContainerLocator:
      AppendJoined(out, "lct", {org(), course(), block_type(), block_id()}, ':');
      return true;
    case KeyKind::kLibraryCollectionLocator:
      AppendJoined(out, "lib-collection", {org(), course(), block_id()}, ':');
      return true;
    case KeyKind::kDeprecatedLocation:
      AppendJoined(out, "location", {org(), course(), run(), block_type(), block_id()}, '+');
      return true;
    case KeyKind::kDefinitionLocator:
      Append(out, "def-v1:");
      Append(out, *block_id());
      Append(out, "+type@");
      Append(out, *block_type());
      return true;
    case KeyKind::kBundleDefinitionLocator:
      AppendJoined(out, "bundle-olx", {slot(kOrg), slot(kBranch), block_type(), block_id()}, ':');
      return true;
    case KeyKind::kBlockTypeKeyV1:
      if (deprecated_) {
        Append(out, *block_type());
      } else {
        AppendJoined(out, "block-type-v1", {block_family(), block_type()}, ':');
      }
      return true;
    case KeyKind::kAsideUsageKeyV1:
    case KeyKind::kAsideUsageKeyV2:
    case KeyKind::kAsideDefinitionKeyV1:
    case KeyKind::kAsideDefinitionKeyV2: {
      std::string inner;
      if (!aside_->inner.AppendCanonical(&inner)) return false;
      bool v1 = kind_ == KeyKind::kAsideUsageKeyV1 || kind_ == KeyKind::kAsideDefinitionKeyV1;
      Append(out, CanonicalNamespace(kind_));
      out->push_back(':');
      (v1 ? internal::AppendEncodedV1 : internal::AppendEncodedV2)(inner, out);
      Append(out, "::");
      (v1 ? internal::AppendEncodedV1 : internal::AppendEncodedV2)(aside_->aside_type, out);
      return true;
    }
  }
  return false;
}

std::string KeyView::ToString() const {
  std::string s;
  if (!AppendCanonical(&s)) s.clear();
  return s;
}

}  // namespace blockrt::keys
