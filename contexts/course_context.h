// The `course-v1` learning context: courses stored as bundles of OLX export
// files. A block-v1 key resolves to the block of that id in the course tree
// loaded from the selected draft (Studio) or latest published version (LMS);
// not found and not allowed look the same. Trees are loaded once per bundle
// view and shared until the view changes. The same machinery, built for
// Kind::kLibrary, is the `library-v1` context: v1 libraries stored as
// library.xml exports, lib-block-v1 keys, staff edit and learners view.
#ifndef BLOCKRT_CONTEXTS_COURSE_CONTEXT_H_
#define BLOCKRT_CONTEXTS_COURSE_CONTEXT_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"
#include "contexts/bundle_snapshots.h"
#include "contexts/course.h"
#include "contexts/learning_context.h"
#include "olx/course/course.h"
#include "olx/file_source.h"

namespace blockrt::contexts {

namespace internal {
class CourseTable;
struct CourseBlockSlots;
}  // namespace internal

// One loaded view of a course: its export tree read from one bundle snapshot.
struct CourseView {
  std::shared_ptr<const CourseInfo> info;
  std::shared_ptr<const BundleSnapshot> snapshot;
  olx::Course course;
  // The snapshot's files, which `course` was loaded from (html bodies are
  // read from it on a block's first load).
  std::unique_ptr<olx::FileSource> files;
  // Canonical usage key text -> index in course.blocks (first block wins when
  // an id repeats, as the modulestore keeps one block per id).
  std::unordered_map<std::string_view, uint32_t> by_usage;
  // Split modulestore's name of the course root, "block-v1:...+type@course+
  // block@course", indexed too when the export's root id is the run.
  std::string root_alias;

  // What loads of each block share (locator, definition, child keys),
  // built on a block's first load.
  std::unique_ptr<internal::CourseBlockSlots> slots;

  CourseView();
  ~CourseView();
  // The block of `usage_key`, or nullptr.
  const olx::CourseBlock* Find(std::string_view usage_key) const;
};

// What a context of `kind` calls itself in messages ("course", "library"),
// the namespace of its keys ("course-v1", "library-v1") and its record
// table ("courses", "libraries_v1").
std::string_view ExportKindNoun(olx::Course::Kind kind);
std::string_view ExportKindNamespace(olx::Course::Kind kind);
std::string_view ExportKindTable(olx::Course::Kind kind);

class CourseContext : public LearningContext {
 public:
  explicit CourseContext(std::shared_ptr<BundleSnapshots> snapshots,
                         olx::Course::Kind kind = olx::Course::Kind::kCourse);
  ~CourseContext() override;

  olx::Course::Kind kind() const { return kind_; }

  // NotFound when no course has that key. `key` is a course-v1: or block-v1:
  // key (library-v1: or lib-block-v1: for a v1-library context).
  Result<std::shared_ptr<const CourseInfo>> Course(const keys::KeyView& key) const;
  // The tree of course `key` in `sel` (draft name, or "" for latest
  // published). NotFound when the course does not exist; a course never
  // published has an empty tree in the LMS.
  Result<std::shared_ptr<const CourseView>> View(const keys::KeyView& key,
                                                 ContentSelector sel) const;

  // Staff may edit (Studio), learners view (LMS); public learning lets
  // anyone view. Loads carry the definition with its fields resolved, the
  // child keys and the parent: the runtime reads nothing itself.
  // A session remembers the last course view it used, trusted while neither
  // the course table nor the snapshots moved and the view needs no recheck:
  // a warm load then takes no lock.
  std::unique_ptr<ContextSession> NewSession() const override;
  Result<std::optional<UsageLoad>> LoadUsage(ContextSession* session, const User* user,
                                             const keys::KeyView& usage, ContentSelector sel,
                                             bool edit, bool want_parent) const override;
  // Every block of the tree, sorted by key; the course root (a v1 library:
  // the children of library.xml, in its order).
  Result<std::vector<keys::Key>> ListBlocks(const keys::KeyView& context_key,
                                            ContentSelector sel) const override;
  Result<std::vector<keys::Key>> TopLevelBlocks(const keys::KeyView& context_key,
                                                ContentSelector sel) const override;

  BundleSnapshots& snapshots() const { return *snapshots_; }
  internal::CourseTable& table() const { return *table_; }

 private:
  class Session;
  // View() with the time (CoarseNowMs() scale) until which it needs no recheck.
  Result<std::shared_ptr<const CourseView>> ViewUntil(const keys::KeyView& key, ContentSelector sel,
                                                      int64_t* valid_until_ms) const;
  static bool Permitted(const CourseInfo& info, const User& user, CourseRole needed);

  // The canonical context key text of `key` (of this context's kind).
  Result<std::string_view> KeyText(const keys::KeyView& key) const;

  std::shared_ptr<BundleSnapshots> snapshots_;
  olx::Course::Kind kind_;
  std::unique_ptr<internal::CourseTable> table_;
  // "course key\0draft" -> the newest view built.
  mutable std::mutex views_mu_;
  mutable std::unordered_map<std::string, std::shared_ptr<const CourseView>> views_;
};

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_COURSE_CONTEXT_H_
