// Validates one course or v1-library export read through a FileSource: the
// loader's own messages (with rule ids) plus every check module's findings,
// filtered by select/ignore and sorted. Bad input is findings; only an
// unreadable source is an error Status.
#ifndef BLOCKRT_VALIDATE_VALIDATOR_H_
#define BLOCKRT_VALIDATE_VALIDATOR_H_

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "olx/course/course.h"
#include "olx/file_source.h"
#include "validate/finding.h"
#include "validate/stats.h"

namespace blockrt::validate {

struct ValidateOptions {
  std::set<std::string, std::less<>> select;  // rule ids; empty = every rule
  std::set<std::string, std::less<>> ignore;  // rule ids dropped
  // --db: a store file holding the libraries library_content blocks name,
  // for presence, version and DERIVE_ID linkage checks; "" = none.
  std::string library_store;
  olx::CourseLoadOptions load;
  bool want_stats = false;
  bool want_outline = false;  // for --tree and the HTML report

  // Whether `rule` survives select/ignore.
  bool Wants(std::string_view rule) const;
};

// One line of the course outline: a block in tree order (drafts after it).
struct OutlineEntry {
  uint32_t depth = 0;  // root = 0
  std::string block_type, url_name, display_name;
  std::string path;  // file holding the definition
  uint32_t line = 0;
  bool draft = false;
};

struct CourseReport {
  std::string course;             // context key; "" when the root could not be read
  std::string kind;               // "course", "library" or "" (not an export)
  std::vector<Finding> findings;  // sorted by FindingBefore
  size_t blocks = 0;
  CourseStats stats;                  // filled when want_stats
  std::vector<OutlineEntry> outline;  // filled when want_outline

  size_t Count(Level level) const;
  // The most severe finding's level; nullopt when there are none.
  std::optional<Level> Worst() const;
};

// Validates the export `files` holds (course.xml or library.xml at its root).
// No root file is a CourseXMLDoesNotExist finding, not an error.
Result<CourseReport> ValidateExport(const olx::FileSource& files, const ValidateOptions& options);

}  // namespace blockrt::validate

#endif  // BLOCKRT_VALIDATE_VALIDATOR_H_
