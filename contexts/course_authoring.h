// The course authoring API (Studio) for course-v1 courses stored as bundles
// of OLX export files: every change goes to the course's "studio_draft"
// until Publish(); learners see the latest published version. Over a
// library-v1 context (CourseContext of Kind::kLibrary) the same API authors
// v1 libraries: library.xml exports under library-v1:ORG+LIB keys.
//
// Who may do what, when an actor is named (As()): creating a course is open
// to any valid user id (who becomes staff unless `admin` is named);
// everything that reads or writes the draft, publishes, discards, sets roles
// or public learning needs the staff role; exporting the published version
// needs the learner role (met by public learning too). With no actor nothing
// is checked. Denials are PermissionDenied.
//
// Writes run in one store write transaction each: an import or edit that
// fails leaves the store as it was.
#ifndef BLOCKRT_CONTEXTS_COURSE_AUTHORING_H_
#define BLOCKRT_CONTEXTS_COURSE_AUTHORING_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "contexts/course.h"
#include "contexts/course_context.h"
#include "contexts/user.h"
#include "keys/key.h"
#include "olx/course/course_edit.h"
#include "olx/file_source.h"
#include "store/types.h"

namespace blockrt::contexts {

struct NewCourse {
  std::string key;    // "course-v1:ORG+COURSE+RUN"
  std::string title;  // the course block's display_name
  std::string admin;  // user id given the staff role; may be empty
  bool allow_public_learning = false;
};

// What an import did to the draft.
struct CourseImportReport {
  bool created = false;  // the course did not exist before
  int64_t files_seen = 0;
  int64_t files_changed = 0;           // written with new bytes (the rewrite's included)
  std::vector<std::string> deleted;    // draft paths absent from the export, sorted
  std::vector<std::string> moved;      // export paths the run rewrite renamed, sorted
  std::vector<std::string> rewritten;  // draft paths written by the run rewrite, sorted
  std::string from_key;                // the course key the export named itself
  size_t blocks = 0;                   // blocks loaded from the imported tree
  size_t errors = 0, warnings = 0;     // the load's diagnostics
};

struct CourseStatus {
  CourseInfo info;
  bool has_draft_changes = false;
  std::vector<store::DraftChange> changes;   // the draft's pending changes
  std::vector<store::VersionInfo> versions;  // oldest first
};

class CourseAuthoring {
 public:
  explicit CourseAuthoring(CourseContext* context, User actor = {})
      : ctx_(context), actor_(std::move(actor)) {}

  CourseAuthoring As(User actor) const { return CourseAuthoring(ctx_, std::move(actor)); }
  const User& actor() const { return actor_; }
  // OK when no actor is named or the actor holds `needed` on the course
  // (kLearner is also met by public learning). NotFound for no course.
  Status Authorize(std::string_view course_key, CourseRole needed) const;

  // A new bundle whose draft holds a minimal valid export: course.xml
  // pointing at course/RUN.xml (display_name = title) and
  // policies/RUN/policy.json (a v1 library: library.xml and
  // policies/assets.json). AlreadyExists for a taken key; InvalidArgument
  // unless the key is course-v1:ORG+COURSE+RUN (library-v1:ORG+LIB).
  Result<CourseInfo> CreateCourse(const NewCourse& spec);
  // With an actor: only the courses it holds a role on or may learn from.
  Result<std::vector<CourseInfo>> ListCourses() const;
  // kNone removes the user's role.
  Status SetRole(std::string_view course_key, std::string_view user_id, CourseRole role);
  Status SetPublicLearning(std::string_view course_key, bool allow);
  // The record and the bundle, in one transaction.
  Status DeleteCourse(std::string_view course_key);

  // The export directory `dir` becomes the draft of `course_key` (created,
  // with `admin` as staff, when missing): mirroring, byte-faithful for every
  // file the run rewrite (olx/course/run_rewrite.h; libraries:
  // olx/course/library_rewrite.h) does not touch. The
  // export must load as a course (olx LoadCourse) once rewritten; else, or
  // on any store error, nothing is written. IOError for a missing dir.
  Result<CourseImportReport> ImportCourse(const std::string& dir, std::string_view course_key,
                                          std::string_view admin = {});
  // The draft (or, with `published`, the latest version) written under
  // `out_dir` (must not exist or be empty) byte for byte. Returns the files
  // written. FailedPrecondition for `published` when never published.
  Result<int64_t> ExportCourse(std::string_view course_key, const std::string& out_dir,
                               bool published = false) const;

  // Commits the draft as a new version. FailedPrecondition when nothing changed.
  Result<int64_t> Publish(std::string_view course_key, std::string_view author = {});
  // Drops unpublished changes (no-op without a draft).
  Status Discard(std::string_view course_key);
  Result<CourseStatus> GetStatus(std::string_view course_key) const;

  // The course tree: the draft (staff), or with `published` the latest
  // version (learner; empty when never published).
  Result<std::shared_ptr<const CourseView>> Tree(std::string_view course_key,
                                                 bool published = false) const;

  // Block edits in the draft (staff; course_block_edits.cc). Each writes
  // exactly the files the olx edit (olx/course/course_edit.h) changes, in
  // one transaction: a commit stays O(changed files). Errors are the edit's
  // (NotFound for no such block, InvalidArgument for a bad field or id...).
  //
  // A new child TYPE/ID of `parent`, appended or right after its child
  // `after`, from `olx` (root tag TYPE) or an empty <TYPE/>.
  Result<keys::Key> AddBlock(const keys::KeyView& parent, std::string_view type,
                             std::string_view id, std::optional<std::string_view> olx = {},
                             const keys::KeyView* after = nullptr);
  // The block and its subtree (not the course root).
  Status DeleteBlock(const keys::KeyView& usage);
  // A settings or content field, where the next load reads it.
  Status SetField(const keys::KeyView& usage, std::string_view field, std::string_view value);
  Status UnsetField(const keys::KeyView& usage, std::string_view field);

  // Any olx edit of the draft holding the block `usage` (staff): `edit`
  // runs inside one write transaction on the current draft view and the
  // changes it returns are written, all or none. Edits built outside this
  // class (library_content sync and duplication) go through it.
  using DraftEdit = std::function<Result<std::vector<olx::FileChange>>(
      const CourseView& view, const olx::FileSource& files, uint32_t block)>;
  Status ApplyDraftEdit(const keys::KeyView& usage, std::string_view what, const DraftEdit& edit) {
    return EditDraft(usage, what, edit);
  }

 private:
  // `key` canonicalized for the context's kind (course-v1 or library-v1).
  Result<std::string> CanonicalKey(std::string_view key) const;
  std::string Noun() const;  // "course" or "library", for messages
  // The record of `course_key` (a course-v1 key, canonicalized).
  Result<std::shared_ptr<const CourseInfo>> Find(std::string_view course_key) const;
  // PermissionDenied unless the actor (if any) holds `needed` on `course`.
  Status Require(const CourseInfo& course, CourseRole needed, std::string_view what) const;
  // Creates record + bundle (inside the caller's transaction).
  Result<CourseInfo> CreateLocked(const NewCourse& spec, bool write_skeleton);
  // Runs `fn` in one store write transaction; invalidates the bundle's views
  // and forgets the record afterwards, whatever the outcome.
  Status InTransaction(const std::string& bundle_uuid, const std::string& key,
                       const std::function<Status()>& fn);

  // The draft view of the course of `usage`, checked current inside the
  // caller's transaction, and the index of `usage` in it; `edit` returns the
  // file changes to write.
  using EditFn = std::function<Result<std::vector<olx::FileChange>>(
      const CourseView& view, const olx::FileSource& files, uint32_t block)>;
  Status EditDraft(const keys::KeyView& usage, std::string_view what, const EditFn& edit);

  CourseContext* ctx_;
  User actor_;
};

// "course-v1:ORG+COURSE+RUN" canonicalized; InvalidArgument for any other
// key (deprecated ORG/COURSE/RUN, ccx, branch or version parts).
Result<std::string> CanonicalCourseKey(std::string_view key);
// "library-v1:ORG+LIB" canonicalized (a third part is dropped, as
// opaque-keys does); InvalidArgument for other keys, branch or version parts.
Result<std::string> CanonicalV1LibraryKey(std::string_view key);

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_COURSE_AUTHORING_H_
