// Python's repr of a bytes object (str(b) in Python 3): the form DERIVE_ID
// hashes its source context in, quirks and all.
#ifndef BLOCKRT_KEYS_INTERNAL_PY_REPR_H_
#define BLOCKRT_KEYS_INTERNAL_PY_REPR_H_

#include <string>
#include <string_view>

namespace blockrt::keys::internal {

// Appends b'...' as CPython's bytes repr writes it: double quotes when the
// bytes hold ' and no ", else single; the quote in use and \ escaped with \;
// \t \n \r; other bytes below 0x20 or from 0x7f up as lowercase \xhh.
void AppendPythonBytesRepr(std::string* out, std::string_view bytes);
// True when that repr is b'BYTES' unchanged: printable ASCII without ' " or \.
bool IsPlainBytesRepr(std::string_view bytes);

}  // namespace blockrt::keys::internal

#endif  // BLOCKRT_KEYS_INTERNAL_PY_REPR_H_
