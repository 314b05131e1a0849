#include "olx/diagnostic.h"

namespace blockrt::olx {

std::string Diagnostic::ToString() const {
  std::string out = path;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  out += severity == Severity::kError     ? ": error: "
         : severity == Severity::kWarning ? ": warning: "
                                          : ": info: ";
  out += message;
  return out;
}

}  // namespace blockrt::olx
