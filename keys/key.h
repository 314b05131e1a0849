// Open edX opaque keys (edx-opaque-keys 4.0.0 semantics) without regexes.
//
// KeyView is a parsed key whose fields are views into the parsed string: parsing
// a valid non-aside key allocates nothing, so the string must outlive the view.
// Key owns its text and is safe to store. Both are immutable values. Thread-safe
// for concurrent reads.
#ifndef BLOCKRT_KEYS_KEY_H_
#define BLOCKRT_KEYS_KEY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "keys/key_kind.h"

namespace blockrt::keys {

// An optional field: opaque-keys distinguishes None from "" (e.g. run of "o/c/").
using Field = std::optional<std::string_view>;

class KeyView {
 public:
  KeyView() = default;

  KeyKind kind() const { return kind_; }
  // The reference's class name, e.g. "BlockUsageLocator".
  std::string_view kind_name() const { return KindName(kind_); }
  // CANONICAL_NAMESPACE of the class ("course-v1" for slashes: and org/c/r too).
  std::string_view canonical_namespace() const { return CanonicalNamespace(kind_); }
  bool deprecated() const { return deprecated_; }

  // ---- Context fields. For usage/asset keys these are the course/library part.
  Field org() const { return slot(kOrg); }
  // course-v1 COURSE, library-v1 LIBRARY, lib SLUG (also for lb/lct/lib-collection).
  Field course() const { return slot(kCourse); }
  Field run() const { return slot(kRun); }
  Field branch() const { return slot(kBranch); }
  Field version_guid() const { return slot(kVersion); }

  // ---- Block fields: usage/asset/definition/container keys.
  // block-v1 type (None serializes as "None"), lb BLOCK_TYPE, lct CONTAINER_TYPE,
  // def-v1 and bundle-olx BLOCK_TYPE, block-type-v1 TYPE.
  Field block_type() const { return slot(kType); }
  // block-v1 block@, asset-v1 path, lb USAGE_ID, lct CONTAINER_ID,
  // lib-collection COLLECTION_ID, def-v1 definition id, bundle-olx OLX_PATH.
  Field block_id() const { return slot(kId); }

  // bundle-olx only.
  Field bundle_uuid() const { return slot(kOrg); }
  Field olx_path() const { return slot(kId); }
  // The published version number; nullopt for a draft, or for a version too
  // large for 64 bits (draft_name() is then nullopt too).
  std::optional<uint64_t> bundle_version() const;
  Field draft_name() const;
  // block-type-v1 only: "xblock.v1" for both xblock.v1 and xmodule.v1.
  Field block_family() const { return slot(kOrg); }

  // ---- Aside keys: the wrapped usage/definition key and aside type.
  const KeyView* aside_inner() const;
  Field aside_type() const;

  bool is_usage_key() const { return IsUsageKind(kind_); }
  bool is_context_key() const { return IsContextKind(kind_); }

  // Canonical str() as the reference prints it. Returns false (and leaves *out
  // untouched past its old size) when the reference itself cannot print it
  // (i4x course keys with run None raise TypeError there).
  bool AppendCanonical(std::string* out) const;
  std::string ToString() const;  // canonical, or "" when AppendCanonical fails
  // The canonical string, without copying when it equals `text` (the string
  // this view was parsed from); otherwise written to *scratch. Empty when the
  // reference cannot print the key.
  std::string_view Canonical(std::string_view text, std::string* scratch) const {
    return canonical_is_text_ ? text : CanonicalSlow(text, scratch);
  }

  // The learning context of a usage/asset/container/collection key (a view into
  // the same text). Fails for other kinds.
  Result<KeyView> context_key() const;

  // Equality and hash as the reference's _key tuple: field values, canonical
  // namespace and deprecated flag; the class itself is not compared.
  bool operator==(const KeyView& other) const;
  bool operator!=(const KeyView& other) const { return !(*this == other); }
  size_t Hash() const;

  // ---- Internal layout (shared with the parser; not for callers).
  enum Slot : uint8_t { kOrg, kCourse, kRun, kBranch, kVersion, kType, kId, kNumSlots };
  struct AsideParts;
  Field slot(Slot s) const {
    if (!(present_ & (1u << s))) return std::nullopt;
    return std::string_view(ptr_[s], len_[s]);
  }
  void set_slot(Slot s, std::string_view v) {
    present_ |= static_cast<uint8_t>(1u << s);
    ptr_[s] = v.data();
    len_[s] = static_cast<uint32_t>(v.size());
  }
  void clear_slot(Slot s) { present_ &= static_cast<uint8_t>(~(1u << s)); }
  // Back to an empty CourseLocator-kind view; cheaper than assigning KeyView().
  void Reset() {
    present_ = 0;
    canonical_is_text_ = false;
    kind_ = KeyKind::kCourseLocator;
    deprecated_ = false;
    if (aside_) aside_.reset();
  }
  void set_kind(KeyKind k) { kind_ = k; }
  void set_deprecated(bool d) { deprecated_ = d; }
  // Set by the parser when it proved str(key) == the parsed text; the fields
  // then lie in that text in canonical order, separators between them.
  void set_canonical_is_text(bool v) { canonical_is_text_ = v; }
  bool canonical_is_text() const { return canonical_is_text_; }
  void set_aside(std::shared_ptr<const AsideParts> a) { aside_ = std::move(a); }
  // Re-points every field that lies in [from, from+n) to the same offset in `to`.
  void Rebase(const char* from, size_t n, const char* to);

 private:
  std::string_view CanonicalSlow(std::string_view text, std::string* scratch) const;
  const char* ptr_[kNumSlots] = {};
  uint32_t len_[kNumSlots] = {};
  uint8_t present_ = 0;
  KeyKind kind_ = KeyKind::kCourseLocator;
  bool deprecated_ = false;
  bool canonical_is_text_ = false;
  std::shared_ptr<const AsideParts> aside_;  // only for aside kinds
};

// Which from_string is called: a key type (base class) or a concrete class.
// kAuto picks the base from the namespace, else tries the deprecated forms.
enum class KeyBase : uint8_t {
  kAuto,
  kLearningContextKey,
  kCourseKey,
  kUsageKey,
  kUsageKeyV2,
  kAsideUsageKey,
  kAssetKey,
  kDefinitionKey,
  kAsideDefinitionKey,
  kContainerKey,
  kCollectionKey,
  kBlockTypeKey,
  kCourseLocator,
  kLibraryLocator,
  kLibraryLocatorV2,
  kBlockUsageLocator,
  kLibraryUsageLocatorV2,
  kLibraryContainerLocator,
  kLibraryCollectionLocator,
};
// The abstract key type whose from_string accepts `kind`'s namespace
// (LearningContextKey for course-v1/library-v1/lib, UsageKey for block-v1...).
KeyBase KeyTypeOf(KeyKind kind);
// Parses a base name as the reference spells it ("UsageKey", "auto"...).
std::optional<KeyBase> KeyBaseFromName(std::string_view name);
std::string_view KeyBaseName(KeyBase base);

// Why a key was rejected: the position of the first offending byte (or the
// input size when something is missing) and what was expected there.
struct KeyError {
  size_t position = 0;
  std::string_view expected;  // static text, e.g. "'+' or end after course"
};

// Parses `text` like `BASE.from_string(text)`. On failure returns false and
// fills *error; pass error == nullptr when only validity matters (faster for
// invalid keys). Allocation-free for valid non-aside keys.
bool ParseKey(std::string_view text, KeyBase base, KeyView* out, KeyError* error);

// ParseKey for a key inside a larger buffer (a line of a file read in blocks):
// kKeyParsePadding bytes after `text` must be readable, whatever they hold.
// Same results as ParseKey; the fast path then needs no tail handling.
inline constexpr size_t kKeyParsePadding = 64;
bool ParseKeyInBuffer(std::string_view text, KeyBase base, KeyView* out, KeyError* error);

// Convenience wrapper: InvalidArgument("invalid key 'X' at position N: expected ...").
Result<KeyView> ParseKeyView(std::string_view text, KeyBase base = KeyBase::kAuto);

// An owning key: the text plus a view into it.
class Key {
 public:
  Key() = default;
  Key(const Key& other);
  Key& operator=(const Key& other);
  Key(Key&&) noexcept;
  Key& operator=(Key&&) noexcept;

  static Result<Key> Parse(std::string_view text, KeyBase base = KeyBase::kAuto);
  // Copies the text `view` was parsed from (`source`) so the result owns it.
  static Key FromView(std::string_view source, const KeyView& view);

  const KeyView& view() const { return view_; }
  const KeyView* operator->() const { return &view_; }
  // The exact text parsed (not necessarily canonical).
  const std::string& text() const { return text_; }
  std::string ToString() const { return view_.ToString(); }
  bool operator==(const Key& o) const { return view_ == o.view_; }
  bool operator!=(const Key& o) const { return !(view_ == o.view_); }

 private:
  std::string text_;
  KeyView view_;
};

// context.make_usage_key(block_type, block_id): block-v1 for courses, lib-block-v1
// for v1 libraries, lb for v2 libraries. Validates the parts.
Result<Key> MakeUsageKey(const KeyView& context, std::string_view block_type,
                         std::string_view block_id);
// MakeUsageKey's text (checked the same way) appended to *out, no Key built:
// for batches. On error *out is left as it was.
Status AppendUsageKey(const KeyView& context, std::string_view block_type,
                      std::string_view block_id, std::string* out);
// usage.context_key() as an owning key.
Result<Key> ContextKeyOf(const KeyView& usage);
// course/library.for_branch(branch) (nullopt clears it; clears the version too).
Result<Key> ForBranch(const KeyView& context_or_usage, Field branch);
// course/library.for_version(version_guid) (nullopt clears it).
Result<Key> ForVersion(const KeyView& context_or_usage, Field version_guid);

struct KeyHash {
  size_t operator()(const KeyView& k) const { return k.Hash(); }
  size_t operator()(const Key& k) const { return k.view().Hash(); }
};

}  // namespace blockrt::keys

#endif  // BLOCKRT_KEYS_KEY_H_
