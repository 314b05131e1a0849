#include "validate/finding.h"

#include <tuple>

namespace blockrt::validate {

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kInfo:
      return "info";
    case Level::kWarning:
      return "warning";
    case Level::kError:
      return "error";
  }
  return "error";
}

std::optional<Level> ParseLevel(std::string_view name) {
  for (Level l : {Level::kInfo, Level::kWarning, Level::kError}) {
    if (LevelName(l) == name) return l;
  }
  return std::nullopt;
}

std::string Finding::ToString() const {
  std::string out = path;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  out += ": ";
  out += LevelName(severity);
  out += ": ";
  out += message;
  out += " [";
  out += rule;
  out += ']';
  return out;
}

bool FindingBefore(const Finding& a, const Finding& b) {
  return std::tie(a.path, a.line, a.column, a.rule, a.message) <
         std::tie(b.path, b.line, b.column, b.rule, b.message);
}

}  // namespace blockrt::validate
