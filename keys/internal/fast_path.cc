#include "keys/internal/fast_path.h"

#include <emmintrin.h>

#include <cstring>

#include "keys/internal/byte_masks.h"
#include "keys/internal/char_class.h"

namespace blockrt::keys::internal {
namespace {

constexpr size_t kMaxLen = kMaxClassifiedBytes;
static_assert(kKeyParsePadding >= kClassifyPadding, "ParseKeyInBuffer promises the classifier's padding");

using Mask128 = unsigned __int128;

inline __m128i Eq(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }

inline size_t Ctz(uint64_t m) { return static_cast<size_t>(__builtin_ctzll(m)); }
inline size_t Ctz(Mask128 m) {
  uint64_t lo = static_cast<uint64_t>(m);
  return lo ? Ctz(lo) : 64 + Ctz(static_cast<uint64_t>(m >> 64));
}
// Bits at and above `s`.
template <typename M>
inline M From(size_t s) {
  return s >= sizeof(M) * 8 ? M{0} : ~M{0} << s;
}

// Per-byte classes of the whole key as bit masks (bit i = byte i).
template <typename M>
struct Masks {
  M bad;  // bytes the grammar allows nowhere (see ByteMasks)
  M sep;  // '+' (locators) or ':' (Learning Core keys)
  M at;   // '@'
  M pct;  // '%'
};

template <typename M>
inline M Join(const uint64_t* words) {
  if constexpr (sizeof(M) == 8) {
    return words[0];
  } else {
    return static_cast<M>(words[0]) | (static_cast<M>(words[1]) << 64);
  }
}

template <typename M>
Masks<M> Narrow(const ByteMasks& b) {
  return {Join<M>(b.bad), Join<M>(b.sep), Join<M>(b.at), Join<M>(b.pct)};
}

constexpr uint32_t Bit(KeyKind k) { return 1u << static_cast<int>(k); }

bool IsHex24(const char* p) {
  for (int i = 0; i < 24; ++i) {
    if (!(kAsciiClass[static_cast<unsigned char>(p[i])] & kHexLower)) return false;
  }
  return true;
}

// The fast path's namespaces, each at slot NamespaceSlot(length, second byte):
// the namespace length alone is ambiguous (lib/lct, block-v1/asset-v1).
struct FastNamespace {
  alignas(16) char text[16];  // "block-v1:" and zeros
  uint8_t len;                // 0 for an empty slot
  KeyKind kind;
  bool v2;
  // The canonical shape of a v1 locator of this kind (see CanonicalShape):
  // 2 or 3 untagged parts, then type@ and block@ when `tagged`.
  uint8_t untagged;
  bool tagged;
};

constexpr size_t NamespaceSlot(size_t colon, char second) {
  return (colon & 15) * 4 + (static_cast<unsigned char>(second) & 3);
}

constexpr FastNamespace Entry(const char* name, KeyKind kind, bool v2, uint8_t untagged = 0,
                              bool tagged = false) {
  FastNamespace e{};
  size_t len = 0;
  while (name[len] != 0) {
    e.text[len] = name[len];
    ++len;
  }
  e.text[len] = ':';
  e.len = static_cast<uint8_t>(len);
  e.kind = kind;
  e.v2 = v2;
  e.untagged = untagged;
  e.tagged = tagged;
  return e;
}

struct FastNamespaceTable {
  FastNamespace slots[64];
};

constexpr FastNamespaceTable MakeFastNamespaces() {
  FastNamespaceTable t{};
  const FastNamespace entries[] = {
      Entry("lb", KeyKind::kLibraryUsageLocatorV2, true),
      Entry("lib", KeyKind::kLibraryLocatorV2, true),
      Entry("lct", KeyKind::kLibraryContainerLocator, true),
      Entry("lib-collection", KeyKind::kLibraryCollectionLocator, true),
      Entry("block-v1", KeyKind::kBlockUsageLocator, false, 3, true),
      Entry("asset-v1", KeyKind::kAssetLocator, false, 3, true),
      Entry("course-v1", KeyKind::kCourseLocator, false, 3, false),
      Entry("library-v1", KeyKind::kLibraryLocator, false, 2, false),
      Entry("lib-block-v1", KeyKind::kLibraryUsageLocator, false, 2, true),
  };
  for (const FastNamespace& e : entries) t.slots[NamespaceSlot(e.len, e.text[1])] = e;
  return t;
}

constexpr FastNamespaceTable kFastNamespaceTable = MakeFastNamespaces();
constexpr const FastNamespace* kFastNamespaces = kFastNamespaceTable.slots;

// No two namespaces share a slot.
constexpr bool SlotsAreDistinct() {
  int filled = 0;
  for (const FastNamespace& e : kFastNamespaceTable.slots) filled += e.len != 0;
  return filled == 9;
}
static_assert(SlotsAreDistinct(), "two fast-path namespaces share a slot");


// The n low bits set, for n in [0, 64] (a shift by 64 is undefined), with
// no branch.
inline uint64_t LowBits(size_t n) {
  return ((uint64_t{1} << (n & 63)) - 1) | (uint64_t{0} - static_cast<uint64_t>(n >= 64));
}

// `cond ? a : b` as arithmetic: compilers turn the ternary into a branch,
// which mispredicts on a random mix of kinds.
inline size_t Select(bool cond, size_t a, size_t b) {
  return b ^ ((a ^ b) & (size_t{0} - static_cast<size_t>(cond)));
}

// The canonical shapes nearly all v1 locators have: ORG+COURSE[+RUN] and, for
// usage/asset keys, +type@T+block@B, with no '%', all separators in the first
// 64 bytes. Checked without data-dependent branches: a random mix of kinds
// and lengths would otherwise mispredict at every segment. Anything else
// (branch@, version@, '%', dropped parts, errors) returns false and goes
// through FastLocator's loop.
inline bool CanonicalShape(std::string_view text, size_t off, const FastNamespace& ns,
                           const ByteMasks& m, KeyView* out) {
  const size_t n = text.size();
  if (n < 12) return false;  // the clamped loads below need n >= 5
  const char* p = text.data();
  const uint64_t rest_lo = LowBits(n) & ~LowBits(off);  // off < 16
  const uint64_t rest_hi = LowBits(Select(n > 64, n - 64, 0));
  const uint64_t seps = m.sep[0] & rest_lo;
  const uint64_t ats = m.at[0] & rest_lo;
  const bool clean =
      (((m.pct[0] | m.bad[0]) & rest_lo) | ((m.pct[1] | m.bad[1] | m.sep[1] | m.at[1]) & rest_hi)) ==
      0;
  // The first four separators (ctz of an empty mask reads the guard bit 63;
  // `k` below says how many are real). e[k] is the end of the last part.
  constexpr uint64_t kGuard = uint64_t{1} << 63;
  const size_t k = ns.untagged - 1 + (ns.tagged ? 2 : 0);  // 1..4
  size_t e[5];
  uint64_t w = seps;
  bool real[4];  // e[i] is a separator, not the guard
  uint64_t left[4];
  for (size_t i = 0; i < 4; ++i) {
    real[i] = w != 0;
    e[i] = Select(i < k, Ctz(w | kGuard), n);
    w &= w - 1;
    left[i] = w;
  }
  e[4] = n;
  const size_t u = ns.untagged;
  // Exactly k separators: the k-th was real and none is left after it.
  bool ok = clean & real[k - 1] & (left[k - 1] == 0) & (e[0] > off) & (e[1] > e[0] + 1) &
            ((u < 3) | (e[2] > e[1] + 1));
  // type@ starts after separator u-1, block@ after separator u. Positions are
  // clamped so that a key of another shape never reads past its end.
  const size_t type_at = std::min(e[u - 1] + 1, n - 4);
  const size_t block_at = std::min(e[u] + 1, n - 5);
  uint32_t type_word, block_word, want_type, want_block;
  std::memcpy(&type_word, p + type_at, 4);
  std::memcpy(&block_word, p + block_at, 4);
  std::memcpy(&want_type, "type", 4);
  std::memcpy(&want_block, "bloc", 4);
  const size_t a0 = type_at + 4, a1 = block_at + 5;  // where the '@'s must be
  const bool tags_ok = (type_word == want_type) & (block_word == want_block) &
                       (p[block_at + 4] == 'k') & (a1 < 64) & (e[u] > a0 + 1) & (n > a1 + 1) &
                       (ats == ((uint64_t{1} << (a0 & 63)) | (uint64_t{1} << (a1 & 63))));
  ok &= (ns.tagged & tags_ok) | (!ns.tagged & (ats == 0));
  if (!ok) return false;
  out->set_slot(KeyView::kOrg, std::string_view(p + off, e[0] - off));
  out->set_slot(KeyView::kCourse, std::string_view(p + e[0] + 1, e[1] - e[0] - 1));
  if (u == 3) out->set_slot(KeyView::kRun, std::string_view(p + e[1] + 1, e[2] - e[1] - 1));
  if (ns.tagged) {
    out->set_slot(KeyView::kType, std::string_view(p + a0 + 1, e[u] - a0 - 1));
    out->set_slot(KeyView::kId, std::string_view(p + a1 + 1, n - a1 - 1));
  }
  out->set_kind(ns.kind);
  out->set_canonical_is_text(true);
  return true;
}

// The v1 URL grammar on masks. Only well-formed, valid shapes succeed.
template <typename M>
bool FastLocator(std::string_view text, size_t off, KeyKind kind, const Masks<M>& m, KeyView* out) {
  const size_t n = text.size();
  const char* p = text.data();
  if (off >= n) return false;
  const M rest = From<M>(off) & (n == sizeof(M) * 8 ? ~M{0} : ~From<M>(n));
  // One check for every byte: ID characters, separators, '@' and '%' only.
  if (m.bad & rest) return false;
  M seps = m.sep & rest;
  M ats = m.at & rest;
  std::string_view untagged[3];
  int n_untagged = 0;
  int next_tag = 0;
  bool had_type_or_block = false;
  size_t block_value = n;
  size_t s = off;
  while (true) {
    const size_t e = seps ? Ctz(seps) : n;
    if (e == s) return false;  // empty segment or trailing '+'
    const size_t at = ats ? Ctz(ats) : n;
    if (at >= e) {
      if (next_tag > 0 || n_untagged == 3) return false;
      untagged[n_untagged++] = std::string_view(p + s, e - s);
    } else {
      if (n_untagged == 1) return false;
      ats &= ats - 1;
      if (ats && Ctz(ats) < e) return false;  // a second '@' in one segment
      const char* tag = p + s;
      const size_t tag_len = at - s;
      int t;
      if (tag_len == 6 && std::memcmp(tag, "branch", 6) == 0) {
        t = 0;
      } else if (tag_len == 7 && std::memcmp(tag, "version", 7) == 0) {
        t = 1;
      } else if (tag_len == 4 && std::memcmp(tag, "type", 4) == 0) {
        t = 2;
      } else if (tag_len == 5 && std::memcmp(tag, "block", 5) == 0) {
        t = 3;
      } else {
        return false;
      }
      if (t < next_tag || at + 1 == e) return false;
      std::string_view value(p + at + 1, e - at - 1);
      static constexpr KeyView::Slot kSlot[4] = {KeyView::kBranch, KeyView::kVersion,
                                                 KeyView::kType, KeyView::kId};
      if (t == 1 && (value.size() != 24 || !IsHex24(value.data()))) return false;
      if (t == 3) {
        if (e != n) return false;
        block_value = at + 1;
      }
      had_type_or_block |= t >= 2;
      out->set_slot(kSlot[t], value);
      next_tag = t + 1;
    }
    if (e == n) break;
    s = e + 1;
    seps &= seps - 1;
  }
  if (n_untagged == 1) return false;
  // '%' only inside a block@ value, and not for block-v1 / lib-block-v1 ids.
  if (M pct = m.pct & rest) {
    bool pct_ok = kind != KeyKind::kBlockUsageLocator && kind != KeyKind::kLibraryUsageLocator;
    if (!pct_ok || Ctz(pct) < block_value) return false;
  }
  if (n_untagged >= 2) {
    out->set_slot(KeyView::kOrg, untagged[0]);
    out->set_slot(KeyView::kCourse, untagged[1]);
    if (n_untagged == 3) out->set_slot(KeyView::kRun, untagged[2]);
  }
  const bool has_version = out->version_guid().has_value();
  const bool library = kind == KeyKind::kLibraryLocator || kind == KeyKind::kLibraryUsageLocator;
  bool canonical = true;
  if (library) {
    if (n_untagged == 3) {
      out->clear_slot(KeyView::kRun);  // silently dropped by LibraryLocator
      canonical = false;
    }
    if (!has_version && n_untagged == 0) return false;
  } else {
    if (!has_version && n_untagged != 3) return false;
    // str() prints org/course/branch only together with a run.
    if (n_untagged != 3 && (n_untagged == 2 || out->branch())) canonical = false;
  }
  switch (kind) {
    case KeyKind::kCourseLocator:
    case KeyKind::kLibraryLocator:
      if (had_type_or_block) {
        out->clear_slot(KeyView::kType);
        out->clear_slot(KeyView::kId);
        canonical = false;
      }
      break;
    case KeyKind::kLibraryUsageLocator:
      if (!out->block_type()) return false;
      [[fallthrough]];
    default:
      if (!out->block_id()) return false;
      if (!out->block_type()) canonical = false;  // printed as type@None
  }
  out->set_kind(kind);
  out->set_canonical_is_text(canonical);
  return true;
}

// lib / lb / lct / lib-collection on ASCII text: every field is ASCII_FIELD
// (UNI_FIELD has the same ASCII members), exactly `parts` fields.
template <typename M>
bool FastLibV2(std::string_view text, size_t off, KeyKind kind, const Masks<M>& m, KeyView* out) {
  const size_t n = text.size();
  const M rest = From<M>(off) & (n == sizeof(M) * 8 ? ~M{0} : ~From<M>(n));
  if (m.bad & rest) return false;
  const int parts = kind == KeyKind::kLibraryLocatorV2           ? 2
                    : kind == KeyKind::kLibraryCollectionLocator ? 3
                                                                 : 4;
  M seps = m.sep & rest;
  std::string_view f[4];
  size_t s = off;
  for (int i = 0; i < parts; ++i) {
    size_t e = seps ? Ctz(seps) : n;
    if ((i == parts - 1) != (e == n) || e == s) return false;
    f[i] = text.substr(s, e - s);
    s = e + 1;
    seps &= seps - 1;
  }
  out->set_kind(kind);
  out->set_slot(KeyView::kOrg, f[0]);
  out->set_slot(KeyView::kCourse, f[1]);
  if (parts == 4) {
    out->set_slot(KeyView::kType, f[2]);
    out->set_slot(KeyView::kId, f[3]);
  } else if (parts == 3) {
    out->set_slot(KeyView::kId, f[2]);
  }
  out->set_canonical_is_text(true);
  return true;
}

// Classifies once, then tries the canonical shape and else the full loops.
bool ParseClassified(std::string_view text, size_t colon, const FastNamespace& ns, bool padded,
                     KeyView* out, bool* ascii) {
  ByteMasks b;
  const Grammar g = ns.v2 ? Grammar::kLearningCore : Grammar::kLocator;
  if (!(padded ? ClassifyPaddedBytes(text.data(), text.size(), g, &b)
               : ClassifyBytes(text.data(), text.size(), g, &b))) {
    *ascii = false;
    return false;
  }
  const size_t off = colon + 1;
  if (ns.v2) {
    return text.size() <= 64 ? FastLibV2(text, off, ns.kind, Narrow<uint64_t>(b), out)
                             : FastLibV2(text, off, ns.kind, Narrow<Mask128>(b), out);
  }
  if (CanonicalShape(text, off, ns, b, out)) return true;
  return text.size() <= 64 ? FastLocator(text, off, ns.kind, Narrow<uint64_t>(b), out)
                           : FastLocator(text, off, ns.kind, Narrow<Mask128>(b), out);
}

}  // namespace

FastResult FastParse(std::string_view text, uint32_t allowed, bool padded, KeyView* out) {
  const size_t n = text.size();
  if (n > kMaxLen || n < 4) return FastResult::kUnsure;
  const char* p = text.data();
  // The namespace ends at the first ':' within the first 15 bytes.
  alignas(16) char head[16] = {};
  const char* first = p;
  if (n < 16 && !padded) {
    std::memcpy(head, p, n);
    first = head;
  }
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(first));
  const auto colons = static_cast<unsigned>(_mm_movemask_epi8(Eq(v, ':')));
  const size_t colon = colons ? Ctz(static_cast<uint64_t>(colons)) : 16;
  // One table probe instead of a jump table: the namespace's kind is data, so
  // a random mix of kinds costs no indirect-branch misses.
  const FastNamespace& ns = kFastNamespaces[NamespaceSlot(colon, p[1])];
  const auto equal = static_cast<unsigned>(
      _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_load_si128(reinterpret_cast<const __m128i*>(ns.text)))));
  const unsigned need = (2u << colon) - 1;  // the namespace and its ':'
  if (ns.len != colon || (equal & need) != need) return FastResult::kUnsure;
  const KeyKind kind = ns.kind;
  const bool v2 = ns.v2;
  if (!(allowed & Bit(kind))) return FastResult::kUnsure;
  out->Reset();
  bool ascii = true;
  bool ok = ParseClassified(text, colon, ns, padded, out, &ascii);
  if (ok) return FastResult::kAccepted;
  out->Reset();
  // Every reject of the locator grammar on ASCII text is final: the general
  // parser fails too, and no deprecated fallback accepts a namespaced string.
  // Learning Core fields are not final ('$' admits a trailing newline).
  return ascii && !v2 ? FastResult::kRejected : FastResult::kUnsure;
}

}  // namespace blockrt::keys::internal
