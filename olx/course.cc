#include "olx/course.h"

#include <algorithm>

namespace blockrt::olx {

size_t Course::error_count() const {
  return static_cast<size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

size_t Course::warning_count() const { return diagnostics.size() - error_count(); }

std::map<std::string, size_t> Course::CountByType(bool drafts) const {
  std::map<std::string, size_t> out;
  for (const CourseBlock& b : blocks) {
    if (b.draft == drafts) ++out[b.definition.block_type];
  }
  return out;
}

uint32_t Course::Depth() const {
  // Parents precede children in `blocks`, so one forward pass suffices.
  std::vector<uint32_t> depth(blocks.size(), 1);
  uint32_t best = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].parent >= 0) depth[i] = depth[static_cast<size_t>(blocks[i].parent)] + 1;
    if (!blocks[i].draft) best = std::max(best, depth[i]);
  }
  return best;
}

}  // namespace blockrt::olx
