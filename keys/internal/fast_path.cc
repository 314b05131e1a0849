#include "keys/internal/fast_path.h"

#include <emmintrin.h>

#include <cstring>

#include "keys/internal/char_class.h"

namespace blockrt::keys::internal {
namespace {

constexpr size_t kMaxLen = 128;

using Mask128 = unsigned __int128;

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

inline __m128i InRange(__m128i v, char lo, char hi) {
  return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                       _mm_cmpgt_epi8(_mm_set1_epi8(static_cast<char>(hi + 1)), v));
}
inline __m128i Eq(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }

// Letters via case folding (v | 0x20 maps A-Z onto a-z) plus two contiguous
// ranges: "-." is 0x2D-0x2E and "0-9" is 0x30-0x39 (':' is 0x3A, next to it).
inline __m128i Letters(__m128i v) {
  return InRange(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
}
// [A-Za-z0-9_] - .   (ASCII_FIELD; equal to UNI_FIELD on ASCII bytes)
inline __m128i AsciiField(__m128i v) {
  return _mm_or_si128(_mm_or_si128(Letters(v), InRange(v, '-', '.')),
                      _mm_or_si128(InRange(v, '0', '9'), Eq(v, '_')));
}
// [A-Za-z0-9_] - ~ . :   (ID)
inline __m128i IdClass(__m128i v) {
  return _mm_or_si128(_mm_or_si128(Letters(v), InRange(v, '-', '.')),
                      _mm_or_si128(InRange(v, '0', ':'), _mm_or_si128(Eq(v, '_'), Eq(v, '~'))));
}

// Per-byte classes of the whole key as bit masks (bit i = byte i). Each chunk's
// movemask goes into its own 16-bit lane, so no wide shifts are needed.
template <typename M>
struct Masks {
  M ok;   // bytes the grammar may contain anywhere (see Classify*)
  M sep;  // '+' (locators) or ':' (Learning Core keys)
  M at;   // '@'
  M pct;  // '%'
};

template <typename M>
inline M Join(uint64_t lo, uint64_t hi) {
  if constexpr (sizeof(M) == 8) {
    return lo;
  } else {
    return static_cast<M>(lo) | (static_cast<M>(hi) << 64);
  }
}

// Returns false for non-ASCII text. `locator`: ok = ID class, sep = '+';
// otherwise ok = ASCII_FIELD, sep = ':'.
template <typename M>
bool Classify(std::string_view text, bool locator, Masks<M>* m) {
  const size_t n = text.size();
  // Masks are built in registers as two 64-bit halves; storing 16-bit lanes and
  // reloading them as one wide value would stall on store-to-load forwarding.
  uint64_t ok_lo = 0, ok_hi = 0, sep_lo = 0, sep_hi = 0;
  uint64_t at_lo = 0, at_hi = 0, pct_lo = 0, pct_hi = 0;
  // Every load stays inside the text: full chunks in place, and a partial
  // tail as the text's last 16 bytes with the already-seen lanes shifted out.
  alignas(16) char small[16] = {};
  const char* base = text.data();
  if (n < 16) {
    std::memcpy(small, base, n);
    base = small;
  }
  const size_t full = n < 16 ? 0 : n / 16;
  const size_t rem = n - 16 * full;
  const size_t chunks = (n + 15) / 16;
  for (size_t c = 0; c < chunks; ++c) {
    __m128i v;
    unsigned shift = 0;
    if (c < full || n < 16) {
      v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + 16 * c));
    } else {
      v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + n - 16));
      shift = static_cast<unsigned>(16 - rem);
    }
    if (_mm_movemask_epi8(v) != 0) return false;
    const bool low = c < 4;
    const unsigned pos = static_cast<unsigned>(16 * (c % 4));
    auto lane = [shift, pos](__m128i bits) {
      return static_cast<uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(bits)) >> shift) << pos;
    };
    const uint64_t ok_bits = lane(locator ? IdClass(v) : AsciiField(v));
    const uint64_t sep_bits = lane(Eq(v, locator ? '+' : ':'));
    (low ? ok_lo : ok_hi) |= ok_bits;
    (low ? sep_lo : sep_hi) |= sep_bits;
    if (locator) {
      (low ? at_lo : at_hi) |= lane(Eq(v, '@'));
      (low ? pct_lo : pct_hi) |= lane(Eq(v, '%'));
    }
  }
  m->ok = Join<M>(ok_lo, ok_hi);
  m->sep = Join<M>(sep_lo, sep_hi);
  m->at = Join<M>(at_lo, at_hi);
  m->pct = Join<M>(pct_lo, pct_hi);
  return true;
}

constexpr uint32_t Bit(KeyKind k) { return 1u << static_cast<int>(k); }

bool IsHex24(const char* p) {
  for (int i = 0; i < 24; ++i) {
    if (!(kAsciiClass[static_cast<unsigned char>(p[i])] & kHexLower)) return false;
  }
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
  if (~(m.ok | m.sep | m.at | m.pct) & rest) return false;
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
  if (~(m.ok | m.sep) & rest) return false;
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

template <typename M>
bool ParseWith(std::string_view text, size_t colon, KeyKind kind, bool v2, KeyView* out,
               bool* ascii) {
  Masks<M> m;
  if (!Classify(text, !v2, &m)) {
    *ascii = false;
    return false;
  }
  return v2 ? FastLibV2(text, colon + 1, kind, m, out) : FastLocator(text, colon + 1, kind, m, out);
}

}  // namespace

FastResult FastParse(std::string_view text, uint32_t allowed, KeyView* out) {
  const size_t n = text.size();
  if (n > kMaxLen || n < 4) return FastResult::kUnsure;
  const char* p = text.data();
  // The namespace ends at the first ':' within the first 15 bytes.
  alignas(16) char head[16] = {};
  const char* first = p;
  if (n < 16) {
    std::memcpy(head, p, n);
    first = head;
  }
  const unsigned colons = static_cast<unsigned>(
      _mm_movemask_epi8(Eq(_mm_loadu_si128(reinterpret_cast<const __m128i*>(first)), ':')));
  const size_t colon = colons ? Ctz(static_cast<uint64_t>(colons)) : 16;
  KeyKind kind;
  bool v2 = false;
  switch (colon) {
    case 2:
      if (std::memcmp(p, "lb", 2) != 0) return FastResult::kUnsure;
      kind = KeyKind::kLibraryUsageLocatorV2, v2 = true;
      break;
    case 3:
      if (std::memcmp(p, "lib", 3) == 0) {
        kind = KeyKind::kLibraryLocatorV2;
      } else if (std::memcmp(p, "lct", 3) == 0) {
        kind = KeyKind::kLibraryContainerLocator;
      } else {
        return FastResult::kUnsure;
      }
      v2 = true;
      break;
    case 8:
      if (std::memcmp(p, "block-v1", 8) == 0) {
        kind = KeyKind::kBlockUsageLocator;
      } else if (std::memcmp(p, "asset-v1", 8) == 0) {
        kind = KeyKind::kAssetLocator;
      } else {
        return FastResult::kUnsure;
      }
      break;
    case 9:
      if (std::memcmp(p, "course-v1", 9) != 0) return FastResult::kUnsure;
      kind = KeyKind::kCourseLocator;
      break;
    case 10:
      if (std::memcmp(p, "library-v1", 10) != 0) return FastResult::kUnsure;
      kind = KeyKind::kLibraryLocator;
      break;
    case 12:
      if (std::memcmp(p, "lib-block-v1", 12) != 0) return FastResult::kUnsure;
      kind = KeyKind::kLibraryUsageLocator;
      break;
    case 14:
      if (std::memcmp(p, "lib-collection", 14) != 0) return FastResult::kUnsure;
      kind = KeyKind::kLibraryCollectionLocator, v2 = true;
      break;
    default:
      return FastResult::kUnsure;
  }
  if (!(allowed & Bit(kind))) return FastResult::kUnsure;
  out->Reset();
  bool ascii = true;
  bool ok = n <= 64 ? ParseWith<uint64_t>(text, colon, kind, v2, out, &ascii)
                    : ParseWith<Mask128>(text, colon, kind, v2, out, &ascii);
  if (ok) return FastResult::kAccepted;
  out->Reset();
  // Every reject of the locator grammar on ASCII text is final: the general
  // parser fails too, and no deprecated fallback accepts a namespaced string.
  // Learning Core fields are not final ('$' admits a trailing newline).
  return ascii && !v2 ? FastResult::kRejected : FastResult::kUnsure;
}

}  // namespace blockrt::keys::internal
