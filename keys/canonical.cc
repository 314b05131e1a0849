// str(key) exactly as opaque-keys prints it, appended to a caller's buffer so
// batch callers reuse one allocation.
#include <cstring>
#include <string>

#include "keys/internal/aside_parts.h"
#include "keys/internal/char_class.h"

namespace blockrt::keys {
namespace {

constexpr char kOneChar[] = "+:/@";

// Collects the pieces of a canonical string and writes them with one resize,
// which keeps batch canonicalization free of per-piece append calls.
class Sink {
 public:
  void append(std::string_view v) { pieces_[n_++] = v; }
  void push_back(char c) {
    const char* p = static_cast<const char*>(std::memchr(kOneChar, c, 4));
    pieces_[n_++] = std::string_view(p, 1);
  }
  // True when the pieces spell `text` exactly (most keys are canonical already,
  // and their pieces are views into `text` at the right offsets).
  bool Equals(std::string_view text) const {
    size_t pos = 0;
    for (int i = 0; i < n_; ++i) {
      const std::string_view& v = pieces_[i];
      if (pos + v.size() > text.size()) return false;
      if (v.data() != text.data() + pos &&
          std::memcmp(v.data(), text.data() + pos, v.size()) != 0) {
        return false;
      }
      pos += v.size();
    }
    return pos == text.size();
  }
  void FlushTo(std::string* out) const {
    size_t total = 0;
    for (int i = 0; i < n_; ++i) total += pieces_[i].size();
    size_t old = out->size();
    out->resize(old + total);
    char* w = out->data() + old;
    for (int i = 0; i < n_; ++i) {
      std::memcpy(w, pieces_[i].data(), pieces_[i].size());
      w += pieces_[i].size();
    }
  }

 private:
  std::string_view pieces_[24];
  int n_ = 0;
};

void Append(Sink* out, std::string_view a) { out->append(a); }

// Joins '+'-separated parts, each optionally tagged ("branch@", "version@").
class PlusJoiner {
 public:
  explicit PlusJoiner(Sink* out) : out_(out) {}
  void Part(std::string_view prefix, std::string_view v) {
    if (!first_) out_->push_back('+');
    first_ = false;
    out_->append(prefix);
    out_->append(v);
  }

 private:
  Sink* out_;
  bool first_ = true;
};

// CourseLocator._to_string without the namespace: org/course/run (and the
// branch) are printed only when course and run are both set.
void AppendCoursePart(const KeyView& k, Sink* out) {
  PlusJoiner j(out);
  if (k.course() && !k.course()->empty() && k.run() && !k.run()->empty()) {
    j.Part("", *k.org());
    j.Part("", *k.course());
    j.Part("", *k.run());
    if (k.branch()) j.Part("branch@", *k.branch());
  }
  if (k.version_guid()) j.Part("version@", *k.version_guid());
}

// LibraryLocator._to_string without the namespace.
void AppendLibraryPart(const KeyView& k, Sink* out) {
  PlusJoiner j(out);
  if (k.course()) {
    j.Part("", *k.org());
    j.Part("", *k.course());
  }
  if (k.branch()) j.Part("branch@", *k.branch());
  if (k.version_guid()) j.Part("version@", *k.version_guid());
}

void AppendJoined(Sink* out, std::string_view ns, std::initializer_list<Field> fields, char sep) {
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
void AppendDeprecatedUsage(const KeyView& k, std::string_view prefix, Sink* out) {
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

// Fills *out with the pieces of str(k): 1 on success, 0 when the reference
// cannot print the key, -1 for aside keys (built separately).
int BuildPieces(const KeyView& k, Sink* out) {
  switch (k.kind()) {
    case KeyKind::kCourseLocator:
      if (k.deprecated()) {
        if (!k.run()) return 0;  // run None: str() raises TypeError in the reference
        Append(out, *k.org());
        out->push_back('/');
        Append(out, *k.course());
        out->push_back('/');
        Append(out, *k.run());
        break;
      }
      Append(out, "course-v1:");
      AppendCoursePart(k, out);
      break;
    case KeyKind::kLibraryLocator:
      Append(out, "library-v1:");
      AppendLibraryPart(k, out);
      break;
    case KeyKind::kBlockUsageLocator:
    case KeyKind::kAssetLocator: {
      bool asset = k.kind() == KeyKind::kAssetLocator;
      if (k.deprecated()) {
        AppendDeprecatedUsage(k, asset ? "/c4x/" : "i4x://", out);
        break;
      }
      Append(out, asset ? "asset-v1:" : "block-v1:");
      AppendCoursePart(k, out);
      Append(out, "+type@");
      Append(out, k.block_type().value_or("None"));
      Append(out, "+block@");
      Append(out, *k.block_id());
      break;
    }
    case KeyKind::kLibraryUsageLocator:
      Append(out, "lib-block-v1:");
      AppendLibraryPart(k, out);
      Append(out, "+type@");
      Append(out, *k.block_type());
      Append(out, "+block@");
      Append(out, *k.block_id());
      break;
    case KeyKind::kLibraryLocatorV2:
      AppendJoined(out, "lib", {k.org(), k.course()}, ':');
      break;
    case KeyKind::kLibraryUsageLocatorV2:
      AppendJoined(out, "lb", {k.org(), k.course(), k.block_type(), k.block_id()}, ':');
      break;
    case KeyKind::kLibraryContainerLocator:
      AppendJoined(out, "lct", {k.org(), k.course(), k.block_type(), k.block_id()}, ':');
      break;
    case KeyKind::kLibraryCollectionLocator:
      AppendJoined(out, "lib-collection", {k.org(), k.course(), k.block_id()}, ':');
      break;
    case KeyKind::kDeprecatedLocation:
      AppendJoined(out, "location", {k.org(), k.course(), k.run(), k.block_type(), k.block_id()},
                   '+');
      break;
    case KeyKind::kDefinitionLocator:
      Append(out, "def-v1:");
      Append(out, *k.block_id());
      Append(out, "+type@");
      Append(out, *k.block_type());
      break;
    case KeyKind::kBundleDefinitionLocator:
      AppendJoined(out, "bundle-olx",
                   {k.slot(KeyView::kOrg), k.slot(KeyView::kBranch), k.block_type(), k.block_id()},
                   ':');
      break;
    case KeyKind::kBlockTypeKeyV1:
      if (k.deprecated()) {
        Append(out, *k.block_type());
      } else {
        AppendJoined(out, "block-type-v1", {k.block_family(), k.block_type()}, ':');
      }
      break;
    case KeyKind::kAsideUsageKeyV1:
    case KeyKind::kAsideUsageKeyV2:
    case KeyKind::kAsideDefinitionKeyV1:
    case KeyKind::kAsideDefinitionKeyV2:
      return -1;
  }
  return 1;
}

}  // namespace

bool KeyView::AppendCanonical(std::string* result) const {
  Sink sink;
  int built = BuildPieces(*this, &sink);
  if (built == 1) {
    sink.FlushTo(result);
    return true;
  }
  if (built == 0) return false;
  {
    std::string inner;
    if (!aside_->inner.AppendCanonical(&inner)) return false;
    std::string* out = result;
    bool v1 = kind_ == KeyKind::kAsideUsageKeyV1 || kind_ == KeyKind::kAsideDefinitionKeyV1;
    out->append(CanonicalNamespace(kind_));
    out->push_back(':');
    (v1 ? internal::AppendEncodedV1 : internal::AppendEncodedV2)(inner, out);
    out->append("::");
    (v1 ? internal::AppendEncodedV1 : internal::AppendEncodedV2)(aside_->aside_type, out);
    return true;
  }
}

std::string_view KeyView::CanonicalSlow(std::string_view text, std::string* scratch) const {
  Sink sink;
  int built = BuildPieces(*this, &sink);
  if (built == 1 && sink.Equals(text)) return text;
  scratch->clear();
  if (built == 1) {
    sink.FlushTo(scratch);
  } else if (!AppendCanonical(scratch)) {
    scratch->clear();
  }
  return *scratch;
}

std::string KeyView::ToString() const {
  std::string s;
  if (!AppendCanonical(&s)) s.clear();
  return s;
}

}  // namespace blockrt::keys
