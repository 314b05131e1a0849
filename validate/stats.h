// What `--stats` reports about one export (olxcleaner's -S and more).
#ifndef BLOCKRT_VALIDATE_STATS_H_
#define BLOCKRT_VALIDATE_STATS_H_

#include <cstddef>
#include <map>
#include <string>

namespace blockrt::validate {

struct CourseStats {
  std::map<std::string, size_t> blocks_per_type;  // published tree, each usage id once
  std::map<std::string, size_t> draft_blocks_per_type;
  std::map<std::string, size_t> response_types;  // problem <*response> tags
  std::map<std::string, size_t> input_types;     // problem input tags
  size_t problems = 0;
  size_t problems_with_solution = 0;
  size_t problems_with_python = 0;  // <script type="loncapa/python"> (or text/python)
  size_t timed_exams = 0;           // sequentials with is_time_limited="true"
  size_t depth = 0;
};

}  // namespace blockrt::validate

#endif  // BLOCKRT_VALIDATE_STATS_H_
