#include "contexts/course_context.h"

#include "contexts/internal/course_table.h"

namespace blockrt::contexts {

CourseContext::CourseContext(std::shared_ptr<BundleSnapshots> snapshots)
    : snapshots_(std::move(snapshots)),
      table_(std::make_unique<internal::CourseTable>(snapshots_->store())) {}

CourseContext::~CourseContext() = default;

// Work in progress: the resolution below lands with the course context.
bool CourseContext::CanEditBlock(const User&, const keys::KeyView&, ContentSelector) const {
  return false;
}
bool CourseContext::CanViewBlock(const User&, const keys::KeyView&, ContentSelector) const {
  return false;
}
Result<std::optional<DefinitionLocator>> CourseContext::DefinitionForUsage(const keys::KeyView&,
                                                                           ContentSelector) const {
  return std::optional<DefinitionLocator>();
}
Result<std::optional<UsageLoad>> CourseContext::LoadUsage(ContextSession*, const User*,
                                                          const keys::KeyView&, ContentSelector,
                                                          bool, bool) const {
  return std::optional<UsageLoad>();
}
Result<keys::Key> CourseContext::UsageForChildInclude(const keys::KeyView&,
                                                      const DefinitionLocator&,
                                                      const ChildInclude&) const {
  return Status::NotSupported("course blocks have no includes");
}
Result<std::vector<keys::Key>> CourseContext::ListBlocks(const keys::KeyView&,
                                                         ContentSelector) const {
  return std::vector<keys::Key>();
}
Result<std::vector<keys::Key>> CourseContext::TopLevelBlocks(const keys::KeyView&,
                                                             ContentSelector) const {
  return std::vector<keys::Key>();
}
Result<std::optional<keys::Key>> CourseContext::ParentOf(const keys::KeyView&,
                                                         ContentSelector) const {
  return std::optional<keys::Key>();
}

}  // namespace blockrt::contexts
