// OpaqueKey.from_string: split at the first ':', look the namespace up in the
// calling class's table, parse, and on failure try the class's deprecated
// fallback with the whole string.
#include <cstring>
#include <string>

#include "keys/internal/char_class.h"
#include "keys/internal/fast_path.h"
#include "keys/internal/parsers.h"

namespace blockrt::keys {
namespace {

using internal::Fail;

struct Namespace {
  std::string_view name;
  KeyKind kind;
};

// Every namespace registered by opaque-keys 4.0.0 (setup.py entry points).
constexpr Namespace kNamespaces[] = {
    {"block-v1", KeyKind::kBlockUsageLocator},
    {"course-v1", KeyKind::kCourseLocator},
    {"asset-v1", KeyKind::kAssetLocator},
    {"lb", KeyKind::kLibraryUsageLocatorV2},
    {"lib", KeyKind::kLibraryLocatorV2},
    {"library-v1", KeyKind::kLibraryLocator},
    {"lib-block-v1", KeyKind::kLibraryUsageLocator},
    {"lct", KeyKind::kLibraryContainerLocator},
    {"lib-collection", KeyKind::kLibraryCollectionLocator},
    {"slashes", KeyKind::kCourseLocator},
    {"location", KeyKind::kDeprecatedLocation},
    {"def-v1", KeyKind::kDefinitionLocator},
    {"bundle-olx", KeyKind::kBundleDefinitionLocator},
    {"block-type-v1", KeyKind::kBlockTypeKeyV1},
    {"aside-usage-v1", KeyKind::kAsideUsageKeyV1},
    {"aside-usage-v2", KeyKind::kAsideUsageKeyV2},
    {"aside-def-v1", KeyKind::kAsideDefinitionKeyV1},
    {"aside-def-v2", KeyKind::kAsideDefinitionKeyV2},
};

constexpr uint32_t Bit(KeyKind k) { return 1u << static_cast<int>(k); }

enum class Fallback : uint8_t { kNone, kCourse, kI4x, kC4x, kBlockType };

struct BaseInfo {
  std::string_view name;
  uint32_t kinds;  // classes in the base's driver table (subclasses of it)
  Fallback fallback;
};

constexpr uint32_t kUsageKinds =
    Bit(KeyKind::kBlockUsageLocator) | Bit(KeyKind::kLibraryUsageLocator) |
    Bit(KeyKind::kLibraryUsageLocatorV2) | Bit(KeyKind::kDeprecatedLocation) |
    Bit(KeyKind::kAsideUsageKeyV1) | Bit(KeyKind::kAsideUsageKeyV2);
constexpr uint32_t kCourseKinds = Bit(KeyKind::kCourseLocator) | Bit(KeyKind::kLibraryLocator);
constexpr uint32_t kDefinitionKinds =
    Bit(KeyKind::kDefinitionLocator) | Bit(KeyKind::kBundleDefinitionLocator) |
    Bit(KeyKind::kAsideDefinitionKeyV1) | Bit(KeyKind::kAsideDefinitionKeyV2);

// Indexed by KeyBase.
constexpr BaseInfo kBases[] = {
    {"auto", 0, Fallback::kNone},
    {"LearningContextKey", kCourseKinds | Bit(KeyKind::kLibraryLocatorV2), Fallback::kCourse},
    {"CourseKey", kCourseKinds, Fallback::kCourse},
    {"UsageKey", kUsageKinds, Fallback::kI4x},
    {"UsageKeyV2", Bit(KeyKind::kLibraryUsageLocatorV2), Fallback::kNone},
    {"AsideUsageKey", Bit(KeyKind::kAsideUsageKeyV1) | Bit(KeyKind::kAsideUsageKeyV2),
     Fallback::kNone},
    {"AssetKey", Bit(KeyKind::kAssetLocator), Fallback::kC4x},
    {"DefinitionKey", kDefinitionKinds, Fallback::kNone},
    {"AsideDefinitionKey",
     Bit(KeyKind::kAsideDefinitionKeyV1) | Bit(KeyKind::kAsideDefinitionKeyV2), Fallback::kNone},
    {"ContainerKey", Bit(KeyKind::kLibraryContainerLocator), Fallback::kNone},
    {"CollectionKey", Bit(KeyKind::kLibraryCollectionLocator), Fallback::kNone},
    {"BlockTypeKey", Bit(KeyKind::kBlockTypeKeyV1), Fallback::kBlockType},
    {"CourseLocator", Bit(KeyKind::kCourseLocator), Fallback::kCourse},
    {"LibraryLocator", Bit(KeyKind::kLibraryLocator), Fallback::kNone},
    {"LibraryLocatorV2", Bit(KeyKind::kLibraryLocatorV2), Fallback::kNone},
    // LibraryUsageLocator and DeprecatedLocation subclass BlockUsageLocator.
    {"BlockUsageLocator",
     Bit(KeyKind::kBlockUsageLocator) | Bit(KeyKind::kLibraryUsageLocator) |
         Bit(KeyKind::kDeprecatedLocation),
     Fallback::kI4x},
    {"LibraryUsageLocatorV2", Bit(KeyKind::kLibraryUsageLocatorV2), Fallback::kNone},
    {"LibraryContainerLocator", Bit(KeyKind::kLibraryContainerLocator), Fallback::kNone},
    {"LibraryCollectionLocator", Bit(KeyKind::kLibraryCollectionLocator), Fallback::kNone},
};

}  // namespace

KeyBase KeyTypeOf(KeyKind kind) {
  switch (kind) {
    case KeyKind::kCourseLocator:
    case KeyKind::kLibraryLocator:
    case KeyKind::kLibraryLocatorV2:
      return KeyBase::kLearningContextKey;
    case KeyKind::kAssetLocator:
      return KeyBase::kAssetKey;
    case KeyKind::kDefinitionLocator:
    case KeyKind::kBundleDefinitionLocator:
    case KeyKind::kAsideDefinitionKeyV1:
    case KeyKind::kAsideDefinitionKeyV2:
      return KeyBase::kDefinitionKey;
    case KeyKind::kLibraryContainerLocator:
      return KeyBase::kContainerKey;
    case KeyKind::kLibraryCollectionLocator:
      return KeyBase::kCollectionKey;
    case KeyKind::kBlockTypeKeyV1:
      return KeyBase::kBlockTypeKey;
    default:
      return KeyBase::kUsageKey;
  }
}

namespace {

const Namespace* FindNamespace(std::string_view ns) {
  for (const Namespace& n : kNamespaces) {
    if (internal::ShortEquals(n.name, ns)) return &n;
  }
  return nullptr;
}

bool ParseNamespaced(std::string_view text, const Namespace& ns, KeyView* out, KeyError* err) {
  size_t off = ns.name.size() + 1;
  std::string_view rest = text.substr(off);
  switch (ns.kind) {
    case KeyKind::kCourseLocator:
    case KeyKind::kLibraryLocator:
    case KeyKind::kBlockUsageLocator:
    case KeyKind::kAssetLocator:
    case KeyKind::kLibraryUsageLocator:
      return internal::ParseLocator(rest, off, ns.kind, out, err);
    case KeyKind::kLibraryLocatorV2:
    case KeyKind::kLibraryUsageLocatorV2:
    case KeyKind::kLibraryContainerLocator:
    case KeyKind::kLibraryCollectionLocator:
      return internal::ParseLibV2(rest, off, ns.kind, out, err);
    case KeyKind::kDeprecatedLocation:
      return internal::ParseLocation(rest, off, out, err);
    case KeyKind::kDefinitionLocator:
      return internal::ParseDefV1(rest, off, out, err);
    case KeyKind::kBundleDefinitionLocator:
      return internal::ParseBundleOlx(rest, off, out, err);
    case KeyKind::kBlockTypeKeyV1:
      return internal::ParseBlockType(rest, off, out, err);
    default:
      return internal::ParseAside(rest, off, ns.kind, out, err);
  }
}

bool RunFallback(Fallback fb, std::string_view text, KeyView* out, KeyError* err) {
  out->Reset();
  switch (fb) {
    case Fallback::kCourse:
      return internal::ParseDeprecatedCourse(text, out, err);
    case Fallback::kI4x:
      return internal::ParseI4x(text, KeyKind::kBlockUsageLocator, out, err);
    case Fallback::kC4x:
      return internal::ParseI4x(text, KeyKind::kAssetLocator, out, err);
    case Fallback::kBlockType:
      internal::MakeDeprecatedBlockType(text, out);
      return true;
    case Fallback::kNone:
      break;
  }
  return false;
}

// kAuto with no known namespace: the three deprecated grammars are disjoint,
// so try the one the text looks like and report its error.
bool ParseUnnamespaced(std::string_view text, size_t colon, KeyView* out, KeyError* err) {
  if (text.substr(0, 6) == "i4x://") return RunFallback(Fallback::kI4x, text, out, err);
  if (text.substr(0, 5) == "/c4x/") return RunFallback(Fallback::kC4x, text, out, err);
  if (text.find('/') != std::string_view::npos) {
    return RunFallback(Fallback::kCourse, text, out, err);
  }
  if (colon == std::string_view::npos) return Fail(err, text.size(), "NAMESPACE:... (no ':')");
  return Fail(err, 0, "a known namespace (course-v1, block-v1, asset-v1, lib, lb, ...)");
}

}  // namespace

std::optional<KeyBase> KeyBaseFromName(std::string_view name) {
  for (size_t i = 0; i < sizeof(kBases) / sizeof(kBases[0]); ++i) {
    if (kBases[i].name == name) return static_cast<KeyBase>(i);
  }
  return std::nullopt;
}

std::string_view KeyBaseName(KeyBase base) { return kBases[static_cast<int>(base)].name; }

namespace {

inline bool ParseKeyImpl(std::string_view text, KeyBase base, bool padded, KeyView* out,
                         KeyError* error) {
  const uint32_t fast_kinds = base == KeyBase::kAuto ? ~0u : kBases[static_cast<int>(base)].kinds;
  switch (internal::FastParse(text, fast_kinds, padded, out)) {
    case internal::FastResult::kAccepted:
      return true;
    case internal::FastResult::kRejected:
      if (error == nullptr) return false;
      break;  // the general parser finds the position and expectation
    case internal::FastResult::kUnsure:
      break;
  }
  KeyError ignored;
  return internal::ParseKeyGeneral(text, base, out, error ? error : &ignored);
}

}  // namespace

bool ParseKey(std::string_view text, KeyBase base, KeyView* out, KeyError* error) {
  return ParseKeyImpl(text, base, false, out, error);
}

bool ParseKeyInBuffer(std::string_view text, KeyBase base, KeyView* out, KeyError* error) {
  return ParseKeyImpl(text, base, true, out, error);
}

namespace internal {

bool ParseKeyGeneral(std::string_view text, KeyBase base, KeyView* out, KeyError* error) {
  out->Reset();
  size_t colon = text.find(':');
  const Namespace* ns =
      colon == std::string_view::npos ? nullptr : FindNamespace(text.substr(0, colon));
  if (base == KeyBase::kAuto) {
    if (ns == nullptr) return ParseUnnamespaced(text, colon, out, error);
    base = KeyTypeOf(ns->kind);
  }
  const BaseInfo& info = kBases[static_cast<int>(base)];
  bool ok;
  if (ns == nullptr) {
    ok = Fail(error, colon == std::string_view::npos ? text.size() : 0,
              colon == std::string_view::npos ? "NAMESPACE:... (no ':')" : "a known namespace");
  } else if (!(info.kinds & Bit(ns->kind))) {
    ok = Fail(error, 0, "a namespace this key type accepts");
  } else {
    ok = ParseNamespaced(text, *ns, out, error);
  }
  if (ok || info.fallback == Fallback::kNone) return ok;
  KeyError fallback_error;
  KeyView fallback;
  if (RunFallback(info.fallback, text, &fallback, &fallback_error)) {
    *out = std::move(fallback);
    return true;
  }
  // A recognised namespace's own error says more than the deprecated form's.
  if (ns == nullptr) *error = fallback_error;
  return false;
}

}  // namespace internal

Result<KeyView> ParseKeyView(std::string_view text, KeyBase base) {
  KeyView view;
  KeyError err;
  if (ParseKey(text, base, &view, &err)) return view;
  std::string msg = "invalid ";
  msg += KeyBaseName(base) == "auto" ? "key" : KeyBaseName(base);
  msg += " '";
  msg += text;
  msg += "' at position " + std::to_string(err.position) + ": expected ";
  msg += err.expected;
  return Status::InvalidArgument(std::move(msg));
}

}  // namespace blockrt::keys
