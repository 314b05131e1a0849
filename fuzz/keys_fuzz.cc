// libFuzzer target: any bytes, under every base class. A valid key's canonical
// string must parse again (with the key's own base) to the same canonical
// string, and nothing may crash or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "keys/internal/fast_path.h"
#include "keys/internal/parsers.h"
#include "keys/key.h"

using blockrt::keys::KeyBase;
using blockrt::keys::KeyError;
using blockrt::keys::KeyKind;
using blockrt::keys::KeyView;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the base; the rest is the key.
  int nbases = static_cast<int>(KeyBase::kLibraryCollectionLocator) + 1;
  KeyBase base = static_cast<KeyBase>(data[0] % nbases);
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  KeyView view;
  KeyError err;
  bool ok = blockrt::keys::ParseKey(text, base, &view, &err);
  // Differential check: the SIMD fast path may only accept what the general
  // parser accepts, with equal fields and canonical string.
  KeyView general;
  KeyError general_err;
  bool general_ok = blockrt::keys::internal::ParseKeyGeneral(text, base, &general, &general_err);
  if (ok != general_ok) __builtin_trap();
  if (blockrt::keys::ParseKey(text, base, &general, nullptr) != ok) __builtin_trap();
  // The padded entry point must ignore what follows the key: separators,
  // non-ASCII and newline bytes, in the order the input picks.
  {
    static const char kPad[] =
        "+@%:\n\x80"
        "a~";
    std::string buffer = text;
    for (size_t i = 0; i < blockrt::keys::kKeyParsePadding; ++i) {
      buffer.push_back(kPad[(i + size) % 8]);
    }
    KeyView padded;
    KeyError padded_err;
    std::string_view in_buffer(buffer.data(), text.size());
    if (blockrt::keys::ParseKeyInBuffer(in_buffer, base, &padded, &padded_err) != ok)
      __builtin_trap();
    if (ok && (!(padded == general) || padded.kind() != general.kind())) __builtin_trap();
    if (!ok && padded_err.position != err.position) __builtin_trap();
  }
  if (ok && (!(view == general) || view.kind() != general.kind() ||
             view.ToString() != general.ToString())) {
    __builtin_trap();
  }
  // Both builds of the fast path: accept only what the general parser
  // accepts (with the same fields), reject only what it rejects.
  // (kAuto: every kind allowed.)
  for (auto build : {blockrt::keys::internal::FastPathBuild::kGeneric,
                     blockrt::keys::internal::FastPathBuild::kAvx2}) {
    if (base != KeyBase::kAuto) break;
    if (!blockrt::keys::internal::FastPathBuildSupported(build)) continue;
    KeyView fast;
    const auto fr = blockrt::keys::internal::FastParseWith(build, text, ~0u, false, &fast);
    if (fr == blockrt::keys::internal::FastResult::kAccepted &&
        (!general_ok || !(fast == general) || fast.kind() != general.kind()))
      __builtin_trap();
    if (fr == blockrt::keys::internal::FastResult::kRejected && general_ok) __builtin_trap();
  }
  if (!ok) {
    if (err.position > text.size()) __builtin_trap();
    return 0;
  }
  std::string canonical;
  if (!view.AppendCanonical(&canonical)) return 0;
  std::string scratch;
  if (view.Canonical(text, &scratch) != canonical) __builtin_trap();
  (void)view.Hash();
  (void)view.context_key();
  // A deprecated block type prints as its bare TYPE, which may itself read as
  // "block-type-v1:..." and parse differently: the reference loses the same
  // information, so only the other kinds must round-trip.
  if (view.kind() == KeyKind::kBlockTypeKeyV1 && view.deprecated()) return 0;
  KeyView again;
  if (!blockrt::keys::ParseKey(canonical, blockrt::keys::KeyTypeOf(view.kind()), &again, &err))
    __builtin_trap();
  std::string canonical2;
  if (!again.AppendCanonical(&canonical2) || canonical2 != canonical) __builtin_trap();
  return 0;
}
