#include "contexts/library_context.h"

#include <algorithm>
#include <mutex>
#include <shared_mutex>

#include "contexts/internal/include_index.h"
#include "contexts/internal/library_table.h"

namespace blockrt::contexts {
namespace {

constexpr std::string_view kDefinitionFile = "/definition.xml";

std::string UsageText(std::string_view type, std::string_view id) {
  std::string s;
  s.reserve(type.size() + id.size() + 1);
  s.append(type).push_back('/');
  s.append(id);
  return s;
}

}  // namespace

Status LibraryKeyText(const keys::KeyView& key, std::string* out) {
  keys::KeyKind kind = key.kind();
  if (kind != keys::KeyKind::kLibraryLocatorV2 && kind != keys::KeyKind::kLibraryUsageLocatorV2) {
    return Status::InvalidArgument("'" + key.ToString() +
                                   "' is not a content library (lib:/lb:) key");
  }
  std::string_view org = key.org().value_or(""), slug = key.course().value_or("");
  out->clear();
  out->reserve(org.size() + slug.size() + 5);
  out->append("lib:").append(org).push_back(':');
  out->append(slug);
  return Status::OK();
}

LibraryContext::LibraryContext(std::shared_ptr<BundleSnapshots> snapshots,
                               std::shared_ptr<DefinitionCache> definitions)
    : snapshots_(std::move(snapshots)),
      definitions_(std::move(definitions)),
      table_(std::make_unique<internal::LibraryTable>(snapshots_->store())) {}

LibraryContext::~LibraryContext() = default;

Result<std::shared_ptr<const LibraryInfo>> LibraryContext::Library(const keys::KeyView& key) const {
  thread_local std::string text;
  BLOCKRT_RETURN_IF_ERROR(LibraryKeyText(key, &text));
  return table_->Get(text);
}

Result<std::shared_ptr<const BundleSnapshot>> LibraryContext::Snapshot(const LibraryInfo& lib,
                                                                       ContentSelector sel) const {
  return sel.draft.empty() ? snapshots_->Latest(lib.bundle_uuid)
                           : snapshots_->Draft(lib.bundle_uuid, sel.draft);
}

Result<std::shared_ptr<const internal::IncludeIndex>> LibraryContext::Includes(
    const BundleSnapshot& snap, ContentSelector sel) const {
  thread_local std::string key;
  key.assign(snap.bundle_uuid).push_back('\0');
  key.append(sel.draft);
  {
    std::shared_lock lock(includes_mu_);
    auto it = includes_.find(key);
    if (it != includes_.end() && it->second.snapshot.get() == &snap) return it->second.index;
  }
  std::string owned_key = key;
  // Built outside the lock: it may read and parse many definitions.
  BLOCKRT_ASSIGN_OR_RETURN(
      auto index, internal::BuildIncludeIndex(*snapshots_, *definitions_, snap, sel.draft));
  Result<std::shared_ptr<const BundleSnapshot>> current =
      sel.draft.empty() ? snapshots_->Latest(snap.bundle_uuid)
                        : snapshots_->Draft(snap.bundle_uuid, sel.draft);
  if (current.ok() && current->get() == &snap) {
    std::unique_lock lock(includes_mu_);
    includes_[owned_key] = CachedIndex{*current, index};
  }
  return index;
}

Result<std::optional<DefinitionLocator>> LibraryContext::DefinitionForUsage(
    const keys::KeyView& usage, ContentSelector sel) const {
  using None = std::optional<DefinitionLocator>;
  if (usage.kind() != keys::KeyKind::kLibraryUsageLocatorV2) return None();
  Result<std::shared_ptr<const LibraryInfo>> lib = Library(usage);
  if (!lib.ok()) {
    if (lib.status().IsNotFound()) return None();
    return lib.status();
  }
  return Resolve(**lib, usage, sel);
}

Result<std::optional<DefinitionLocator>> LibraryContext::Resolve(const LibraryInfo& lib,
                                                                 const keys::KeyView& usage,
                                                                 ContentSelector sel) const {
  using None = std::optional<DefinitionLocator>;
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, Snapshot(lib, sel));
  std::string_view type = usage.block_type().value_or(""), id = usage.block_id().value_or("");
  thread_local std::string path;
  path.clear();
  path.append(type).push_back('/');
  path.append(id).append(kDefinitionFile);
  if (snap->Find(path) != nullptr) {
    return None(internal::OwnLocator(*snap, sel.draft, type, path));
  }
  // Not an own file: maybe an alias or a block of a linked bundle.
  BLOCKRT_ASSIGN_OR_RETURN(auto index, Includes(*snap, sel));
  auto it = index->included.find(UsageText(type, id));
  if (it == index->included.end()) return None();
  return None(it->second.definition);
}

bool LibraryContext::Permitted(const LibraryInfo& lib, const User& user, LibraryRole needed) {
  if (user.is_none()) return false;
  return lib.RoleOf(user.id) >= needed ||
         (needed == LibraryRole::kLearner && lib.allow_public_learning);
}

bool LibraryContext::Allowed(const User& user, const keys::KeyView& usage, ContentSelector sel,
                             LibraryRole needed) const {
  if (user.is_none() || usage.kind() != keys::KeyKind::kLibraryUsageLocatorV2) return false;
  Result<std::shared_ptr<const LibraryInfo>> lib = Library(usage);
  // Permission before existence, like the reference.
  if (!lib.ok() || !Permitted(**lib, user, needed)) return false;
  Result<std::optional<DefinitionLocator>> def = Resolve(**lib, usage, sel);
  return def.ok() && def->has_value();
}

Result<std::optional<DefinitionLocator>> LibraryContext::AuthorizedDefinition(
    const User& user, const keys::KeyView& usage, ContentSelector sel, bool edit) const {
  using None = std::optional<DefinitionLocator>;
  if (usage.kind() != keys::KeyKind::kLibraryUsageLocatorV2) return None();
  Result<std::shared_ptr<const LibraryInfo>> lib = Library(usage);
  if (!lib.ok()) {
    if (lib.status().IsNotFound()) return None();
    return lib.status();
  }
  if (!Permitted(**lib, user, edit ? LibraryRole::kAuthor : LibraryRole::kLearner)) return None();
  return Resolve(**lib, usage, sel);
}

bool LibraryContext::CanEditBlock(const User& user, const keys::KeyView& usage,
                                  ContentSelector sel) const {
  return Allowed(user, usage, sel, LibraryRole::kAuthor);
}

bool LibraryContext::CanViewBlock(const User& user, const keys::KeyView& usage,
                                  ContentSelector sel) const {
  return Allowed(user, usage, sel, LibraryRole::kLearner);
}

Result<keys::Key> LibraryContext::UsageForChildInclude(const keys::KeyView& parent_usage,
                                                       const DefinitionLocator& parent_definition,
                                                       const ChildInclude& inc) const {
  if (parent_usage.kind() != keys::KeyKind::kLibraryUsageLocatorV2) {
    return Status::InvalidArgument("'" + parent_usage.ToString() +
                                   "' is not a library usage key (lb:)");
  }
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Library(parent_usage));
  std::string usage_id = inc.usage_hint.empty() ? inc.definition_id : inc.usage_hint;
  if (parent_definition.bundle_uuid != lib->bundle_uuid) {
    usage_id = std::string(parent_usage.block_id().value_or("")) + "-" + usage_id;
  }
  BLOCKRT_ASSIGN_OR_RETURN(keys::KeyView lib_key, parent_usage.context_key());
  return keys::MakeUsageKey(lib_key, inc.block_type, usage_id);
}

Result<std::vector<keys::Key>> LibraryContext::ListBlocks(const keys::KeyView& context_key,
                                                          ContentSelector sel) const {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Library(context_key));
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, Snapshot(*lib, sel));
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key lib_key, keys::Key::Parse(lib->key));
  std::vector<keys::Key> out;
  for (const store::FileInfo& f : snap->files) {
    std::string_view type, id;
    if (!internal::SplitOlxPath(f.path, &type, &id)) continue;
    Result<keys::Key> k = keys::MakeUsageKey(lib_key.view(), type, id);
    if (k.ok()) out.push_back(std::move(*k));  // ids keys reject are not blocks
  }
  return out;
}

Result<std::vector<keys::Key>> LibraryContext::TopLevelBlocks(const keys::KeyView& context_key,
                                                              ContentSelector sel) const {
  BLOCKRT_ASSIGN_OR_RETURN(std::vector<keys::Key> all, ListBlocks(context_key, sel));
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Library(context_key));
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, Snapshot(*lib, sel));
  BLOCKRT_ASSIGN_OR_RETURN(auto index, Includes(*snap, sel));
  std::vector<keys::Key> out;
  for (keys::Key& k : all) {
    std::string u = UsageText(k->block_type().value_or(""), k->block_id().value_or(""));
    if (index->included.count(u) == 0) out.push_back(std::move(k));
  }
  return out;
}

Result<std::optional<keys::Key>> LibraryContext::ParentOf(const keys::KeyView& usage,
                                                          ContentSelector sel) const {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Library(usage));
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, Snapshot(*lib, sel));
  BLOCKRT_ASSIGN_OR_RETURN(auto index, Includes(*snap, sel));
  auto it = index->included.find(
      UsageText(usage.block_type().value_or(""), usage.block_id().value_or("")));
  if (it == index->included.end()) return std::optional<keys::Key>();
  std::string_view parent = it->second.parent;
  size_t slash = parent.find('/');
  BLOCKRT_ASSIGN_OR_RETURN(keys::KeyView lib_key, usage.context_key());
  BLOCKRT_ASSIGN_OR_RETURN(
      keys::Key k, keys::MakeUsageKey(lib_key, parent.substr(0, slash), parent.substr(slash + 1)));
  return std::optional<keys::Key>(std::move(k));
}

Result<std::vector<std::string>> LibraryContext::IncludeProblems(const keys::KeyView& context_key,
                                                                 ContentSelector sel) const {
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Library(context_key));
  BLOCKRT_ASSIGN_OR_RETURN(auto snap, Snapshot(*lib, sel));
  BLOCKRT_ASSIGN_OR_RETURN(auto index, Includes(*snap, sel));
  return index->problems;
}

}  // namespace blockrt::contexts
