#include "keys/internal/fast_path.h"

#include <emmintrin.h>

#include <cstring>

namespace blockrt::keys::internal {
namespace {

using Mask = unsigned __int128;

constexpr size_t kMaxLen = 128;

struct Masks {
  Mask id;     // [A-Za-z0-9_] - ~ . :
  Mask ascii;  // [A-Za-z0-9_] - .   (ASCII_FIELD; also UNI_FIELD on ASCII text)
  Mask hex;    // [a-f0-9]
  Mask plus, at, colon, pct;
};

inline __m128i InRange(__m128i v, char lo, char hi) {
  return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                       _mm_cmpgt_epi8(_mm_set1_epi8(static_cast<char>(hi + 1)), v));
}
inline __m128i Eq(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }

// Returns false when any byte is >= 0x80 (non-ASCII keys take the general path).
// Each 16-byte chunk's movemask lands in its own 16-bit lane, so the 128-bit
// masks are assembled without shifts (x86 is little-endian: bit i = byte i).
bool Classify(const char* text, size_t n, Masks* m) {
  alignas(16) char buf[kMaxLen];
  std::memcpy(buf, text, n);
  std::memset(buf + n, 0, kMaxLen - n);
  uint16_t id[8] = {}, ascii_m[8] = {}, hex[8] = {}, plus[8] = {}, at[8] = {}, colon_m[8] = {},
           pct[8] = {};
  int chunks = static_cast<int>((n + 15) / 16);
  for (int c = 0; c < chunks; ++c) {
    __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(buf + 16 * c));
    if (_mm_movemask_epi8(v) != 0) return false;
    __m128i digit = InRange(v, '0', '9');
    __m128i lower = InRange(v, 'a', 'z');
    __m128i word =
        _mm_or_si128(_mm_or_si128(digit, lower), _mm_or_si128(InRange(v, 'A', 'Z'), Eq(v, '_')));
    __m128i ascii = _mm_or_si128(word, _mm_or_si128(Eq(v, '-'), Eq(v, '.')));
    __m128i colon = Eq(v, ':');
    ascii_m[c] = static_cast<uint16_t>(_mm_movemask_epi8(ascii));
    id[c] = static_cast<uint16_t>(
        _mm_movemask_epi8(_mm_or_si128(ascii, _mm_or_si128(Eq(v, '~'), colon))));
    hex[c] = static_cast<uint16_t>(_mm_movemask_epi8(_mm_or_si128(digit, InRange(v, 'a', 'f'))));
    plus[c] = static_cast<uint16_t>(_mm_movemask_epi8(Eq(v, '+')));
    at[c] = static_cast<uint16_t>(_mm_movemask_epi8(Eq(v, '@')));
    colon_m[c] = static_cast<uint16_t>(_mm_movemask_epi8(colon));
    pct[c] = static_cast<uint16_t>(_mm_movemask_epi8(Eq(v, '%')));
  }
  std::memcpy(&m->id, id, 16);
  std::memcpy(&m->ascii, ascii_m, 16);
  std::memcpy(&m->hex, hex, 16);
  std::memcpy(&m->plus, plus, 16);
  std::memcpy(&m->at, at, 16);
  std::memcpy(&m->colon, colon_m, 16);
  std::memcpy(&m->pct, pct, 16);
  return true;
}

inline Mask Range(size_t s, size_t e) {  // bits [s, e)
  Mask hi = e >= 128 ? ~Mask{0} : (Mask{1} << e) - 1;
  Mask lo = (Mask{1} << s) - 1;
  return hi & ~lo;
}
inline bool All(Mask m, size_t s, size_t e) {
  Mask r = Range(s, e);
  return s < e && (m & r) == r;
}
inline size_t Ctz(Mask m) {
  uint64_t lo = static_cast<uint64_t>(m);
  return lo ? static_cast<size_t>(__builtin_ctzll(lo))
            : 64 + static_cast<size_t>(__builtin_ctzll(static_cast<uint64_t>(m >> 64)));
}

constexpr uint32_t Bit(KeyKind k) { return 1u << static_cast<int>(k); }

// The v1 URL grammar on masks. Only well-formed, valid shapes succeed.
bool FastLocator(std::string_view text, size_t off, KeyKind kind, const Masks& m, KeyView* out) {
  const size_t n = text.size();
  const char* p = text.data();
  if (off >= n) return false;
  std::string_view untagged[3];
  int n_untagged = 0;
  int next_tag = 0;
  bool had_type_or_block = false;
  size_t s = off;
  Mask plus = m.plus & Range(off, n);
  while (true) {
    size_t e = plus ? Ctz(plus) : n;
    if (e == s) return false;
    Mask seg_at = m.at & Range(s, e);
    if (!seg_at) {
      if (next_tag > 0 || n_untagged == 3 || !All(m.id, s, e)) return false;
      untagged[n_untagged++] = std::string_view(p + s, e - s);
    } else {
      if (n_untagged == 1) return false;
      size_t at = Ctz(seg_at);
      if ((seg_at & (seg_at - 1)) != 0) return false;  // a second '@'
      size_t tag_len = at - s;
      int t;
      if (tag_len == 6 && std::memcmp(p + s, "branch", 6) == 0) {
        t = 0;
      } else if (tag_len == 7 && std::memcmp(p + s, "version", 7) == 0) {
        t = 1;
      } else if (tag_len == 4 && std::memcmp(p + s, "type", 4) == 0) {
        t = 2;
      } else if (tag_len == 5 && std::memcmp(p + s, "block", 5) == 0) {
        t = 3;
      } else {
        return false;
      }
      if (t < next_tag) return false;
      size_t vs = at + 1;
      std::string_view value(p + vs, e - vs);
      switch (t) {
        case 0:
          if (!All(m.id, vs, e)) return false;
          out->set_slot(KeyView::kBranch, value);
          break;
        case 1:
          if (e - vs != 24 || !All(m.hex, vs, e)) return false;
          out->set_slot(KeyView::kVersion, value);
          break;
        case 2:
          if (!All(m.id, vs, e)) return false;
          out->set_slot(KeyView::kType, value);
          had_type_or_block = true;
          break;
        default: {
          if (e != n) return false;
          bool pct_ok =
              kind != KeyKind::kBlockUsageLocator && kind != KeyKind::kLibraryUsageLocator;
          if (!All(pct_ok ? (m.id | m.pct) : m.id, vs, e)) return false;
          out->set_slot(KeyView::kId, value);
          had_type_or_block = true;
        }
      }
      next_tag = t + 1;
    }
    if (e == n) break;
    s = e + 1;
    plus &= plus - 1;
  }
  if (n_untagged == 1) return false;
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
      out->clear_slot(KeyView::kRun);
      canonical = false;
    }
    if (!has_version && n_untagged == 0) return false;
  } else {
    if (!has_version && n_untagged != 3) return false;
    // str() prints org/course/branch only with a run.
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

// lib / lb / lct / lib-collection on ASCII text: each field is ASCII_FIELD
// (UNI_FIELD has the same ASCII members), exactly `parts` fields.
bool FastLibV2(std::string_view text, size_t off, KeyKind kind, const Masks& m, KeyView* out) {
  const size_t n = text.size();
  int parts = kind == KeyKind::kLibraryLocatorV2           ? 2
              : kind == KeyKind::kLibraryCollectionLocator ? 3
                                                           : 4;
  Mask colons = m.colon & Range(off, n);
  std::string_view f[4];
  size_t s = off;
  for (int i = 0; i < parts; ++i) {
    size_t e = colons ? Ctz(colons) : n;
    if ((i == parts - 1) != (e == n)) return false;
    if (!All(m.ascii, s, e)) return false;
    f[i] = text.substr(s, e - s);
    s = e + 1;
    colons &= colons - 1;
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

}  // namespace

bool FastParse(std::string_view text, uint32_t allowed, KeyView* out) {
  if (text.size() > kMaxLen || text.size() < 4) return false;
  Masks m;
  if (!Classify(text.data(), text.size(), &m)) return false;
  if (!m.colon) return false;
  size_t colon = Ctz(m.colon);
  std::string_view ns = text.substr(0, colon);
  KeyKind kind;
  bool v2 = false;
  switch (colon) {
    case 2:
      if (ns != "lb") return false;
      kind = KeyKind::kLibraryUsageLocatorV2, v2 = true;
      break;
    case 3:
      if (ns == "lib") {
        kind = KeyKind::kLibraryLocatorV2;
      } else if (ns == "lct") {
        kind = KeyKind::kLibraryContainerLocator;
      } else {
        return false;
      }
      v2 = true;
      break;
    case 8:
      if (ns == "block-v1") {
        kind = KeyKind::kBlockUsageLocator;
      } else if (ns == "asset-v1") {
        kind = KeyKind::kAssetLocator;
      } else {
        return false;
      }
      break;
    case 9:
      if (ns != "course-v1") return false;
      kind = KeyKind::kCourseLocator;
      break;
    case 10:
      if (ns != "library-v1") return false;
      kind = KeyKind::kLibraryLocator;
      break;
    case 12:
      if (ns != "lib-block-v1") return false;
      kind = KeyKind::kLibraryUsageLocator;
      break;
    case 14:
      if (ns != "lib-collection") return false;
      kind = KeyKind::kLibraryCollectionLocator, v2 = true;
      break;
    default:
      return false;
  }
  if (!(allowed & Bit(kind))) return false;
  out->Reset();
  bool ok =
      v2 ? FastLibV2(text, colon + 1, kind, m, out) : FastLocator(text, colon + 1, kind, m, out);
  if (!ok) out->Reset();
  return ok;
}

}  // namespace blockrt::keys::internal
