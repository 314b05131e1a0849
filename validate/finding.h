// A validation finding: one problem in a course or library export, located
// at path:line:col (path relative to the export's root; line 0 = the whole
// file), with a stable rule id from rules.h and a hint saying how to fix it.
#ifndef BLOCKRT_VALIDATE_FINDING_H_
#define BLOCKRT_VALIDATE_FINDING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace blockrt::validate {

// Ordered by weight: `--fail-on LEVEL` fails on findings >= LEVEL.
enum class Level : uint8_t { kInfo, kWarning, kError };

std::string_view LevelName(Level level);  // "info", "warning", "error"
std::optional<Level> ParseLevel(std::string_view name);

struct Finding {
  std::string_view rule;  // a RuleInfo::id (static storage)
  Level severity = Level::kError;
  std::string path;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;  // one line, no location prefix
  std::string hint;     // never empty in a report: the rule's hint by default

  // "path:line:col: error: message [Rule]".
  std::string ToString() const;
};

// Report order: path, line, column, rule, message.
bool FindingBefore(const Finding& a, const Finding& b);

}  // namespace blockrt::validate

#endif  // BLOCKRT_VALIDATE_FINDING_H_
