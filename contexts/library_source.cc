// ReadLibrary for both library kinds. v1: the library.xml tree of the
// version's export (the course loader, through course_blocks). v2: the
// version's TYPE/ID/definition.xml files, top-level = what no block
// includes (the include index LibraryContext uses), children followed
// through <xblock-include> as the runtime does.
#include "contexts/library_source.h"

#include <unordered_set>

#include "contexts/course_context.h"
#include "contexts/internal/course_blocks.h"
#include "contexts/internal/course_table.h"
#include "contexts/internal/include_index.h"
#include "contexts/internal/library_table.h"
#include "contexts/library_context.h"
#include "keys/key.h"
#include "olx/child_usage.h"

namespace blockrt::contexts {

size_t LibrarySnapshot::CountBlocks() const {
  size_t n = 0;
  std::vector<const LibraryBlock*> todo;
  for (const LibraryBlock& b : blocks) todo.push_back(&b);
  while (!todo.empty()) {
    const LibraryBlock* b = todo.back();
    todo.pop_back();
    ++n;
    for (const LibraryBlock& c : b->children) todo.push_back(&c);
  }
  return n;
}

namespace {

// Deeper include chains than this are refused rather than followed (the
// bundle checks reject cycles; this keeps a damaged store from recursing).
constexpr int kMaxDepth = 128;

Status LibraryNotFound(std::string_view key) {
  return Status::NotFound("Library " + std::string(key) + " not found.");
}
Status VersionNotFound(std::string_view key, int64_t version) {
  return Status::NotFound("Version " + std::to_string(version) + " of library " + std::string(key) +
                          " not found.");
}

// Settings, content and OLX of one block from its definition (attributes and
// fields as olx parsed them; includes are children, not part of the block).
void FillFromDefinition(const olx::Definition& def, LibraryBlock* out) {
  out->block_type = def.block_type;
  for (const olx::Attribute& a : def.attributes) {
    // Not settings: the block's id, its family marker, and defaults a
    // library block may carry from a course it was copied out of.
    if (a.name == "url_name" || a.name == "xblock-family" || a.name.rfind("default-", 0) == 0) {
      continue;
    }
    out->settings.push_back(a);
  }
  for (const olx::FieldValue& f : def.fields) {
    if (f.scope == olx::FieldScope::kContent) out->content.push_back(f);
  }
  olx::Definition element;
  element.block_type = def.block_type;
  element.known_type = def.known_type;
  element.attributes = out->settings;
  element.fields = def.fields;
  element.body = def.body;
  out->olx = olx::WriteDefinition(element);
}

// The reader may view the library: the learner role (or more), or public
// learning. `Info` is CourseInfo (v1) or LibraryInfo (v2).
template <typename Info, typename Role>
Status CheckReader(const Info& info, const User& reader, Role learner) {
  if (reader.is_none()) return Status::OK();
  BLOCKRT_RETURN_IF_ERROR(ValidateUserId(reader.id));
  if (info.RoleOf(reader.id) >= learner || info.allow_public_learning) return Status::OK();
  return Status::PermissionDenied("Cannot read library at " + info.key);
}

// The version `version` asks for in a bundle whose latest is `latest`.
Result<int64_t> PickVersion(std::string_view key, std::optional<int64_t> version, int64_t latest) {
  if (!version) {
    if (latest <= 0) return LibraryNotFound(key);
    return latest;
  }
  if (*version < 1 || *version > latest) return VersionNotFound(key, *version);
  return *version;
}

// ---- v1

Status AddV1Block(const CourseView& view, uint32_t index, std::vector<LibraryBlock>* out) {
  const olx::CourseBlock& b = view.course.blocks[index];
  // A block whose id no key accepts cannot be addressed (the load reported it).
  if (b.usage_key.empty() || b.draft) return Status::OK();
  LibraryBlock block;
  block.usage_key = std::string(b.usage_key);
  block.block_id = std::string(b.url_name);
  olx::Definition def = b.definition.ToDefinition();
  if (b.body_deferred) {
    // Views defer html bodies to a block's first load; a snapshot needs them.
    BLOCKRT_ASSIGN_OR_RETURN(std::string body, olx::ReadDeferredHtmlBody(*view.files, b));
    for (olx::FieldValue& f : def.fields) {
      if (f.name == "data") f.value = std::move(body);
    }
  }
  FillFromDefinition(def, &block);
  for (uint32_t child : b.children) {
    BLOCKRT_RETURN_IF_ERROR(AddV1Block(view, child, &block.children));
  }
  out->push_back(std::move(block));
  return Status::OK();
}

Result<LibrarySnapshot> ReadV1(const CourseContext& ctx, const keys::KeyView& key,
                               std::optional<int64_t> version, const User& reader) {
  const std::string text = key.ToString();
  Result<std::shared_ptr<const CourseInfo>> info = ctx.Course(key);
  if (!info.ok()) return info.status().IsNotFound() ? LibraryNotFound(text) : info.status();
  BLOCKRT_RETURN_IF_ERROR(CheckReader(**info, reader, CourseRole::kLearner));
  store::Store* store = ctx.snapshots().store();
  BLOCKRT_ASSIGN_OR_RETURN(store::BundleInfo bundle, store->GetBundle((*info)->bundle_uuid));
  BLOCKRT_ASSIGN_OR_RETURN(int64_t v, PickVersion(text, version, bundle.latest_version));
  // The context's cached view when it is that version (usually the latest).
  std::shared_ptr<const CourseView> view;
  Result<std::shared_ptr<const CourseView>> current = ctx.View(key, ContentSelector{});
  if (current.ok() && (*current)->snapshot->version == v && (*current)->info == *info) {
    view = *current;
  } else {
    BLOCKRT_ASSIGN_OR_RETURN(auto snap, ctx.snapshots().Version(bundle.uuid, v));
    BLOCKRT_ASSIGN_OR_RETURN(view, internal::BuildCourseView(store, *info, std::move(snap), "",
                                                             olx::Course::Kind::kLibrary));
  }
  LibrarySnapshot out;
  out.library_key = (*info)->key;
  out.v1 = true;
  out.version = v;
  out.title = (*info)->title;
  const olx::Course& course = view->course;
  if (course.blocks.size() == 0) return out;
  const olx::CourseBlock& root = course.blocks[0];
  if (const std::string_view* title = root.definition.attribute("display_name")) {
    out.title = std::string(*title);
  }
  for (uint32_t child : root.children) {
    BLOCKRT_RETURN_IF_ERROR(AddV1Block(*view, child, &out.blocks));
  }
  return out;
}

// ---- v2

class V2Reader {
 public:
  V2Reader(const LibraryContext& ctx, const BundleSnapshot& snap,
           const internal::IncludeIndex& index, std::string usage_prefix)
      : ctx_(ctx), snap_(snap), index_(index), prefix_(std::move(usage_prefix)) {}

  Status Top(std::vector<LibraryBlock>* out) {
    const std::vector<store::FileInfo>& files = snap_.files;
    for (size_t i = 0; i < files.size(); ++i) {
      std::string_view type, id;
      if (index_.file_parent[i] != 0 || !internal::SplitOlxPath(files[i].path, &type, &id)) {
        continue;
      }
      Result<keys::Key> usage = keys::Key::Parse(
          prefix_ + std::string(type) + ":" + std::string(id), keys::KeyBase::kUsageKey);
      if (!usage.ok()) continue;  // ids keys reject are not blocks (ListBlocks' rule)
      BLOCKRT_ASSIGN_OR_RETURN(auto def,
                               ctx_.definitions().LoadFile(*ctx_.snapshots().store(), snap_, i));
      BLOCKRT_RETURN_IF_ERROR(Add(usage->ToString(), std::string(id), *def, /*own=*/true, 0, out));
    }
    return Status::OK();
  }

 private:
  Status Add(std::string usage_key, std::string usage_id, const olx::Definition& def, bool own,
             int depth, std::vector<LibraryBlock>* out) {
    if (depth > kMaxDepth) {
      return Status::FailedPrecondition("library blocks nest deeper than " +
                                        std::to_string(kMaxDepth) + " at " + usage_key);
    }
    if (!on_path_.insert(usage_key).second) return Status::OK();  // a cycle: stop here
    LibraryBlock block;
    block.usage_key = std::move(usage_key);
    block.block_id = usage_id;
    FillFromDefinition(def, &block);
    for (const olx::Include& inc : def.includes) {
      // The usage id the runtime gives the child (the one home of that rule).
      std::string scratch;
      const std::string child_id(olx::ChildUsageId(inc, usage_id, own, &scratch));
      const internal::IncludedUsage* included = index_.Find(inc.block_type, child_id);
      if (included == nullptr) continue;  // unresolvable: skipped, as the index records
      Result<keys::Key> child_key =
          keys::Key::Parse(prefix_ + inc.block_type + ":" + child_id, keys::KeyBase::kUsageKey);
      if (!child_key.ok()) continue;
      const DefinitionLocator loc = index_.Locator(*included);
      std::shared_ptr<const BundleSnapshot> other;
      const BundleSnapshot* from = &snap_;
      const bool child_own = loc.bundle_uuid == snap_.bundle_uuid;
      if (!child_own || static_cast<int64_t>(loc.version) != snap_.version) {
        BLOCKRT_ASSIGN_OR_RETURN(
            other, ctx_.snapshots().Version(loc.bundle_uuid, static_cast<int64_t>(loc.version)));
        from = other.get();
      }
      BLOCKRT_ASSIGN_OR_RETURN(
          auto child_def, ctx_.definitions().Load(*ctx_.snapshots().store(), *from, loc.olx_path));
      BLOCKRT_RETURN_IF_ERROR(
          Add(child_key->ToString(), child_id, *child_def, child_own, depth + 1, &block.children));
    }
    on_path_.erase(block.usage_key);
    out->push_back(std::move(block));
    return Status::OK();
  }

  const LibraryContext& ctx_;
  const BundleSnapshot& snap_;
  const internal::IncludeIndex& index_;
  const std::string prefix_;  // "lb:ORG:SLUG:"
  std::unordered_set<std::string> on_path_;
};

Result<LibrarySnapshot> ReadV2(const LibraryContext& ctx, const keys::KeyView& key,
                               std::optional<int64_t> version, const User& reader) {
  std::string text;
  BLOCKRT_RETURN_IF_ERROR(LibraryKeyText(key, &text));
  Result<std::shared_ptr<const LibraryInfo>> info = ctx.table().Get(text);
  if (!info.ok()) return info.status().IsNotFound() ? LibraryNotFound(text) : info.status();
  BLOCKRT_RETURN_IF_ERROR(CheckReader(**info, reader, LibraryRole::kLearner));
  BundleSnapshots& snapshots = ctx.snapshots();
  BLOCKRT_ASSIGN_OR_RETURN(store::BundleInfo bundle,
                           snapshots.store()->GetBundle((*info)->bundle_uuid));
  BLOCKRT_ASSIGN_OR_RETURN(int64_t v, PickVersion(text, version, bundle.latest_version));
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, snapshots.Version(bundle.uuid, v));
  BLOCKRT_ASSIGN_OR_RETURN(auto index,
                           internal::BuildIncludeIndex(snapshots, ctx.definitions(), *snap, ""));
  LibrarySnapshot out;
  out.library_key = text;
  out.version = v;
  out.title = (*info)->title;
  V2Reader reader_of(ctx, *snap, *index, "lb:" + text.substr(4) + ":");
  BLOCKRT_RETURN_IF_ERROR(reader_of.Top(&out.blocks));
  return out;
}

Result<keys::Key> ParseLibraryKey(std::string_view library_key) {
  Result<keys::Key> key = keys::Key::Parse(library_key, keys::KeyBase::kLearningContextKey);
  if (!key.ok() || (key->view().kind() != keys::KeyKind::kLibraryLocator &&
                    key->view().kind() != keys::KeyKind::kLibraryLocatorV2)) {
    return Status::InvalidArgument("'" + std::string(library_key) +
                                   "' is not a library key (library-v1:ORG+LIB or lib:ORG:SLUG)");
  }
  return key;
}

}  // namespace

Result<LibrarySnapshot> LibrarySource::ReadLibrary(std::string_view library_key,
                                                   std::optional<int64_t> version,
                                                   const User& reader) const {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key key, ParseLibraryKey(library_key));
  if (key.view().kind() == keys::KeyKind::kLibraryLocator) {
    if (v1_ == nullptr) return LibraryNotFound(key.ToString());
    return ReadV1(*v1_, key.view(), version, reader);
  }
  if (v2_ == nullptr) return LibraryNotFound(key.ToString());
  return ReadV2(*v2_, key.view(), version, reader);
}

Result<int64_t> LibrarySource::LatestVersion(std::string_view library_key) const {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key key, ParseLibraryKey(library_key));
  std::string bundle_uuid;
  store::Store* store = nullptr;
  if (key.view().kind() == keys::KeyKind::kLibraryLocator) {
    if (v1_ == nullptr) return LibraryNotFound(key.ToString());
    Result<std::shared_ptr<const CourseInfo>> info = v1_->Course(key.view());
    if (!info.ok()) {
      return info.status().IsNotFound() ? LibraryNotFound(key.ToString()) : info.status();
    }
    bundle_uuid = (*info)->bundle_uuid;
    store = v1_->snapshots().store();
  } else {
    if (v2_ == nullptr) return LibraryNotFound(key.ToString());
    Result<std::shared_ptr<const LibraryInfo>> info = v2_->Library(key.view());
    if (!info.ok()) {
      return info.status().IsNotFound() ? LibraryNotFound(key.ToString()) : info.status();
    }
    bundle_uuid = (*info)->bundle_uuid;
    store = v2_->snapshots().store();
  }
  BLOCKRT_ASSIGN_OR_RETURN(store::BundleInfo bundle, store->GetBundle(bundle_uuid));
  return bundle.latest_version;
}

}  // namespace blockrt::contexts
