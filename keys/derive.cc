#include "keys/derive.h"

#include <cstddef>
#include <cstring>

#include "base/sha1.h"
#include "keys/internal/append_pieces.h"
#include "keys/internal/char_class.h"
#include "keys/internal/py_repr.h"

namespace blockrt::keys {
namespace {

constexpr size_t kDerivedIdDigits = 20;  // hexdigest()[:20]

// [a-zA-Z0-9_.-]*, the v2 org rule: valid in every v1 id field, and printable
// ASCII without quotes or backslashes, so the bytes repr leaves it as it is.
bool IsPlain(std::string_view v) { return internal::AllAsciiIn(v, internal::kAsciiField); }

std::string Quoted(const KeyView& k) {
  std::string text = k.ToString();
  return "'" + (text.empty() ? std::string(k.kind_name()) : text) + "'";
}

// Usage keys that name a block of their own: not asides (they annotate one),
// not other kinds. `role` is "source" or "parent" for the message.
Status CheckBlockUsage(const KeyView& k, const char* role) {
  if (k.kind() == KeyKind::kAsideUsageKeyV1 || k.kind() == KeyKind::kAsideUsageKeyV2) {
    return Status::InvalidArgument(std::string(role) + " " + Quoted(k) +
                                   " is an aside usage key: asides are not copied blocks");
  }
  if (!k.is_usage_key()) {
    return Status::InvalidArgument(std::string(role) + " " + Quoted(k) + " is a " +
                                   std::string(k.kind_name()) + ", not a usage key");
  }
  if (!k.block_id()) {
    return Status::InvalidArgument(std::string(role) + " " + Quoted(k) + " has no block id");
  }
  return Status::OK();
}

// str(source.context_key.for_version(None)), with tasks.py's v2 -> v1 mapping.
Status AppendSourceContext(const KeyView& source, std::string* out) {
  BLOCKRT_ASSIGN_OR_RETURN(KeyView ctx, source.context_key());
  if (source.kind() == KeyKind::kLibraryUsageLocatorV2) {
    // LibraryLocatorV1(org=..., library=slug, branch='library'): constructing
    // it re-checks org and slug under the v1 rules (a trailing '\n' that the
    // v2 regexes' `$` lets through fails there, as InvalidKeyError does).
    size_t at = out->size();
    out->append("library-v1:");
    out->append(*ctx.org());
    out->push_back('+');
    out->append(*ctx.course());
    out->append("+branch@library");
    if (IsPlain(*ctx.org()) && IsPlain(*ctx.course())) return Status::OK();
    KeyView v1;
    KeyError err;
    std::string_view text(out->data() + at, out->size() - at);
    if (!ParseKey(text, KeyBase::kLibraryLocator, &v1, nullptr)) {
      ParseKey(text, KeyBase::kLibraryLocator, &v1, &err);  // where, for the message
      return Status::InvalidArgument("source " + Quoted(source) + " maps to the v1 library key '" +
                                     std::string(text) + "', invalid at position " +
                                     std::to_string(err.position) + ": expected " +
                                     std::string(err.expected));
    }
    return Status::OK();
  }
  if (source.kind() != KeyKind::kLibraryUsageLocator &&
      source.kind() != KeyKind::kBlockUsageLocator) {
    return Status::InvalidArgument("source " + Quoted(source) + " is a " +
                                   std::string(source.kind_name()) +
                                   ": only lb:, lib-block-v1: and block-v1: keys are derived");
  }
  if (source.deprecated()) {
    return Status::InvalidArgument("source " + Quoted(source) +
                                   " is a deprecated key: it has no for_version form to hash");
  }
  if (!ctx.org()) {
    // for_version(None) of a version-only locator leaves neither org nor version.
    return Status::InvalidArgument("source " + Quoted(source) +
                                   " names its context by version@ only: without the version "
                                   "there is no context left to hash");
  }
  // for_version(None): the same context without its version@ part.
  ctx.clear_slot(KeyView::kVersion);
  ctx.AppendCanonical(out);
  return Status::OK();
}

Result<KeyView> ParseRole(std::string_view text, const char* role) {
  Result<KeyView> k = ParseKeyView(text, KeyBase::kAuto);
  if (!k.ok()) return Status::InvalidArgument(std::string(role) + ": " + k.status().message());
  return k;
}

// ---- The common shapes, without re-printing any context. When the parser
// proved a v1 usage key's text canonical, its context part
// (org+course[+run][+branch@B][+version@V]) is one contiguous span of it; an
// lb: key's ORG:SLUG is one span too.

// Where that v1 span begins (the org, printed right after the namespace), or
// null when the key is not such a key. Course keys print org only with a course
// and a run; a version-only key has no org and takes the general path.
const char* CanonicalV1ContextStart(const KeyView& k) {
  if (!k.canonical_is_text() || k.deprecated() || !k.block_type() || !k.block_id()) return nullptr;
  Field org = k.org(), course = k.course();
  if (!org || !course) return nullptr;
  if (k.kind() == KeyKind::kBlockUsageLocator) {
    Field run = k.run();
    if (course->empty() || !run || run->empty()) return nullptr;
  } else if (k.kind() != KeyKind::kLibraryUsageLocator) {
    return nullptr;
  }
  return org->data();
}

template <size_t N>
char* PutLiteral(char* w, const char (&text)[N]) {
  std::memcpy(w, text, N - 1);  // a constant size: inlined, no call
  return w + N - 1;
}
char* Put(char* w, std::string_view v) {
  internal::CopyShort(w, v.data(), v.size());
  return w + v.size();
}

constexpr size_t kCommonUniqueMax = 512;

// The unique data of the common sources, written to buf[0..kCommonUniqueMax):
// lb: keys whose org and slug are [a-zA-Z0-9_.-] (the v1 mapping needs no
// check then, nor the repr any escape), canonical lib-block-v1:/block-v1: keys
// whose context needs no escaping. Returns its length, or 0 when `source`
// takes the general path (which also words every refusal).
size_t WriteCommonUniqueData(const KeyView& source, std::string_view parent_id, char* buf) {
  Field id = source.block_id();
  if (!id) return 0;
  char* w = buf;
  if (source.kind() == KeyKind::kLibraryUsageLocatorV2) {
    Field org = source.org(), slug = source.course();
    // ORG:SLUG as written in the key, its ':' then turned into '+'.
    if (!org || !slug || slug->data() != org->data() + org->size() + 1) return 0;
    std::string_view org_slug(org->data(), org->size() + 1 + slug->size());
    if (!IsPlain(*org) || !IsPlain(*slug) ||
        org_slug.size() + id->size() + parent_id.size() > kCommonUniqueMax - 32) {
      return 0;
    }
    // b'library-v1:ORG+SLUG+branch@library':ID:PARENT_ID
    w = PutLiteral(w, "b'library-v1:");
    w = Put(w, org_slug);
    w[-1 - static_cast<ptrdiff_t>(slug->size())] = '+';
    w = PutLiteral(w, "+branch@library':");
  } else {
    const char* start = CanonicalV1ContextStart(source);
    if (!start) return 0;
    // for_version(None): the span up to the branch, or the last untagged part.
    Field last = source.branch()                                ? source.branch()
                 : source.kind() == KeyKind::kBlockUsageLocator ? source.run()
                                                                : source.course();
    std::string_view context(start, last->data() + last->size() - start);
    if (!internal::IsPlainBytesRepr(context) ||
        context.size() + id->size() + parent_id.size() > kCommonUniqueMax - 32) {
      return 0;
    }
    w = source.kind() == KeyKind::kBlockUsageLocator ? PutLiteral(w, "b'course-v1:")
                                                     : PutLiteral(w, "b'library-v1:");
    w = Put(w, context);
    w = PutLiteral(w, "':");
  }
  w = Put(w, *id);
  *w++ = ':';
  w = Put(w, parent_id);
  return static_cast<size_t>(w - buf);
}

// Appends the unique data to *out; *scratch holds the context meanwhile.
Status AppendUniqueData(const KeyView& source_usage, std::string_view dest_parent_block_id,
                        std::string* out, std::string* scratch) {
  Status st = CheckBlockUsage(source_usage, "source");
  if (!st.ok()) return st;
  char buf[kCommonUniqueMax];
  if (size_t n = WriteCommonUniqueData(source_usage, dest_parent_block_id, buf)) {
    out->append(buf, n);
    return Status::OK();
  }
  scratch->clear();
  st = AppendSourceContext(source_usage, scratch);
  if (!st.ok()) return st;
  // "{}:{}:{}".format(str(ctx.encode("utf-8")), block_id, parent_id): only the
  // context goes through the bytes repr; the ids are inserted raw.
  internal::AppendPythonBytesRepr(out, *scratch);
  std::string_view parts[] = {":", *source_usage.block_id(), ":", dest_parent_block_id};
  internal::AppendPieces(out, parts);
  return Status::OK();
}

// The derived id of source_usage under dest_parent_usage, in id[0..20).
Status DeriveIdOf(const KeyView& source_usage, const KeyView& dest_parent_usage,
                  char id[kDerivedIdDigits]) {
  Status st = CheckBlockUsage(dest_parent_usage, "parent");
  if (!st.ok()) return st;
  // Reused per thread: a batch derives without allocating.
  thread_local std::string unique, context;
  unique.clear();
  st = AppendUniqueData(source_usage, *dest_parent_usage.block_id(), &unique, &context);
  if (!st.ok()) return st;
  WriteSha1Hex(unique, id, kDerivedIdDigits);
  return Status::OK();
}

// AppendDerivedUsageKey for common sources under canonical v1 parents with a
// plain block type: the parent's text up to its "+type@" is the derived key's
// prefix. False, *out untouched, for every other input, which the general path
// then derives or refuses.
bool AppendDerivedFast(const KeyView& source, const KeyView& parent, std::string* out) {
  const char* parent_start = CanonicalV1ContextStart(parent);
  if (!parent_start) return false;
  Field type = source.block_type();
  if (!type || type->empty() || !internal::AllAsciiIn(*type, internal::kAsciiField)) return false;
  char unique[kCommonUniqueMax];
  size_t n = WriteCommonUniqueData(source, *parent.block_id(), unique);
  if (n == 0) return false;
  const bool course = parent.kind() == KeyKind::kBlockUsageLocator;
  const std::string_view prefix(parent_start, parent.block_type()->data() - parent_start);
  const size_t at = out->size();
  out->resize(at + (course ? 9 : 13) + prefix.size() + type->size() + 7 + kDerivedIdDigits);
  char* w = &(*out)[at];
  w = course ? PutLiteral(w, "block-v1:") : PutLiteral(w, "lib-block-v1:");
  w = Put(w, prefix);
  w = Put(w, *type);
  w = PutLiteral(w, "+block@");
  WriteSha1Hex(std::string_view(unique, n), w, kDerivedIdDigits);
  return true;
}

}  // namespace

Result<std::string> DeriveUniqueData(const KeyView& source_usage,
                                     std::string_view dest_parent_block_id) {
  std::string unique, context;
  Status st = AppendUniqueData(source_usage, dest_parent_block_id, &unique, &context);
  if (!st.ok()) return st;
  return unique;
}

Result<std::string> DeriveBlockId(const KeyView& source_usage,
                                  std::string_view dest_parent_block_id) {
  BLOCKRT_ASSIGN_OR_RETURN(std::string unique,
                           DeriveUniqueData(source_usage, dest_parent_block_id));
  std::string id;
  AppendSha1Hex(&id, unique, kDerivedIdDigits);
  return id;
}

Result<Key> DeriveUsageKey(const KeyView& source_usage, const KeyView& dest_parent_usage) {
  char id[kDerivedIdDigits];
  Status st = DeriveIdOf(source_usage, dest_parent_usage, id);
  if (!st.ok()) return st;
  BLOCKRT_ASSIGN_OR_RETURN(KeyView dest_context, dest_parent_usage.context_key());
  return MakeUsageKey(dest_context, source_usage.block_type().value_or("None"),
                      std::string_view(id, kDerivedIdDigits));
}

Status AppendDerivedUsageKey(const KeyView& source_usage, const KeyView& dest_parent_usage,
                             std::string* out) {
  if (AppendDerivedFast(source_usage, dest_parent_usage, out)) return Status::OK();
  char id[kDerivedIdDigits];
  Status st = DeriveIdOf(source_usage, dest_parent_usage, id);
  if (!st.ok()) return st;
  BLOCKRT_ASSIGN_OR_RETURN(KeyView dest_context, dest_parent_usage.context_key());
  return AppendUsageKey(dest_context, source_usage.block_type().value_or("None"),
                        std::string_view(id, kDerivedIdDigits), out);
}

Result<Key> DeriveUsageKey(std::string_view source_usage, std::string_view dest_parent_usage) {
  BLOCKRT_ASSIGN_OR_RETURN(KeyView source, ParseRole(source_usage, "source"));
  BLOCKRT_ASSIGN_OR_RETURN(KeyView parent, ParseRole(dest_parent_usage, "parent"));
  return DeriveUsageKey(source, parent);
}

Result<Key> DeriveDescendantUsageKey(const std::vector<KeyView>& source_path,
                                     const KeyView& dest_parent_usage) {
  if (source_path.empty()) return Status::InvalidArgument("an empty source path derives nothing");
  BLOCKRT_ASSIGN_OR_RETURN(Key derived, DeriveUsageKey(source_path[0], dest_parent_usage));
  for (size_t i = 1; i < source_path.size(); ++i) {
    BLOCKRT_ASSIGN_OR_RETURN(derived, DeriveUsageKey(source_path[i], derived.view()));
  }
  return derived;
}

}  // namespace blockrt::keys
