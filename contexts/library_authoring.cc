#include "contexts/library_authoring.h"

#include "contexts/internal/library_table.h"
#include "olx/definition.h"
#include "olx/schema.h"
#include "store/digest.h"

namespace blockrt::contexts {
namespace {

constexpr int kMaxDeleteDepth = 64;

// Bundle slugs allow [A-Za-z0-9_-] and non-ASCII letters; library keys also
// allow '.', which becomes '_'.
std::string BundleSlugFor(std::string_view org, std::string_view slug) {
  std::string out = "lib-";
  for (std::string_view part : {org, std::string_view("-"), slug}) {
    for (char c : part) out.push_back(c == '.' ? '_' : c);
  }
  return out;
}

bool ParentTypeMayHaveChildren(std::string_view type) {
  const olx::BlockSchema* schema = olx::FindBlockSchema(type);
  return schema == nullptr || schema->has_children;
}

}  // namespace

bool IsUnicodeSlug(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c >= 0x80;
    if (!ok) return false;
  }
  return true;
}

Status ValidateAssetName(std::string_view name) {
  auto strip_ws = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || (s.front() >= '\t' && s.front() <= '\r'))) {
      s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || (s.back() >= '\t' && s.back() <= '\r'))) {
      s.remove_suffix(1);
    }
    return s;
  };
  std::string_view stripped = strip_ws(name);
  while (!stripped.empty() && stripped.front() == '/') stripped.remove_prefix(1);
  while (!stripped.empty() && stripped.back() == '/') stripped.remove_suffix(1);
  if (name.empty() || stripped != name) {
    return Status::InvalidArgument("file name cannot start/end with / or whitespace.");
  }
  if (name.find("//") != std::string_view::npos || name.find("..") != std::string_view::npos) {
    return Status::InvalidArgument("Invalid sequence (// or ..) in filename.");
  }
  return Status::OK();
}

Result<std::shared_ptr<const LibraryInfo>> LibraryAuthoring::Lib(std::string_view key) const {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key k, keys::Key::Parse(key, keys::KeyBase::kLibraryLocatorV2));
  return ctx_->Library(k.view());
}

Result<LibraryInfo> LibraryAuthoring::CreateLibrary(const NewLibrary& spec) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key k,
                           keys::Key::Parse(spec.key, keys::KeyBase::kLibraryLocatorV2));
  LibraryInfo info;
  info.key = k.ToString();
  info.title = spec.title;
  info.allow_public_learning = spec.allow_public_learning;
  if (!spec.admin.empty()) info.roles[spec.admin] = LibraryRole::kAdmin;
  store::Store& store = *ctx_->snapshots().store();
  Status st = store.Transact([&]() -> Status {
    Result<std::shared_ptr<const LibraryInfo>> existing = ctx_->table().Get(info.key);
    if (existing.ok()) {
      return Status::AlreadyExists("content library '" + info.key + "' already exists");
    }
    if (!existing.status().IsNotFound()) return existing.status();
    store::NewBundle bundle;
    bundle.slug = BundleSlugFor(k->org().value_or(""), k->course().value_or(""));
    bundle.title = spec.title;
    Result<store::BundleInfo> created = store.CreateBundle(bundle);
    if (!created.ok() && created.status().code() == Status::Code::kAlreadyExists) {
      // Two keys can sanitize to one slug ("a.b" and "a_b"); disambiguate.
      bundle.slug += "-" + store::ContentDigest(info.key).substr(0, 8);
      created = store.CreateBundle(bundle);
    }
    if (!created.ok()) return created.status();
    info.bundle_uuid = created->uuid;
    return ctx_->table().Put(info);
  });
  ctx_->table().Forget(info.key);
  if (!st.ok()) return st;
  return info;
}

Result<std::vector<LibraryInfo>> LibraryAuthoring::ListLibraries() const {
  return ctx_->table().List();
}

Status LibraryAuthoring::SetRole(std::string_view key, std::string_view user, LibraryRole role) {
  if (user.empty()) return Status::InvalidArgument("empty user id");
  if (user.substr(0, 4) == "anon") {
    return Status::InvalidArgument("anonymous users ('" + std::string(user) +
                                   "') cannot hold library roles");
  }
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(key));
  LibraryInfo info = *lib;
  if (role == LibraryRole::kNone) {
    info.roles.erase(std::string(user));
  } else {
    info.roles[std::string(user)] = role;
  }
  return ctx_->table().Put(info);
}

Status LibraryAuthoring::SetPublicLearning(std::string_view key, bool allow) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(key));
  LibraryInfo info = *lib;
  info.allow_public_learning = allow;
  return ctx_->table().Put(info);
}

Status LibraryAuthoring::WriteDraft(const LibraryInfo& lib, std::string_view path,
                                    std::string_view bytes) {
  Status st = ctx_->snapshots().store()->WriteFile(lib.bundle_uuid, kStudioDraft, path, bytes);
  ctx_->snapshots().Invalidate(lib.bundle_uuid);
  return st;
}

Result<DefinitionLocator> LibraryAuthoring::Lookup(const keys::KeyView& usage) const {
  BLOCKRT_ASSIGN_OR_RETURN(std::optional<DefinitionLocator> def,
                           ctx_->DefinitionForUsage(usage, ContentSelector{kStudioDraft}));
  if (!def) {
    return Status::NotFound("XBlock " + usage.ToString() + " does not exist in its library");
  }
  return std::move(*def);
}

Result<keys::Key> LibraryAuthoring::CreateBlock(std::string_view library_key,
                                                std::string_view block_type,
                                                std::string_view block_id) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key lib_key,
                           keys::Key::Parse(library_key, keys::KeyBase::kLibraryLocatorV2));
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, ctx_->Library(lib_key.view()));
  if (!IsUnicodeSlug(block_id)) {
    return Status::InvalidArgument("invalid block id '" + std::string(block_id) +
                                   "': use letters, digits, '_' or '-'");
  }
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key usage,
                           keys::MakeUsageKey(lib_key.view(), block_type, block_id));
  BLOCKRT_ASSIGN_OR_RETURN(std::optional<DefinitionLocator> existing,
                           ctx_->DefinitionForUsage(usage.view(), ContentSelector{kStudioDraft}));
  if (existing) {
    return Status::AlreadyExists("An XBlock with ID '" + usage.ToString() + "' already exists");
  }
  std::string path = std::string(block_type) + "/" + std::string(block_id) + "/definition.xml";
  BLOCKRT_RETURN_IF_ERROR(WriteDraft(*lib, path, "<" + std::string(block_type) + "/>\n"));
  return usage;
}

Result<keys::Key> LibraryAuthoring::CreateChildBlock(const keys::KeyView& parent,
                                                     std::string_view block_type,
                                                     std::string_view block_id) {
  BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator parent_def, Lookup(parent));
  if (!ParentTypeMayHaveChildren(parent_def.block_type)) {
    return Status::InvalidArgument("The specified parent XBlock does not allow child XBlocks.");
  }
  BLOCKRT_ASSIGN_OR_RETURN(keys::KeyView lib_key, parent.context_key());
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key child, CreateBlock(lib_key.ToString(), block_type, block_id));
  ChildInclude inc;
  inc.block_type = std::string(block_type);
  inc.definition_id = std::string(block_id);
  BLOCKRT_RETURN_IF_ERROR(AddChildInclude(parent, inc));
  return child;
}

Status LibraryAuthoring::AddChildInclude(const keys::KeyView& parent, const ChildInclude& inc) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, ctx_->Library(parent));
  BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator parent_def, Lookup(parent));
  if (parent_def.bundle_uuid != lib->bundle_uuid) {
    return Status::FailedPrecondition("XBlock " + parent.ToString() +
                                      " comes from a linked bundle and cannot be edited here");
  }
  if (!ParentTypeMayHaveChildren(parent_def.block_type)) {
    return Status::InvalidArgument("The specified parent XBlock does not allow child XBlocks.");
  }
  BLOCKRT_ASSIGN_OR_RETURN(olx::Include include,
                           olx::ParseIncludeAttributes(inc.block_type + "/" + inc.definition_id,
                                                       inc.link_id, inc.usage_hint));
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, ctx_->snapshots().Draft(lib->bundle_uuid, kStudioDraft));
  if (!include.source.empty() && snap->FindLink(include.source) == nullptr) {
    return Status::NotFound("Link not found: " + include.source);
  }
  BLOCKRT_ASSIGN_OR_RETURN(auto current, ctx_->definitions().Load(*ctx_->snapshots().store(), *snap,
                                                                  parent_def.olx_path));
  olx::Definition updated = *current;
  updated.includes.push_back(std::move(include));
  return WriteDraft(*lib, parent_def.olx_path, olx::WriteDefinition(updated));
}

Status LibraryAuthoring::SetOlx(const keys::KeyView& usage, std::string_view olx) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, ctx_->Library(usage));
  BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator def, Lookup(usage));
  if (def.bundle_uuid != lib->bundle_uuid) {
    return Status::FailedPrecondition("XBlock " + usage.ToString() +
                                      " comes from a linked bundle and cannot be edited here");
  }
  BLOCKRT_ASSIGN_OR_RETURN(olx::Definition parsed, olx::ParseDefinition(def.olx_path, olx));
  if (parsed.block_type != def.block_type) {
    return Status::InvalidArgument("Invalid root tag in OLX, expected " + def.block_type);
  }
  return WriteDraft(*lib, def.olx_path, olx);
}

Result<std::string> LibraryAuthoring::GetOlx(const keys::KeyView& usage) const {
  BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator def, Lookup(usage));
  BLOCKRT_ASSIGN_OR_RETURN(
      auto snap, def.is_draft() ? ctx_->snapshots().Draft(def.bundle_uuid, def.draft_name)
                                : ctx_->snapshots().Version(def.bundle_uuid,
                                                            static_cast<int64_t>(def.version)));
  return ctx_->snapshots().store()->ReadFile(def.bundle_uuid, snap->ref(), def.olx_path);
}

Status LibraryAuthoring::DeleteRecursive(const LibraryInfo& lib, const keys::KeyView& usage,
                                         int depth) {
  if (depth > kMaxDeleteDepth) {
    return Status::FailedPrecondition("include nesting too deep (or cyclic) under " +
                                      usage.ToString());
  }
  Result<DefinitionLocator> def = Lookup(usage);
  if (!def.ok()) return def.status().IsNotFound() ? Status::OK() : def.status();
  if (def->bundle_uuid != lib.bundle_uuid) return Status::OK();  // linked: nothing is ours
  store::Store& store = *ctx_->snapshots().store();
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, ctx_->snapshots().Draft(lib.bundle_uuid, kStudioDraft));
  Result<std::shared_ptr<const olx::Definition>> parsed =
      ctx_->definitions().Load(store, *snap, def->olx_path);
  if (parsed.ok()) {
    for (const olx::Include& inc : (*parsed)->includes) {
      ChildInclude ci{inc.source, inc.block_type, inc.definition_id, inc.usage};
      Result<keys::Key> child = ctx_->UsageForChildInclude(usage, *def, ci);
      if (!child.ok()) continue;  // an include that names no valid key owns nothing
      BLOCKRT_RETURN_IF_ERROR(DeleteRecursive(lib, child->view(), depth + 1));
    }
  }
  BLOCKRT_ASSIGN_OR_RETURN(std::string_view prefix, def->OlxPrefix());
  BLOCKRT_ASSIGN_OR_RETURN(auto fresh, ctx_->snapshots().Draft(lib.bundle_uuid, kStudioDraft));
  BLOCKRT_ASSIGN_OR_RETURN(std::vector<store::FileInfo> files,
                           store.ListFiles(lib.bundle_uuid, fresh->ref(), prefix));
  for (const store::FileInfo& f : files) {
    BLOCKRT_RETURN_IF_ERROR(store.DeleteFile(lib.bundle_uuid, kStudioDraft, f.path));
  }
  ctx_->snapshots().Invalidate(lib.bundle_uuid);
  return Status::OK();
}

Status LibraryAuthoring::DeleteBlock(const keys::KeyView& usage) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, ctx_->Library(usage));
  BLOCKRT_RETURN_IF_ERROR(Lookup(usage).status());
  BLOCKRT_ASSIGN_OR_RETURN(std::optional<keys::Key> parent,
                           ctx_->ParentOf(usage, ContentSelector{kStudioDraft}));
  if (parent) {
    return Status::NotSupported("XBlock " + usage.ToString() + " is included by " +
                                parent->ToString() + "; only top-level blocks can be deleted");
  }
  Status st =
      ctx_->snapshots().store()->Transact([&]() { return DeleteRecursive(*lib, usage, 0); });
  ctx_->snapshots().Invalidate(lib->bundle_uuid);
  return st;
}

Status LibraryAuthoring::AddAsset(const keys::KeyView& usage, std::string_view name,
                                  std::string_view bytes) {
  BLOCKRT_RETURN_IF_ERROR(ValidateAssetName(name));
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, ctx_->Library(usage));
  BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator def, Lookup(usage));
  BLOCKRT_ASSIGN_OR_RETURN(std::string_view prefix, def.OlxPrefix());
  return WriteDraft(*lib, std::string(prefix) + "static/" + std::string(name), bytes);
}

Status LibraryAuthoring::DeleteAsset(const keys::KeyView& usage, std::string_view name) {
  if (name.find("..") != std::string_view::npos) {
    return Status::InvalidArgument("Invalid .. in file name.");
  }
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, ctx_->Library(usage));
  BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator def, Lookup(usage));
  BLOCKRT_ASSIGN_OR_RETURN(std::string_view prefix, def.OlxPrefix());
  Status st = ctx_->snapshots().store()->DeleteFile(
      lib->bundle_uuid, kStudioDraft, std::string(prefix) + "static/" + std::string(name));
  ctx_->snapshots().Invalidate(lib->bundle_uuid);
  return st;
}

Result<std::vector<std::string>> LibraryAuthoring::ListAssets(const keys::KeyView& usage) const {
  BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator def, Lookup(usage));
  BLOCKRT_ASSIGN_OR_RETURN(std::string_view prefix, def.OlxPrefix());
  std::string static_prefix = std::string(prefix) + "static/";
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, ctx_->snapshots().Draft(def.bundle_uuid, kStudioDraft));
  std::vector<std::string> out;
  for (const store::FileInfo& f : snap->files) {
    if (f.path.compare(0, static_prefix.size(), static_prefix) == 0) {
      out.push_back(f.path.substr(static_prefix.size()));
    }
  }
  return out;
}

Status LibraryAuthoring::SetLink(std::string_view library_key, std::string_view name,
                                 std::string_view target_bundle, int64_t version) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(library_key));
  store::Store& store = *ctx_->snapshots().store();
  BLOCKRT_ASSIGN_OR_RETURN(store::BundleInfo target, store.GetBundle(target_bundle));
  Status st = store.SetLink(lib->bundle_uuid, kStudioDraft, name,
                            store::LinkTarget{target.uuid, version}, /*replace=*/true);
  ctx_->snapshots().Invalidate(lib->bundle_uuid);
  return st;
}

Result<int64_t> LibraryAuthoring::ImportDirectory(std::string_view library_key,
                                                  const std::string& dir) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(library_key));
  Result<store::ImportStats> stats =
      ctx_->snapshots().store()->ImportDirectory(lib->bundle_uuid, kStudioDraft, dir);
  ctx_->snapshots().Invalidate(lib->bundle_uuid);
  if (!stats.ok()) return stats.status();
  return stats->files_seen;
}

Result<int64_t> LibraryAuthoring::Publish(std::string_view library_key, std::string_view author) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(library_key));
  store::Store& store = *ctx_->snapshots().store();
  if (!store.DraftExists(lib->bundle_uuid, kStudioDraft)) {
    return Status::FailedPrecondition("library " + lib->key + " has no unpublished changes");
  }
  store::CommitOptions opts;
  opts.author = std::string(author);
  opts.change_description = "publish " + lib->key;
  Result<int64_t> version = store.Commit(lib->bundle_uuid, kStudioDraft, opts);
  ctx_->snapshots().Invalidate(lib->bundle_uuid);
  return version;
}

Status LibraryAuthoring::DeleteLibrary(std::string_view library_key) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(library_key));
  store::Store& store = *ctx_->snapshots().store();
  // The record goes first: while it names the bundle, the store refuses to
  // delete the bundle (it is owned).
  Status st = store.Transact([&]() -> Status {
    BLOCKRT_RETURN_IF_ERROR(ctx_->table().Remove(lib->key));
    Status deleted = store.DeleteBundle(lib->bundle_uuid);
    return deleted.IsNotFound() ? Status::OK() : deleted;
  });
  ctx_->table().Forget(lib->key);
  ctx_->snapshots().Invalidate(lib->bundle_uuid);
  return st;
}

Status LibraryAuthoring::Discard(std::string_view library_key) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(library_key));
  store::Store& store = *ctx_->snapshots().store();
  if (!store.DraftExists(lib->bundle_uuid, kStudioDraft)) return Status::OK();
  Status st = store.DiscardDraft(lib->bundle_uuid, kStudioDraft);
  ctx_->snapshots().Invalidate(lib->bundle_uuid);
  return st;
}

Result<bool> LibraryAuthoring::HasUnpublishedChanges(std::string_view library_key) const {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(library_key));
  store::Store& store = *ctx_->snapshots().store();
  if (!store.DraftExists(lib->bundle_uuid, kStudioDraft)) return false;
  return store.HasChanges(lib->bundle_uuid, kStudioDraft);
}

}  // namespace blockrt::contexts
