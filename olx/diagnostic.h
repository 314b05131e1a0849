// Diagnostic: one finding about an OLX input, located at path:line:col (1-based;
// line 0 means "the whole file"). Loaders collect these instead of failing so a
// broken file never hides the rest of a course.
#ifndef BLOCKRT_OLX_DIAGNOSTIC_H_
#define BLOCKRT_OLX_DIAGNOSTIC_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace blockrt::olx {

// kInfo: worth knowing, never a problem for edx-platform (e.g. an obsolete tag).
enum class Severity : uint8_t { kWarning, kError, kInfo };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string path;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;  // one line, no location prefix
  // Stable rule id (validate/rules.h documents each); "" for messages that
  // predate rule ids, which the validator reports as "OlxLoad".
  std::string_view rule;

  // "path:line:col: error: message" (or "path: warning: ..." when line is 0).
  std::string ToString() const;
};

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_DIAGNOSTIC_H_
