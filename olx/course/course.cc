#include "olx/course/course.h"

#include <algorithm>
#include <unordered_set>

namespace blockrt::olx {

Result<std::string> ReadDeferredHtmlBody(const FileSource& files, const CourseBlock& block,
                                         const CourseLoadOptions& options) {
  if (!block.body_deferred) {
    return Status::InvalidArgument("block " + std::string(block.usage_key) +
                                   " has no deferred html body");
  }
  std::string body;
  BLOCKRT_RETURN_IF_ERROR(files.Read(block.html_file, options.max_file_bytes, &body));
  return body;
}

size_t Course::error_count() const {
  return static_cast<size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

size_t Course::warning_count() const {
  return static_cast<size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::kWarning; }));
}

// Blocks sharing a usage id (one block used from two parents, or defined
// twice) are one block to the reference's modulestore, so each id counts once.
std::map<std::string, size_t> Course::CountByType(bool drafts) const {
  std::map<std::string, size_t> out;
  std::unordered_set<std::string> ids;
  std::string id;
  for (const CourseBlock& b : blocks) {
    if (b.draft != drafts) continue;
    id.assign(b.definition.block_type);
    id += '/';
    id += b.url_name;
    if (ids.insert(id).second) ++out[std::string(b.definition.block_type)];
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

namespace blockrt::olx {

const CourseField* CourseDefinition::field(std::string_view name) const {
  auto it = std::lower_bound(fields.begin(), fields.end(), name,
                             [](const CourseField& f, std::string_view n) { return f.name < n; });
  return it != fields.end() && it->name == name ? it : nullptr;
}

const std::string_view* CourseDefinition::attribute(std::string_view name) const {
  auto it =
      std::lower_bound(attributes.begin(), attributes.end(), name,
                       [](const CourseAttribute& a, std::string_view n) { return a.name < n; });
  return it != attributes.end() && it->name == name ? &it->value : nullptr;
}

const std::string_view* CourseDefinition::data() const {
  const CourseField* f = field("data");
  return f != nullptr ? &f->value : nullptr;
}

Definition CourseDefinition::ToDefinition() const {
  Definition def;
  def.block_type = std::string(block_type);
  def.known_type = known_type;
  def.attributes.reserve(attributes.size());
  for (const CourseAttribute& a : attributes) {
    def.attributes.push_back(Attribute{std::string(a.name), std::string(a.value)});
  }
  def.fields.reserve(fields.size());
  for (const CourseField& f : fields) {
    def.fields.push_back(FieldValue{std::string(f.name), std::string(f.value), f.scope});
  }
  def.body = std::string(body);
  return def;
}

}  // namespace blockrt::olx
