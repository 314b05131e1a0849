#include "cli/number_arg.h"

#include <string>

namespace blockrt::cli {
namespace {

std::string Quoted(std::string_view text) {
  std::string s(text.substr(0, 40));
  if (text.size() > 40) s += "...";
  return "'" + s + "'";
}

Status OutOfRange(std::string_view what, std::string_view text, const std::string& lo,
                  const std::string& hi) {
  return Status::InvalidArgument(std::string(what) + " must be an integer in " + lo + ".." + hi +
                                 ", got " + Quoted(text));
}

// Magnitude of the digits in `digits`; false on a non-digit or overflow.
bool Magnitude(std::string_view digits, uint64_t* out) {
  if (digits.empty()) return false;
  uint64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

}  // namespace

Result<uint64_t> ParseUnsignedArg(std::string_view what, std::string_view text, uint64_t min,
                                  uint64_t max) {
  uint64_t v = 0;
  if (!Magnitude(text, &v) || v < min || v > max) {
    return OutOfRange(what, text, std::to_string(min), std::to_string(max));
  }
  return v;
}

Result<int64_t> ParseIntArg(std::string_view what, std::string_view text, int64_t min,
                            int64_t max) {
  bool negative = !text.empty() && text[0] == '-' && min < 0;
  uint64_t mag = 0;
  bool ok = Magnitude(negative ? text.substr(1) : text, &mag);
  int64_t v = 0;
  if (ok && !negative) {
    ok = mag <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    v = static_cast<int64_t>(mag);
  } else if (ok) {
    ok = mag <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1;
    v = mag == static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1
            ? std::numeric_limits<int64_t>::min()
            : -static_cast<int64_t>(mag);
  }
  if (!ok || v < min || v > max) {
    return OutOfRange(what, text, std::to_string(min), std::to_string(max));
  }
  return v;
}

}  // namespace blockrt::cli
