// Course views and the loads of their blocks: a course tree read from one
// bundle snapshot, indexed by usage key, and per block the locator,
// definition (fields resolved), child and parent keys its loads share.
#ifndef BLOCKRT_CONTEXTS_INTERNAL_COURSE_BLOCKS_H_
#define BLOCKRT_CONTEXTS_INTERNAL_COURSE_BLOCKS_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "contexts/course_context.h"

namespace blockrt::contexts::internal {

struct CourseBlockSlot {
  std::once_flag once;
  Status status;  // why the block could not be built (its html body unreadable)
  std::shared_ptr<const DefinitionLocator> locator;
  std::shared_ptr<const olx::Definition> definition;
  std::shared_ptr<const std::vector<FieldOrigin>> origins;  // null: all own
  std::vector<keys::Key> children;
  std::shared_ptr<const std::optional<keys::Key>> parent;  // null: none
};

struct CourseBlockSlots {
  explicit CourseBlockSlots(size_t n) : slots(std::make_unique<CourseBlockSlot[]>(n)) {}
  std::unique_ptr<CourseBlockSlot[]> slots;
};

// Loads the course tree of `snap` (a course never published, seen from the
// LMS, is an empty tree). Corruption/IOError from the store pass through; an
// unusable export (no course.xml, or an export of the other `kind`) is
// FailedPrecondition naming the course.
Result<std::shared_ptr<const CourseView>> BuildCourseView(
    store::Store* store, std::shared_ptr<const CourseInfo> info,
    std::shared_ptr<const BundleSnapshot> snap, std::string_view draft,
    olx::Course::Kind kind = olx::Course::Kind::kCourse);

// The load of view->course.blocks[index]; the view stays alive through it.
// Errors are the store's, reading a deferred html body. Without `with_children` the load's children are left empty (the caller
// takes them from CourseBlockChildren).
Result<UsageLoad> LoadCourseBlock(const std::shared_ptr<const CourseView>& view, uint32_t index,
                                  bool want_parent, bool with_children = true);
// Every child key of a block LoadCourseBlock loaded, in order (the view's).
const std::vector<keys::Key>& CourseBlockChildren(const CourseView& view, uint32_t index);

}  // namespace blockrt::contexts::internal

#endif  // BLOCKRT_CONTEXTS_INTERNAL_COURSE_BLOCKS_H_
