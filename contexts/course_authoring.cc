#include "contexts/course_authoring.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <system_error>

#include "base/utf8.h"
#include "contexts/internal/course_table.h"
#include "contexts/internal/roles.h"
#include "contexts/library.h"
#include "keys/key.h"
#include "olx/course/course.h"
#include "olx/course/library_rewrite.h"
#include "olx/course/run_rewrite.h"
#include "olx/definition.h"
#include "olx/overlay_source.h"
#include "store/digest.h"

namespace blockrt::contexts {
namespace {

using Kind = olx::Course::Kind;

// Bundle slugs allow [A-Za-z0-9_-] and non-ASCII letters; course keys also
// allow '.', '~' and ':', which become '_'.
std::string BundleSlugFor(Kind kind, const olx::CourseIdentity& id) {
  const bool library = kind == Kind::kLibrary;
  std::string out = library ? "library-v1-" : "course-";
  for (std::string_view part :
       {std::string_view(id.org), std::string_view("-"), std::string_view(id.course),
        std::string_view(library ? "" : "-"), std::string_view(id.run)}) {
    for (char c : part) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || static_cast<unsigned char>(c) >= 0x80;
      out.push_back(ok ? c : '_');
    }
  }
  return out;
}

olx::CourseIdentity IdentityOf(const std::string& canonical_key) {
  if (canonical_key.compare(0, 11, "library-v1:") == 0) {
    // CanonicalV1LibraryKey() vouched for library-v1:ORG+LIB.
    std::string_view rest = std::string_view(canonical_key).substr(11);
    size_t plus = rest.find('+');
    return {std::string(rest.substr(0, plus)), std::string(rest.substr(plus + 1)), ""};
  }
  // CanonicalCourseKey() vouched for the shape course-v1:ORG+COURSE+RUN.
  std::string_view rest = std::string_view(canonical_key).substr(10);
  size_t a = rest.find('+'), b = rest.find('+', a + 1);
  return {std::string(rest.substr(0, a)), std::string(rest.substr(a + 1, b - a - 1)),
          std::string(rest.substr(b + 1))};
}

// The key a context of `kind` gives the export identity `id`.
std::string KeyOf(Kind kind, const olx::CourseIdentity& id) {
  return kind == Kind::kLibrary ? "library-v1:" + id.org + "+" + id.course : id.Key();
}

// The minimal export Studio would write for a new course: course.xml points
// at course/RUN.xml; the policy holds the course's settings. A v1 library:
// library.xml naming itself (its root block is always "library", as Studio
// writes it), no blocks yet, and the empty asset policy.
std::vector<std::pair<std::string, std::string>> SkeletonFiles(Kind kind,
                                                               const olx::CourseIdentity& id,
                                                               const std::string& title) {
  if (kind == Kind::kLibrary) {
    olx::Definition library;
    library.block_type = "library";
    library.attributes = {{"display_name", title},
                          {"library", id.course},
                          {"org", id.org},
                          {"url_name", "library"},
                          {"xblock-family", "xblock.v1"}};
    if (title.empty()) library.attributes.erase(library.attributes.begin());
    return {{"library.xml", olx::WriteDefinition(library)}, {"policies/assets.json", "{}"}};
  }
  olx::Definition course;
  course.block_type = "course";
  if (!title.empty()) course.attributes.push_back({"display_name", title});
  course.body = "\n  <wiki slug=\"" + id.org + "." + id.course + "." + id.run + "\"/>\n";
  nlohmann::json settings = nlohmann::json::object();
  if (!title.empty()) settings["display_name"] = title;
  nlohmann::json policy = {{"course/" + id.run, settings}};
  return {
      {"course.xml", "<course url_name=\"" + id.run + "\" org=\"" + id.org + "\" course=\"" +
                         id.course + "\"/>\n"},
      {olx::CourseFilePath(id.run), olx::WriteDefinition(course)},
      // json.dumps(indent=4, sort_keys=True), as Studio's export writes it.
      {"policies/" + id.run + "/policy.json",
       policy.dump(4, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"},
  };
}

}  // namespace

Result<std::string> CanonicalCourseKey(std::string_view key) {
  Result<keys::Key> parsed = keys::Key::Parse(key, keys::KeyBase::kCourseKey);
  auto refuse = [&](std::string_view why) {
    return Status::InvalidArgument("'" + PrintableBytes(key) +
                                   "' is not a course key course-v1:ORG+COURSE+RUN (" +
                                   std::string(why) + ")");
  };
  if (!parsed.ok()) return refuse(parsed.status().message());
  const keys::KeyView& k = parsed->view();
  if (k.kind() != keys::KeyKind::kCourseLocator || k.deprecated()) {
    return refuse("only course-v1 keys name stored courses");
  }
  if (k.branch() || k.version_guid()) return refuse("no branch or version part");
  if (!k.org() || !k.course() || !k.run()) return refuse("org, course and run are required");
  return k.ToString();
}

Result<std::string> CanonicalV1LibraryKey(std::string_view key) {
  Result<keys::Key> parsed = keys::Key::Parse(key, keys::KeyBase::kLibraryLocator);
  auto refuse = [&](std::string_view why) {
    return Status::InvalidArgument("'" + PrintableBytes(key) +
                                   "' is not a v1 library key library-v1:ORG+LIB (" +
                                   std::string(why) + ")");
  };
  if (!parsed.ok()) return refuse(parsed.status().message());
  const keys::KeyView& k = parsed->view();
  if (k.branch() || k.version_guid()) return refuse("no branch or version part");
  if (!k.org() || !k.course()) return refuse("org and library are required");
  return k.ToString();
}

Result<std::string> CourseAuthoring::CanonicalKey(std::string_view key) const {
  return ctx_->kind() == Kind::kLibrary ? CanonicalV1LibraryKey(key) : CanonicalCourseKey(key);
}

std::string CourseAuthoring::Noun() const { return std::string(ExportKindNoun(ctx_->kind())); }

Result<std::shared_ptr<const CourseInfo>> CourseAuthoring::Find(std::string_view key) const {
  BLOCKRT_ASSIGN_OR_RETURN(std::string canonical, CanonicalKey(key));
  return ctx_->table().Get(canonical);
}

Status CourseAuthoring::Require(const CourseInfo& course, CourseRole needed,
                                std::string_view what) const {
  if (actor_.is_none()) return Status::OK();
  BLOCKRT_RETURN_IF_ERROR(ValidateUserId(actor_.id));
  const CourseRole has = course.RoleOf(actor_.id);
  if (has >= needed || (needed == CourseRole::kLearner && course.allow_public_learning)) {
    return Status::OK();
  }
  return Status::PermissionDenied("user '" + actor_.id + "' may not " + std::string(what) + " " +
                                  course.key + ": that needs the " +
                                  std::string(CourseRoleName(needed)) + " role (has " +
                                  std::string(CourseRoleName(has)) + ")");
}

Status CourseAuthoring::Authorize(std::string_view course_key, CourseRole needed) const {
  BLOCKRT_ASSIGN_OR_RETURN(auto course, Find(course_key));
  return Require(*course, needed, needed >= CourseRole::kStaff ? "read the draft of" : "view");
}

Status CourseAuthoring::InTransaction(const std::string& bundle_uuid, const std::string& key,
                                      const std::function<Status()>& fn) {
  // No blanket invalidation first: what reads a view inside checks it is
  // current (course_block_edits.cc), so a fresh view of a large course is
  // not thrown away.
  Status st = ctx_->snapshots().store()->Transact(fn);
  // Views built inside may hold what a rollback undid.
  ctx_->snapshots().Invalidate(bundle_uuid);
  ctx_->table().Forget(key);
  return st;
}

Result<CourseInfo> CourseAuthoring::CreateLocked(const NewCourse& spec, bool write_skeleton) {
  BLOCKRT_ASSIGN_OR_RETURN(std::string key, CanonicalKey(spec.key));
  CourseInfo info;
  info.key = key;
  if (size_t at = 0; !IsValidUtf8(spec.title, &at)) {
    return Status::InvalidArgument(Noun() + " title '" + PrintableBytes(spec.title) + "': byte " +
                                   std::to_string(at) + " is not valid UTF-8");
  }
  info.title = spec.title;
  info.allow_public_learning = spec.allow_public_learning;
  if (!actor_.is_none()) BLOCKRT_RETURN_IF_ERROR(ValidateUserId(actor_.id));
  const std::string& admin = spec.admin.empty() ? actor_.id : spec.admin;
  if (!admin.empty()) {
    BLOCKRT_RETURN_IF_ERROR(ValidateUserId(admin));
    if (User(admin).is_anonymous()) {
      return Status::InvalidArgument("anonymous users ('" + admin + "') cannot hold " + Noun() +
                                     " roles");
    }
    info.roles[admin] = CourseRole::kStaff;
  }
  store::Store& store = *ctx_->snapshots().store();
  Result<std::shared_ptr<const CourseInfo>> existing = ctx_->table().Get(info.key);
  if (existing.ok()) {
    return Status::AlreadyExists(Noun() + " '" + info.key + "' already exists");
  }
  if (!existing.status().IsNotFound()) return existing.status();
  const olx::CourseIdentity id = IdentityOf(info.key);
  store::NewBundle bundle;
  bundle.slug = BundleSlugFor(ctx_->kind(), id);
  bundle.title = spec.title;
  Result<store::BundleInfo> created = store.CreateBundle(bundle);
  if (!created.ok() && created.status().code() == Status::Code::kAlreadyExists) {
    // Two keys can sanitize to one slug ("a.b" and "a_b"); disambiguate.
    bundle.slug += "-" + store::ContentDigest(info.key).substr(0, 8);
    created = store.CreateBundle(bundle);
  }
  if (!created.ok()) return created.status();
  info.bundle_uuid = created->uuid;
  BLOCKRT_RETURN_IF_ERROR(ctx_->table().Put(info));
  if (write_skeleton) {
    for (const auto& [path, bytes] : SkeletonFiles(ctx_->kind(), id, info.title)) {
      BLOCKRT_RETURN_IF_ERROR(store.WriteFile(info.bundle_uuid, kStudioDraft, path, bytes));
    }
  }
  return info;
}

Result<CourseInfo> CourseAuthoring::CreateCourse(const NewCourse& spec) {
  Result<CourseInfo> out = Status::Internal("unset");
  Status st = ctx_->snapshots().store()->Transact([&]() -> Status {
    out = CreateLocked(spec, /*write_skeleton=*/true);
    return out.status();
  });
  if (out.ok()) {
    ctx_->snapshots().Invalidate(out->bundle_uuid);
    ctx_->table().Forget(out->key);
  } else if (Result<std::string> key = CanonicalKey(spec.key); key.ok()) {
    ctx_->table().Forget(*key);
  }
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<CourseInfo>> CourseAuthoring::ListCourses() const {
  BLOCKRT_ASSIGN_OR_RETURN(std::vector<CourseInfo> all, ctx_->table().List());
  if (actor_.is_none()) return all;
  BLOCKRT_RETURN_IF_ERROR(ValidateUserId(actor_.id));
  all.erase(std::remove_if(all.begin(), all.end(),
                           [&](const CourseInfo& c) {
                             return !Require(c, CourseRole::kLearner, "view").ok();
                           }),
            all.end());
  return all;
}

Status CourseAuthoring::SetRole(std::string_view course_key, std::string_view user,
                                CourseRole role) {
  BLOCKRT_RETURN_IF_ERROR(internal::CheckGrantee(user, Noun()));
  BLOCKRT_ASSIGN_OR_RETURN(auto course, Find(course_key));
  // The check and the change read the stored record in one transaction: a
  // revocation that lands first is seen, never overwritten.
  return ctx_->table().Update(course->key, [&](CourseInfo* info) -> Status {
    BLOCKRT_RETURN_IF_ERROR(Require(*info, CourseRole::kStaff, "grant roles on"));
    internal::ApplyRole(&info->roles, user, role);
    return Status::OK();
  });
}

Status CourseAuthoring::SetPublicLearning(std::string_view course_key, bool allow) {
  BLOCKRT_ASSIGN_OR_RETURN(auto course, Find(course_key));
  return ctx_->table().Update(course->key, [&](CourseInfo* info) -> Status {
    BLOCKRT_RETURN_IF_ERROR(Require(*info, CourseRole::kStaff, "change public learning of"));
    info->allow_public_learning = allow;
    return Status::OK();
  });
}

Status CourseAuthoring::DeleteCourse(std::string_view course_key) {
  BLOCKRT_ASSIGN_OR_RETURN(auto course, Find(course_key));
  BLOCKRT_RETURN_IF_ERROR(Require(*course, CourseRole::kStaff, "delete"));
  store::Store& store = *ctx_->snapshots().store();
  // The record goes first: while it names the bundle, the store refuses to
  // delete the bundle (it is owned).
  return InTransaction(course->bundle_uuid, course->key, [&]() -> Status {
    BLOCKRT_RETURN_IF_ERROR(ctx_->table().Remove(course->key));
    Status deleted = store.DeleteBundle(course->bundle_uuid);
    return deleted.IsNotFound() ? Status::OK() : deleted;
  });
}

Result<CourseImportReport> CourseAuthoring::ImportCourse(const std::string& dir,
                                                         std::string_view course_key,
                                                         std::string_view admin) {
  BLOCKRT_ASSIGN_OR_RETURN(std::string key, CanonicalKey(course_key));
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::IOError("'" + dir + "' is not a directory");
  }
  // Permission first, so a refused import costs no load.
  Result<std::shared_ptr<const CourseInfo>> existing = ctx_->table().Get(key);
  if (existing.ok()) {
    BLOCKRT_RETURN_IF_ERROR(Require(**existing, CourseRole::kStaff, "import into"));
  } else if (!existing.status().IsNotFound()) {
    return existing.status();
  }

  // The rewrite for the target key, checked by loading what the draft will
  // hold: the export with the rewrite laid over it.
  const olx::CourseIdentity to = IdentityOf(key);
  std::unique_ptr<olx::FileSource> files = olx::OpenDirectorySource(dir);
  BLOCKRT_ASSIGN_OR_RETURN(olx::RunRewrite rewrite, ctx_->kind() == Kind::kLibrary
                                                        ? olx::PlanLibraryRewrite(*files, to)
                                                        : olx::PlanRunRewrite(*files, to));
  olx::OverlayFileSource will_hold(files.get());
  for (const std::string& path : rewrite.removes) will_hold.Remove(path);
  for (const auto& [path, bytes] : rewrite.writes) {
    BLOCKRT_RETURN_IF_ERROR(will_hold.Put(path, bytes));
  }
  // The load (CPU bound) runs beside the store import (mostly I/O); the
  // transaction commits only once the load has vouched for the tree.
  std::future<Result<olx::Course>> load;
  try {
    load = std::async(std::launch::async, [&will_hold] { return olx::LoadCourse(will_hold); });
  } catch (const std::system_error&) {  // no thread to be had: load here
    std::promise<Result<olx::Course>> now;
    now.set_value(olx::LoadCourse(will_hold));
    load = now.get_future();
  }

  CourseImportReport report;
  report.from_key = KeyOf(ctx_->kind(), rewrite.from);
  report.moved = rewrite.removes;
  for (const auto& [path, bytes] : rewrite.writes) report.rewritten.push_back(path);
  store::Store& store = *ctx_->snapshots().store();
  std::string bundle;
  Status st = store.Transact([&]() -> Status {
    Result<std::shared_ptr<const CourseInfo>> course = ctx_->table().Get(key);
    std::optional<CourseInfo> created;
    if (course.status().IsNotFound()) {
      NewCourse spec;
      spec.key = key;
      spec.admin = std::string(admin);
      BLOCKRT_ASSIGN_OR_RETURN(created, CreateLocked(spec, /*write_skeleton=*/false));
      bundle = created->bundle_uuid;
      report.created = true;
    } else {
      BLOCKRT_RETURN_IF_ERROR(course.status());
      // Re-checked under the lock: a revocation may have landed meanwhile.
      BLOCKRT_RETURN_IF_ERROR(Require(**course, CourseRole::kStaff, "import into"));
      bundle = (*course)->bundle_uuid;
    }
    ctx_->snapshots().Invalidate(bundle);
    std::vector<std::string> before;
    if (!report.created) {
      BLOCKRT_ASSIGN_OR_RETURN(auto snap, ctx_->snapshots().Draft(bundle, kStudioDraft));
      for (const store::FileInfo& f : snap->files) before.push_back(f.path);
    }
    // The bulk streams from disk; only the rewrite's few files go by hand.
    BLOCKRT_ASSIGN_OR_RETURN(store::ImportStats stats,
                             store.ImportDirectory(bundle, kStudioDraft, dir, {/*mirror=*/true}));
    report.files_seen = stats.files_seen;
    report.files_changed = stats.files_changed;
    for (const std::string& path : rewrite.removes) {
      BLOCKRT_RETURN_IF_ERROR(store.DeleteFile(bundle, kStudioDraft, path));
    }
    for (const auto& [path, bytes] : rewrite.writes) {
      BLOCKRT_RETURN_IF_ERROR(store.WriteFile(bundle, kStudioDraft, path, bytes));
    }

    Result<olx::Course> loaded = load.get();
    if (!loaded.ok()) {
      return Status::InvalidArgument("cannot import " + dir + " as " + key + ": " +
                                     loaded.status().message());
    }
    if (loaded->context_key != key) {
      return Status::Internal("the run rewrite of " + dir + " loads as " + loaded->context_key +
                              ", not " + key);
    }
    report.blocks = loaded->blocks.size();
    report.errors = loaded->error_count();
    report.warnings = loaded->warning_count();
    if (created && !loaded->blocks.empty()) {
      // A new course takes the export's title.
      if (const std::string_view* title = loaded->blocks[0].definition.attribute("display_name")) {
        created->title = std::string(*title);
        BLOCKRT_RETURN_IF_ERROR(ctx_->table().Put(*created));
      }
    }
    // Deleted = in the draft before, in neither the export nor the rewrite
    // (the source is read here, after the load thread is done with it).
    std::set<std::string> removed(rewrite.removes.begin(), rewrite.removes.end());
    for (const std::string& path : before) {
      const bool kept =
          (files->IsFile(path) && removed.count(path) == 0) || rewrite.writes.count(path) != 0;
      if (!kept) report.deleted.push_back(path);
    }
    return Status::OK();
  });
  if (!bundle.empty()) ctx_->snapshots().Invalidate(bundle);
  ctx_->table().Forget(key);
  if (!st.ok()) return st;
  return report;
}

Result<int64_t> CourseAuthoring::ExportCourse(std::string_view course_key,
                                              const std::string& out_dir, bool published) const {
  BLOCKRT_ASSIGN_OR_RETURN(auto course, Find(course_key));
  BLOCKRT_RETURN_IF_ERROR(Require(*course, published ? CourseRole::kLearner : CourseRole::kStaff,
                                  published ? "export" : "export the draft of"));
  store::Store& store = *ctx_->snapshots().store();
  BLOCKRT_ASSIGN_OR_RETURN(store::BundleInfo bundle, store.GetBundle(course->bundle_uuid));
  if (published) {
    if (bundle.latest_version == 0) {
      return Status::FailedPrecondition(Noun() + " " + course->key + " was never published");
    }
    return store.ExportDirectory(bundle.uuid, store::Ref::Version(bundle.latest_version), out_dir);
  }
  // Without a draft (discarded) the draft reads as the latest version.
  const store::Ref at = store.DraftExists(bundle.uuid, kStudioDraft)
                            ? store::Ref::Draft(std::string(kStudioDraft))
                            : store::Ref::Latest();
  return store.ExportDirectory(bundle.uuid, at, out_dir);
}

Result<int64_t> CourseAuthoring::Publish(std::string_view course_key, std::string_view author) {
  BLOCKRT_ASSIGN_OR_RETURN(auto course, Find(course_key));
  BLOCKRT_RETURN_IF_ERROR(Require(*course, CourseRole::kStaff, "publish"));
  store::Store& store = *ctx_->snapshots().store();
  int64_t version = 0;
  BLOCKRT_RETURN_IF_ERROR(InTransaction(course->bundle_uuid, course->key, [&]() -> Status {
    bool changed = false;
    if (store.DraftExists(course->bundle_uuid, kStudioDraft)) {
      BLOCKRT_ASSIGN_OR_RETURN(changed, store.HasChanges(course->bundle_uuid, kStudioDraft));
    }
    if (!changed) {
      return Status::FailedPrecondition(Noun() + " " + course->key + " has no unpublished changes");
    }
    store::CommitOptions opts;
    opts.author = std::string(author.empty() ? std::string_view(actor_.id) : author);
    opts.change_description = "publish " + course->key;
    BLOCKRT_ASSIGN_OR_RETURN(version, store.Commit(course->bundle_uuid, kStudioDraft, opts));
    return Status::OK();
  }));
  return version;
}

Status CourseAuthoring::Discard(std::string_view course_key) {
  BLOCKRT_ASSIGN_OR_RETURN(auto course, Find(course_key));
  BLOCKRT_RETURN_IF_ERROR(Require(*course, CourseRole::kStaff, "discard the draft of"));
  store::Store& store = *ctx_->snapshots().store();
  return InTransaction(course->bundle_uuid, course->key, [&]() -> Status {
    if (!store.DraftExists(course->bundle_uuid, kStudioDraft)) return Status::OK();
    return store.DiscardDraft(course->bundle_uuid, kStudioDraft);
  });
}

Result<CourseStatus> CourseAuthoring::GetStatus(std::string_view course_key) const {
  BLOCKRT_ASSIGN_OR_RETURN(auto course, Find(course_key));
  BLOCKRT_RETURN_IF_ERROR(Require(*course, CourseRole::kStaff, "read the draft of"));
  store::Store& store = *ctx_->snapshots().store();
  CourseStatus out;
  out.info = *course;
  if (store.DraftExists(course->bundle_uuid, kStudioDraft)) {
    BLOCKRT_ASSIGN_OR_RETURN(out.changes, store.Diff(course->bundle_uuid, kStudioDraft));
    out.has_draft_changes = !out.changes.empty();
  }
  BLOCKRT_ASSIGN_OR_RETURN(out.versions, store.ListVersions(course->bundle_uuid));
  return out;
}

}  // namespace blockrt::contexts
