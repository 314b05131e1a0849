#include "contexts/library_authoring.h"

#include <algorithm>

#include "base/utf8.h"
#include "contexts/internal/delete_plan.h"
#include "contexts/internal/draft_checks.h"
#include "contexts/internal/library_table.h"
#include "contexts/internal/roles.h"
#include "olx/definition.h"
#include "olx/schema.h"
#include "store/digest.h"

namespace blockrt::contexts {
namespace {

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
  if (s.empty() || !IsValidUtf8(s)) return false;
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

Status LibraryAuthoring::Require(const LibraryInfo& lib, LibraryRole needed,
                                 std::string_view what) const {
  if (actor_.is_none()) return Status::OK();
  BLOCKRT_RETURN_IF_ERROR(ValidateUserId(actor_.id));
  const LibraryRole has = lib.RoleOf(actor_.id);
  if (has >= needed || (needed == LibraryRole::kLearner && lib.allow_public_learning)) {
    return Status::OK();
  }
  return Status::PermissionDenied("user '" + actor_.id + "' may not " + std::string(what) + " " +
                                  lib.key + ": that needs the " +
                                  std::string(LibraryRoleName(needed)) + " role (has " +
                                  std::string(LibraryRoleName(has)) + ")");
}

Status LibraryAuthoring::Authorize(std::string_view library_key, LibraryRole needed) const {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(library_key));
  return Require(*lib, needed, needed >= LibraryRole::kAuthor ? "read the draft of" : "view");
}

Result<std::shared_ptr<const LibraryInfo>> LibraryAuthoring::LibFor(const keys::KeyView& usage,
                                                                    LibraryRole needed,
                                                                    std::string_view what) const {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, ctx_->Library(usage));
  BLOCKRT_RETURN_IF_ERROR(Require(*lib, needed, what));
  return lib;
}

Status LibraryAuthoring::InTransaction(const LibraryInfo& lib, const std::function<Status()>& fn) {
  Status st = ctx_->snapshots().store()->Transact([&]() {
    ctx_->snapshots().Invalidate(lib.bundle_uuid);
    return fn();
  });
  // Views built inside may hold what a rollback undid.
  ctx_->snapshots().Invalidate(lib.bundle_uuid);
  return st;
}

Status LibraryAuthoring::CheckDraft(const LibraryInfo& lib, const std::vector<std::string>& paths,
                                    const internal::OlxOverrides& overrides) {
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, ctx_->snapshots().Draft(lib.bundle_uuid, kStudioDraft));
  return internal::CheckDefinitions(ctx_->snapshots(), *snap, paths, overrides);
}

Result<LibraryInfo> LibraryAuthoring::CreateLibrary(const NewLibrary& spec) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key k,
                           keys::Key::Parse(spec.key, keys::KeyBase::kLibraryLocatorV2));
  LibraryInfo info;
  info.key = k.ToString();
  if (size_t at = 0; !IsValidUtf8(spec.title, &at)) {
    return Status::InvalidArgument("library title '" + PrintableBytes(spec.title) + "': byte " +
                                   std::to_string(at) + " is not valid UTF-8");
  }
  info.title = spec.title;
  info.allow_public_learning = spec.allow_public_learning;
  if (!actor_.is_none()) BLOCKRT_RETURN_IF_ERROR(ValidateUserId(actor_.id));
  const std::string& admin = spec.admin.empty() ? actor_.id : spec.admin;
  if (!admin.empty()) {
    BLOCKRT_RETURN_IF_ERROR(ValidateUserId(admin));
    info.roles[admin] = LibraryRole::kAdmin;
  }
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
  BLOCKRT_ASSIGN_OR_RETURN(std::vector<LibraryInfo> all, ctx_->table().List());
  if (actor_.is_none()) return all;
  BLOCKRT_RETURN_IF_ERROR(ValidateUserId(actor_.id));
  all.erase(std::remove_if(all.begin(), all.end(),
                           [&](const LibraryInfo& l) {
                             return !Require(l, LibraryRole::kLearner, "view").ok();
                           }),
            all.end());
  return all;
}

Status LibraryAuthoring::SetRole(std::string_view key, std::string_view user, LibraryRole role) {
  BLOCKRT_RETURN_IF_ERROR(internal::CheckGrantee(user, "library"));
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(key));
  // The check and the change both read the stored record inside one
  // transaction: a revocation that lands first is seen, never overwritten.
  return ctx_->table().Update(lib->key, [&](LibraryInfo* info) -> Status {
    BLOCKRT_RETURN_IF_ERROR(Require(*info, LibraryRole::kAdmin, "grant roles on"));
    internal::ApplyRole(&info->roles, user, role);
    return Status::OK();
  });
}

Status LibraryAuthoring::SetPublicLearning(std::string_view key, bool allow) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(key));
  return ctx_->table().Update(lib->key, [&](LibraryInfo* info) -> Status {
    BLOCKRT_RETURN_IF_ERROR(Require(*info, LibraryRole::kAdmin, "change public learning of"));
    info->allow_public_learning = allow;
    return Status::OK();
  });
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
  BLOCKRT_RETURN_IF_ERROR(Require(*lib, LibraryRole::kAuthor, "add blocks to"));
  if (!IsUnicodeSlug(block_id)) {
    return Status::InvalidArgument("invalid block id '" + PrintableBytes(block_id) +
                                   "': use letters, digits, '_' or '-'");
  }
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key usage,
                           keys::MakeUsageKey(lib_key.view(), block_type, block_id));
  // The existence test and the write in one transaction: two creators of one
  // id cannot both succeed.
  BLOCKRT_RETURN_IF_ERROR(InTransaction(*lib, [&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(std::optional<DefinitionLocator> existing,
                             ctx_->DefinitionForUsage(usage.view(), ContentSelector{kStudioDraft}));
    if (existing) {
      return Status::AlreadyExists("An XBlock with ID '" + usage.ToString() + "' already exists");
    }
    std::string path = std::string(block_type) + "/" + std::string(block_id) + "/definition.xml";
    return WriteDraft(*lib, path, "<" + std::string(block_type) + "/>\n");
  }));
  return usage;
}

Result<keys::Key> LibraryAuthoring::CreateChildBlock(std::string_view library_key,
                                                     const keys::KeyView& parent,
                                                     std::string_view block_type,
                                                     std::string_view block_id) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(library_key));
  BLOCKRT_RETURN_IF_ERROR(Require(*lib, LibraryRole::kAuthor, "add blocks to"));
  if (parent.kind() != keys::KeyKind::kLibraryUsageLocatorV2) {
    return Status::InvalidArgument("parent '" + parent.ToString() +
                                   "' is not a library usage key (lb:)");
  }
  std::string parent_lib;
  BLOCKRT_RETURN_IF_ERROR(LibraryKeyText(parent, &parent_lib));
  if (parent_lib != lib->key) {
    return Status::InvalidArgument("parent " + parent.ToString() + " is not a block of " +
                                   lib->key + " (it belongs to " + parent_lib + ")");
  }
  Result<keys::Key> child = Status::Internal("unset");
  // The new block and the parent's include commit together or not at all.
  BLOCKRT_RETURN_IF_ERROR(InTransaction(*lib, [&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator parent_def, Lookup(parent));
    if (!ParentTypeMayHaveChildren(parent_def.block_type)) {
      return Status::InvalidArgument("The specified parent XBlock does not allow child XBlocks.");
    }
    child = CreateBlock(lib->key, block_type, block_id);
    BLOCKRT_RETURN_IF_ERROR(child.status());
    ChildInclude inc;
    inc.block_type = std::string(block_type);
    inc.definition_id = std::string(block_id);
    return AddIncludeLocked(*lib, parent, inc);
  }));
  return child;
}

Result<keys::Key> LibraryAuthoring::CreateChildBlock(const keys::KeyView& parent,
                                                     std::string_view block_type,
                                                     std::string_view block_id) {
  std::string lib;
  BLOCKRT_RETURN_IF_ERROR(LibraryKeyText(parent, &lib));
  return CreateChildBlock(lib, parent, block_type, block_id);
}

Status LibraryAuthoring::AddChildInclude(const keys::KeyView& parent, const ChildInclude& inc) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, LibFor(parent, LibraryRole::kAuthor, "edit blocks of"));
  return InTransaction(*lib, [&]() { return AddIncludeLocked(*lib, parent, inc); });
}

Status LibraryAuthoring::AddIncludeLocked(const LibraryInfo& lib, const keys::KeyView& parent,
                                          const ChildInclude& inc) {
  BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator parent_def, Lookup(parent));
  if (parent_def.bundle_uuid != lib.bundle_uuid) {
    return Status::FailedPrecondition("XBlock " + parent.ToString() +
                                      " comes from a linked bundle and cannot be edited here");
  }
  if (!ParentTypeMayHaveChildren(parent_def.block_type)) {
    return Status::InvalidArgument("The specified parent XBlock does not allow child XBlocks.");
  }
  BLOCKRT_ASSIGN_OR_RETURN(olx::Include include,
                           olx::ParseIncludeAttributes(inc.block_type + "/" + inc.definition_id,
                                                       inc.link_id, inc.usage_hint));
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, ctx_->snapshots().Draft(lib.bundle_uuid, kStudioDraft));
  if (!include.source.empty() && snap->FindLink(include.source) == nullptr) {
    return Status::NotFound("Link not found: " + include.source);
  }
  BLOCKRT_ASSIGN_OR_RETURN(auto current, ctx_->definitions().Load(*ctx_->snapshots().store(), *snap,
                                                                  parent_def.olx_path));
  olx::Definition updated = *current;
  updated.includes.push_back(std::move(include));
  std::string olx = olx::WriteDefinition(updated);
  BLOCKRT_RETURN_IF_ERROR(CheckDraft(lib, {parent_def.olx_path}, {{parent_def.olx_path, olx}}));
  return WriteDraft(lib, parent_def.olx_path, olx);
}

Status LibraryAuthoring::SetOlx(const keys::KeyView& usage, std::string_view olx) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, LibFor(usage, LibraryRole::kAuthor, "edit blocks of"));
  return InTransaction(*lib, [&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator def, Lookup(usage));
    if (def.bundle_uuid != lib->bundle_uuid) {
      return Status::FailedPrecondition("XBlock " + usage.ToString() +
                                        " comes from a linked bundle and cannot be edited here");
    }
    // Parses, root tag = type, includes and links exist, no cycle through it.
    BLOCKRT_RETURN_IF_ERROR(CheckDraft(*lib, {def.olx_path}, {{def.olx_path, std::string(olx)}}));
    return WriteDraft(*lib, def.olx_path, olx);
  });
}

Result<std::string> LibraryAuthoring::GetOlx(const keys::KeyView& usage) const {
  BLOCKRT_RETURN_IF_ERROR(LibFor(usage, LibraryRole::kAuthor, "read the draft of").status());
  BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator def, Lookup(usage));
  BLOCKRT_ASSIGN_OR_RETURN(
      auto snap, def.is_draft() ? ctx_->snapshots().Draft(def.bundle_uuid, def.draft_name)
                                : ctx_->snapshots().Version(def.bundle_uuid,
                                                            static_cast<int64_t>(def.version)));
  return ctx_->snapshots().store()->ReadFile(def.bundle_uuid, snap->ref(), def.olx_path);
}

Status LibraryAuthoring::DeleteBlock(const keys::KeyView& usage) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, LibFor(usage, LibraryRole::kAuthor, "delete blocks of"));
  return InTransaction(*lib, [&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator def, Lookup(usage));
    if (def.bundle_uuid != lib->bundle_uuid) {
      return Status::FailedPrecondition("XBlock " + usage.ToString() +
                                        " comes from a linked bundle and cannot be deleted here");
    }
    BLOCKRT_ASSIGN_OR_RETURN(std::optional<keys::Key> parent,
                             ctx_->ParentOf(usage, ContentSelector{kStudioDraft}));
    if (parent) {
      return Status::NotSupported("XBlock " + usage.ToString() + " is included by " +
                                  parent->ToString() + "; only top-level blocks can be deleted");
    }
    store::Store& store = *ctx_->snapshots().store();
    BLOCKRT_ASSIGN_OR_RETURN(auto snap, ctx_->snapshots().Draft(lib->bundle_uuid, kStudioDraft));
    BLOCKRT_ASSIGN_OR_RETURN(
        std::vector<std::string> doomed,
        internal::DefinitionsToDelete(store, ctx_->definitions(), *snap, def.olx_path));
    for (const std::string& path : doomed) {
      // "TYPE/ID/definition.xml" -> the folder "TYPE/ID/" the block owns.
      std::string prefix = path.substr(0, path.size() - std::string_view("definition.xml").size());
      BLOCKRT_ASSIGN_OR_RETURN(std::vector<store::FileInfo> files,
                               store.ListFiles(lib->bundle_uuid, snap->ref(), prefix));
      for (const store::FileInfo& f : files) {
        BLOCKRT_RETURN_IF_ERROR(store.DeleteFile(lib->bundle_uuid, kStudioDraft, f.path));
      }
    }
    return Status::OK();
  });
}

Status LibraryAuthoring::AddAsset(const keys::KeyView& usage, std::string_view name,
                                  std::string_view bytes) {
  BLOCKRT_RETURN_IF_ERROR(ValidateAssetName(name));
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, LibFor(usage, LibraryRole::kAuthor, "add assets to"));
  BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator def, Lookup(usage));
  BLOCKRT_ASSIGN_OR_RETURN(std::string_view prefix, def.OlxPrefix());
  return WriteDraft(*lib, std::string(prefix) + "static/" + std::string(name), bytes);
}

Status LibraryAuthoring::DeleteAsset(const keys::KeyView& usage, std::string_view name) {
  if (name.find("..") != std::string_view::npos) {
    return Status::InvalidArgument("Invalid .. in file name.");
  }
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, LibFor(usage, LibraryRole::kAuthor, "delete assets of"));
  BLOCKRT_ASSIGN_OR_RETURN(DefinitionLocator def, Lookup(usage));
  BLOCKRT_ASSIGN_OR_RETURN(std::string_view prefix, def.OlxPrefix());
  Status st = ctx_->snapshots().store()->DeleteFile(
      lib->bundle_uuid, kStudioDraft, std::string(prefix) + "static/" + std::string(name));
  ctx_->snapshots().Invalidate(lib->bundle_uuid);
  return st;
}

Result<std::vector<std::string>> LibraryAuthoring::ListAssets(const keys::KeyView& usage) const {
  BLOCKRT_RETURN_IF_ERROR(LibFor(usage, LibraryRole::kAuthor, "read the draft of").status());
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
  BLOCKRT_RETURN_IF_ERROR(Require(*lib, LibraryRole::kAuthor, "link bundles into"));
  store::Store& store = *ctx_->snapshots().store();
  BLOCKRT_ASSIGN_OR_RETURN(store::BundleInfo target, store.GetBundle(target_bundle));
  if (!actor_.is_none()) {
    // Linking must not lend a private library's content to others: the actor
    // has to be allowed to view the target (learners are checked again on
    // every linked load).
    BLOCKRT_ASSIGN_OR_RETURN(bool may_read, ctx_->MayReadBundle(actor_, target.uuid));
    if (!may_read) {
      return Status::PermissionDenied("user '" + actor_.id + "' may not view bundle " +
                                      target.uuid + ", so cannot link it into " + lib->key);
    }
  }
  Status st = store.SetLink(lib->bundle_uuid, kStudioDraft, name,
                            store::LinkTarget{target.uuid, version}, /*replace=*/true);
  ctx_->snapshots().Invalidate(lib->bundle_uuid);
  return st;
}

Result<ImportReport> LibraryAuthoring::ImportDirectory(std::string_view library_key,
                                                       const std::string& dir, bool merge) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(library_key));
  BLOCKRT_RETURN_IF_ERROR(Require(*lib, LibraryRole::kAuthor, "import into"));
  store::Store& store = *ctx_->snapshots().store();
  ImportReport report;
  BLOCKRT_RETURN_IF_ERROR(InTransaction(*lib, [&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(auto before, ctx_->snapshots().Draft(lib->bundle_uuid, kStudioDraft));
    store::ImportOptions opts;
    opts.mirror = !merge;
    BLOCKRT_ASSIGN_OR_RETURN(store::ImportStats stats,
                             store.ImportDirectory(lib->bundle_uuid, kStudioDraft, dir, opts));
    report.files_seen = stats.files_seen;
    ctx_->snapshots().Invalidate(lib->bundle_uuid);
    BLOCKRT_ASSIGN_OR_RETURN(auto after, ctx_->snapshots().Draft(lib->bundle_uuid, kStudioDraft));
    for (const store::FileInfo& f : before->files) {
      if (after->Find(f.path) == nullptr) report.deleted.push_back(f.path);
    }
    // The imported draft as a whole must hold valid OLX, else nothing lands.
    return internal::CheckDefinitions(ctx_->snapshots(), *after, {});
  }));
  return report;
}

Result<int64_t> LibraryAuthoring::Publish(std::string_view library_key, std::string_view author) {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(library_key));
  BLOCKRT_RETURN_IF_ERROR(Require(*lib, LibraryRole::kAuthor, "publish"));
  store::Store& store = *ctx_->snapshots().store();
  int64_t version = 0;
  BLOCKRT_RETURN_IF_ERROR(InTransaction(*lib, [&]() -> Status {
    if (!store.DraftExists(lib->bundle_uuid, kStudioDraft)) {
      return Status::FailedPrecondition("library " + lib->key + " has no unpublished changes");
    }
    // What learners will see is checked as a whole (content written before
    // these checks existed, or by other tools, included).
    BLOCKRT_RETURN_IF_ERROR(CheckDraft(*lib, {}, {}));
    store::CommitOptions opts;
    opts.author = std::string(author.empty() ? std::string_view(actor_.id) : author);
    opts.change_description = "publish " + lib->key;
    BLOCKRT_ASSIGN_OR_RETURN(version, store.Commit(lib->bundle_uuid, kStudioDraft, opts));
    return Status::OK();
  }));
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
  BLOCKRT_RETURN_IF_ERROR(Require(*lib, LibraryRole::kAuthor, "discard the draft of"));
  store::Store& store = *ctx_->snapshots().store();
  if (!store.DraftExists(lib->bundle_uuid, kStudioDraft)) return Status::OK();
  Status st = store.DiscardDraft(lib->bundle_uuid, kStudioDraft);
  ctx_->snapshots().Invalidate(lib->bundle_uuid);
  return st;
}

Result<bool> LibraryAuthoring::HasUnpublishedChanges(std::string_view library_key) const {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Lib(library_key));
  BLOCKRT_RETURN_IF_ERROR(Require(*lib, LibraryRole::kAuthor, "read the draft of"));
  store::Store& store = *ctx_->snapshots().store();
  if (!store.DraftExists(lib->bundle_uuid, kStudioDraft)) return false;
  return store.HasChanges(lib->bundle_uuid, kStudioDraft);
}

}  // namespace blockrt::contexts
