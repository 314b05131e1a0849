// blockrt lib subcommands for v1 libraries (see cli/lib_v1.h).
#include <optional>

#include "cli/lib_v1.h"
#include "contexts/course_authoring.h"

namespace blockrt::cli {
namespace {

// v1 libraries carry the course roles (edx-platform gives them course staff
// and instructor roles plus a library-user role): staff edit and publish,
// learners view. The v2 names are accepted too: admin and author are staff.
std::optional<contexts::CourseRole> V1RoleFromName(std::string_view name) {
  if (name == "admin" || name == "author") return contexts::CourseRole::kStaff;
  return contexts::CourseRoleFromName(name);
}

const char* ChangeKindName(store::DraftChange::Kind kind) {
  switch (kind) {
    case store::DraftChange::Kind::kAdded:
      return "added";
    case store::DraftChange::Kind::kModified:
      return "modified";
    case store::DraftChange::Kind::kDeleted:
      return "deleted";
    case store::DraftChange::Kind::kLinkSet:
      return "link_set";
    case store::DraftChange::Kind::kLinkRemoved:
      return "link_removed";
  }
  return "changed";
}

}  // namespace

bool IsV1LibraryKey(std::string_view key) { return key.substr(0, 11) == "library-v1:"; }

Status RunLibV1Sub(const std::string& sub, const CommonFlags& f, runtime::Engine& engine,
                   nlohmann::json* result, std::string* text) {
  contexts::CourseAuthoring a =
      contexts::CourseAuthoring(&engine.v1_libraries()).As(contexts::User(f.user));
  const auto& p = f.positional;
  if (sub == "create") {
    contexts::NewCourse spec;
    spec.key = p[0];
    if (const std::string* t = OptionValue(f, "--title")) spec.title = *t;
    if (const std::string* u = OptionValue(f, "--admin")) spec.admin = *u;
    spec.allow_public_learning = HasSwitch(f, "--public");
    BLOCKRT_ASSIGN_OR_RETURN(contexts::CourseInfo info, a.CreateCourse(spec));
    *result = {{"library", info.key}, {"bundle", info.bundle_uuid}};
    *text = "created " + info.key + " (bundle " + info.bundle_uuid + ")";
  } else if (sub == "delete") {
    BLOCKRT_RETURN_IF_ERROR(a.DeleteCourse(p[0]));
    *result = {{"deleted_library", p[0]}};
    *text = "deleted " + p[0] + " (run 'blockrt store gc' to reclaim its bytes)";
  } else if (sub == "role") {
    std::optional<contexts::CourseRole> role = V1RoleFromName(p[2]);
    if (!role) {
      return Status::InvalidArgument("unknown role '" + p[2] +
                                     "' for a v1 library (staff|learner|none; admin and author "
                                     "mean staff)");
    }
    BLOCKRT_RETURN_IF_ERROR(a.SetRole(p[0], p[1], *role));
    const std::string name(contexts::CourseRoleName(*role));
    *result = {{"library", p[0]}, {"user", p[1]}, {"role", name}};
    *text = p[1] + " is now " + name + " of " + p[0];
  } else if (sub == "import") {
    if (HasSwitch(f, "--merge")) {
      return Status::InvalidArgument(
          "--merge is not offered for v1 libraries: an import mirrors the library.xml export");
    }
    BLOCKRT_ASSIGN_OR_RETURN(
        contexts::CourseImportReport r,
        a.ImportCourse(
            p[1], p[0],
            OptionValue(f, "--admin") != nullptr ? *OptionValue(f, "--admin") : std::string()));
    *result = {{"library", p[0]},          {"created", r.created},
               {"files", r.files_seen},    {"files_changed", r.files_changed},
               {"mode", "mirror"},         {"deleted", r.deleted},
               {"rewritten", r.rewritten}, {"from", r.from_key},
               {"blocks", r.blocks},       {"errors", r.errors},
               {"warnings", r.warnings}};
    *text = "imported " + std::to_string(r.files_seen) + " files (" + std::to_string(r.blocks) +
            " blocks) into " + p[0] + " (draft)";
    if (r.from_key != p[0]) *text += "; exported as " + r.from_key + ", rewritten";
    if (r.errors + r.warnings > 0) {
      *text += "; " + std::to_string(r.errors) + " errors, " + std::to_string(r.warnings) +
               " warnings (blockrt course load DIR lists them)";
    }
    for (const std::string& path : r.deleted) *text += "\n  deleted " + path;
  } else if (sub == "publish") {
    BLOCKRT_ASSIGN_OR_RETURN(int64_t version, a.Publish(p[0]));
    *result = {{"library", p[0]}, {"version", version}};
    *text = "published " + p[0] + " as version " + std::to_string(version);
  } else if (sub == "discard") {
    BLOCKRT_RETURN_IF_ERROR(a.Discard(p[0]));
    *result = {{"library", p[0]}, {"discarded", true}};
    *text = "discarded unpublished changes of " + p[0];
  } else if (sub == "status") {
    BLOCKRT_ASSIGN_OR_RETURN(contexts::CourseStatus st, a.GetStatus(p[0]));
    nlohmann::json changes = nlohmann::json::array();
    for (const store::DraftChange& c : st.changes) {
      changes.push_back({{"change", ChangeKindName(c.kind)}, {"path", c.name}});
    }
    const int64_t latest = st.versions.empty() ? 0 : st.versions.back().version;
    *result = {{"library", st.info.key},
               {"has_unpublished_changes", st.has_draft_changes},
               {"latest_version", latest},
               {"changes", changes}};
    *text = st.has_draft_changes
                ? "unpublished changes (" + std::to_string(st.changes.size()) + " files)"
                : "no unpublished changes";
    *text += latest == 0 ? "; never published" : "; latest version " + std::to_string(latest);
  } else if (sub == "blocks") {
    const bool studio = f.mode == runtime::Mode::kStudio;
    BLOCKRT_RETURN_IF_ERROR(
        a.Authorize(p[0], studio ? contexts::CourseRole::kStaff : contexts::CourseRole::kLearner));
    BLOCKRT_ASSIGN_OR_RETURN(std::string key, contexts::CanonicalV1LibraryKey(p[0]));
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key lib, keys::Key::Parse(key, keys::KeyBase::kLibraryLocator));
    contexts::ContentSelector sel{studio ? contexts::kStudioDraft : std::string_view()};
    contexts::CourseContext& ctx = engine.v1_libraries();
    BLOCKRT_ASSIGN_OR_RETURN(std::vector<keys::Key> blocks,
                             HasSwitch(f, "--all") ? ctx.ListBlocks(lib.view(), sel)
                                                   : ctx.TopLevelBlocks(lib.view(), sel));
    nlohmann::json arr = nlohmann::json::array();
    for (const keys::Key& b : blocks) {
      arr.push_back(b.ToString());
      *text += b.ToString() + "\n";
    }
    *result = {{"library", key}, {"mode", std::string(runtime::ModeName(f.mode))}, {"blocks", arr}};
    if (!text->empty()) text->pop_back();
  } else if (sub == "export") {
    const bool published = HasSwitch(f, "--published");
    BLOCKRT_ASSIGN_OR_RETURN(int64_t files, a.ExportCourse(p[0], p[1], published));
    *result = {{"library", p[0]}, {"out", p[1]}, {"files", files}, {"published", published}};
    *text = "exported " + std::to_string(files) + " files of " + p[0] +
            (published ? " (latest version)" : " (draft)") + " to " + p[1];
  } else {
    return Status::NotSupported("blockrt lib " + sub +
                                " works on v2 libraries (lib:ORG:SLUG) only; v1 library blocks "
                                "are edited by importing a library.xml export");
  }
  return Status::OK();
}

Status ListV1Libraries(const CommonFlags& f, runtime::Engine& engine, nlohmann::json* libraries,
                       std::string* text) {
  contexts::CourseAuthoring a =
      contexts::CourseAuthoring(&engine.v1_libraries()).As(contexts::User(f.user));
  BLOCKRT_ASSIGN_OR_RETURN(std::vector<contexts::CourseInfo> libs, a.ListCourses());
  for (const contexts::CourseInfo& l : libs) {
    libraries->push_back({{"library", l.key},
                          {"title", l.title},
                          {"bundle", l.bundle_uuid},
                          {"allow_public_learning", l.allow_public_learning}});
    *text += l.key + "\t" + l.title + "\n";
  }
  return Status::OK();
}

}  // namespace blockrt::cli
