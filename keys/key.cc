#include "keys/key.h"

#include <cstring>
#include <initializer_list>

#include "keys/internal/append_pieces.h"
#include "keys/internal/aside_parts.h"
#include "keys/internal/char_class.h"

namespace blockrt::keys {

namespace {

bool AllAsciiDigits(std::string_view v) {
  for (char c : v) {
    if (c < '0' || c > '9') return false;
  }
  return !v.empty();
}

}  // namespace

std::optional<uint64_t> KeyView::bundle_version() const {
  if (kind_ != KeyKind::kBundleDefinitionLocator) return std::nullopt;
  std::string_view v = *slot(kBranch);
  if (!AllAsciiDigits(v)) return std::nullopt;
  uint64_t n = 0;
  for (char c : v) {
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (n > (UINT64_MAX - d) / 10) return std::nullopt;  // valid in Python, too big here
    n = n * 10 + d;
  }
  return n;
}

Field KeyView::draft_name() const {
  if (kind_ != KeyKind::kBundleDefinitionLocator || AllAsciiDigits(*slot(kBranch))) {
    return std::nullopt;
  }
  return slot(kBranch);
}

const KeyView* KeyView::aside_inner() const { return aside_ ? &aside_->inner : nullptr; }

Field KeyView::aside_type() const {
  if (!aside_) return std::nullopt;
  return std::string_view(aside_->aside_type);
}

Result<KeyView> KeyView::context_key() const {
  if (aside_) return aside_->inner.context_key();
  KeyKind kind;
  switch (kind_) {
    case KeyKind::kBlockUsageLocator:
    case KeyKind::kAssetLocator:
    case KeyKind::kDeprecatedLocation:
      kind = KeyKind::kCourseLocator;
      break;
    case KeyKind::kLibraryUsageLocator:
      kind = KeyKind::kLibraryLocator;
      break;
    case KeyKind::kLibraryUsageLocatorV2:
    case KeyKind::kLibraryContainerLocator:
    case KeyKind::kLibraryCollectionLocator:
      kind = KeyKind::kLibraryLocatorV2;
      break;
    case KeyKind::kCourseLocator:
    case KeyKind::kLibraryLocator:
    case KeyKind::kLibraryLocatorV2:
      return *this;
    default:
      return Status::InvalidArgument(std::string(kind_name()) + " has no learning context");
  }
  // The context slots are the usage's own: copy the view whole and drop the
  // block slots (slot-by-slot copying stalled on store forwarding; fields are
  // read only through present_).
  KeyView ctx = *this;
  ctx.clear_slot(kType);
  ctx.clear_slot(kId);
  ctx.set_kind(kind);
  ctx.set_canonical_is_text(false);
  ctx.set_deprecated(deprecated_ && kind_ != KeyKind::kDeprecatedLocation);
  return ctx;
}

bool KeyView::operator==(const KeyView& o) const {
  if (CanonicalNamespace(kind_) != CanonicalNamespace(o.kind_) || deprecated_ != o.deprecated_ ||
      present_ != o.present_) {
    return false;
  }
  for (int s = 0; s < kNumSlots; ++s) {
    if ((present_ & (1u << s)) && slot(static_cast<Slot>(s)) != o.slot(static_cast<Slot>(s))) {
      return false;
    }
  }
  if (aside_ || o.aside_) {
    if (!aside_ || !o.aside_) return false;
    return aside_->inner == o.aside_->inner && aside_->aside_type == o.aside_->aside_type;
  }
  return true;
}

size_t KeyView::Hash() const {
  // FNV-1a over the same values operator== compares.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  };
  mix(CanonicalNamespace(kind_));
  h ^= (static_cast<uint64_t>(present_) << 1) | (deprecated_ ? 1 : 0);
  for (int s = 0; s < kNumSlots; ++s) {
    if (Field f = slot(static_cast<Slot>(s))) mix(*f);
  }
  if (aside_) {
    h ^= aside_->inner.Hash();
    mix(aside_->aside_type);
  }
  return static_cast<size_t>(h);
}

void KeyView::Rebase(const char* from, size_t n, const char* to) {
  for (int s = 0; s < kNumSlots; ++s) {
    if ((present_ & (1u << s)) && ptr_[s] >= from && ptr_[s] <= from + n) {
      ptr_[s] = to + (ptr_[s] - from);
    }
  }
}

// ---- Key

Key::Key(const Key& other) : text_(other.text_), view_(other.view_) {
  view_.Rebase(other.text_.data(), other.text_.size(), text_.data());
}

Key& Key::operator=(const Key& other) {
  if (this != &other) {
    text_ = other.text_;
    view_ = other.view_;
    view_.Rebase(other.text_.data(), other.text_.size(), text_.data());
  }
  return *this;
}

// A moved std::string may keep its bytes inline (SSO), so views are re-pointed.
Key::Key(Key&& other) noexcept {
  const char* old = other.text_.data();
  text_ = std::move(other.text_);
  view_ = std::move(other.view_);
  if (old != text_.data()) view_.Rebase(old, text_.size(), text_.data());
}

Key& Key::operator=(Key&& other) noexcept {
  if (this != &other) {
    const char* old = other.text_.data();
    text_ = std::move(other.text_);
    view_ = std::move(other.view_);
    if (old != text_.data()) view_.Rebase(old, text_.size(), text_.data());
  }
  return *this;
}

Result<Key> Key::Parse(std::string_view text, KeyBase base) {
  BLOCKRT_ASSIGN_OR_RETURN(KeyView view, ParseKeyView(text, base));
  return FromView(text, view);
}

Key Key::FromView(std::string_view source, const KeyView& view) {
  Key k;
  k.text_.assign(source.data(), source.size());
  k.view_ = view;
  k.view_.Rebase(source.data(), source.size(), k.text_.data());
  return k;
}

// ---- Derived keys, built as text and parsed back so every rule is re-checked.

namespace {

// The text of context.make_usage_key(block_type, block_id), unchecked; false
// when `context` is not a learning context.
bool AppendUsageKeyText(const KeyView& context, std::string_view block_type,
                        std::string_view block_id, std::string* out) {
  // v1 contexts: their canonical text with the namespace swapped, written
  // with one resize (piece-by-piece appends cost more than the parsing).
  auto v1 = [&](std::string_view usage_ns, size_t context_ns_size) {
    thread_local std::string canonical;
    canonical.clear();
    context.AppendCanonical(&canonical);
    std::string_view rest = std::string_view(canonical).substr(context_ns_size);
    const std::string_view parts[] = {usage_ns, rest, "+type@", block_type, "+block@", block_id};
    internal::AppendPieces(out, parts);
  };
  auto join = [&](std::initializer_list<std::string_view> parts, char sep) {
    bool first = true;
    for (std::string_view p : parts) {
      if (!first) out->push_back(sep);
      first = false;
      out->append(p);
    }
  };
  switch (context.kind()) {
    case KeyKind::kCourseLocator:
      if (context.deprecated()) {
        out->append("i4x://");
        join({*context.org(), *context.course(), block_type, block_id}, '/');
        return true;
      }
      v1("block-v1:", 10);  // "course-v1:"
      return true;
    case KeyKind::kLibraryLocator:
      v1("lib-block-v1:", 11);  // "library-v1:"
      return true;
    case KeyKind::kLibraryLocatorV2:
      join({"lb", *context.org(), *context.course(), block_type, block_id}, ':');
      return true;
    default:
      return false;
  }
}

Status NotAContext(const KeyView& context) {
  return Status::InvalidArgument(std::string(context.kind_name()) + " is not a learning context");
}

}  // namespace

Result<Key> MakeUsageKey(const KeyView& context, std::string_view block_type,
                         std::string_view block_id) {
  std::string text;
  if (!AppendUsageKeyText(context, block_type, block_id, &text)) return NotAContext(context);
  return Key::Parse(text, KeyBase::kUsageKey);
}

Status AppendUsageKey(const KeyView& context, std::string_view block_type,
                      std::string_view block_id, std::string* out) {
  const size_t at = out->size();
  if (!AppendUsageKeyText(context, block_type, block_id, out)) return NotAContext(context);
  // Every usage grammar admits [a-zA-Z0-9_.-]+ as both type and id, so with a
  // parsed context such parts need no second parse (derived ids are hex).
  auto plain = [](std::string_view v) {
    return !v.empty() && internal::AllAsciiIn(v, internal::kAsciiField);
  };
  if (plain(block_type) && plain(block_id)) return Status::OK();
  std::string_view text(out->data() + at, out->size() - at);
  KeyView check;
  if (ParseKey(text, KeyBase::kUsageKey, &check, nullptr)) return Status::OK();
  Status st = ParseKeyView(text, KeyBase::kUsageKey).status();  // the precise message
  out->resize(at);
  return st;
}

Result<Key> ContextKeyOf(const KeyView& usage) {
  BLOCKRT_ASSIGN_OR_RETURN(KeyView ctx, usage.context_key());
  std::string text = ctx.ToString();
  if (text.empty()) return Status::InvalidArgument("the context of this key has no string form");
  return Key::Parse(text, KeyBase::kLearningContextKey);
}

namespace {

// Rebuilds a v1 course/library key or usage key with new branch/version parts.
Result<Key> WithBranchVersion(const KeyView& k, Field branch, Field version) {
  bool library = k.kind() == KeyKind::kLibraryLocator || k.kind() == KeyKind::kLibraryUsageLocator;
  bool usage = k.kind() == KeyKind::kBlockUsageLocator || k.kind() == KeyKind::kAssetLocator ||
               k.kind() == KeyKind::kLibraryUsageLocator;
  if (!usage && !IsContextKind(k.kind())) {
    return Status::InvalidArgument(std::string(k.kind_name()) + " has no branch or version");
  }
  if (k.kind() == KeyKind::kLibraryLocatorV2) {
    if (branch) return Status::InvalidArgument("lib: keys have no branches");
    return Key::Parse(k.ToString(), KeyBase::kLibraryLocatorV2);
  }
  if (k.deprecated()) return Status::InvalidArgument("deprecated keys have no branch@ form");
  std::string text(CanonicalNamespace(k.kind()));
  text += ':';
  bool first = true;
  auto part = [&](std::string_view prefix, std::string_view v) {
    if (!first) text += '+';
    first = false;
    text += prefix;
    text += v;
  };
  if (k.org()) {
    part("", *k.org());
    part("", *k.course());
    if (k.run() && !library) part("", *k.run());
  }
  if (branch) part("branch@", *branch);
  if (version) part("version@", *version);
  if (usage) {
    part("type@", k.block_type().value_or("None"));
    part("block@", *k.block_id());
  }
  return Key::Parse(text, usage ? KeyBase::kAuto : KeyBase::kLearningContextKey);
}

}  // namespace

Result<Key> ForBranch(const KeyView& k, Field branch) {
  if (!k.org() && k.kind() != KeyKind::kLibraryLocatorV2) {
    return Status::InvalidArgument("for_branch needs a key with an org");
  }
  return WithBranchVersion(k, branch, std::nullopt);
}

Result<Key> ForVersion(const KeyView& k, Field version_guid) {
  return WithBranchVersion(k, k.branch(), version_guid);
}

}  // namespace blockrt::keys
