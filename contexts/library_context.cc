#include "contexts/library_context.h"

#include <algorithm>
#include <mutex>

#include "contexts/internal/include_index.h"
#include "contexts/internal/library_table.h"
#include "olx/child_usage.h"

namespace blockrt::contexts {

// One library through one selector: record, bundle view and include index.
// Immutable once published in states_ (the index is built once, on first use).
struct LibraryContext::State {
  std::shared_ptr<const LibraryInfo> info;
  std::shared_ptr<const BundleSnapshot> snap;
  std::string draft;         // the selector's draft ("" = published)
  std::string usage_prefix;  // "lb:ORG:SLUG:"
  mutable std::once_flag includes_once;
  mutable Status includes_status;
  mutable std::shared_ptr<const internal::IncludeIndex> includes;
  // The usage key of each includes->parents[i] (nullopt if keys reject it),
  // parsed once rather than for each child.
  mutable std::vector<std::optional<keys::Key>> parent_keys;
  // The locator of each own file, built on first load and never changed
  // (`state`: 0 empty, 1 being built by the one thread that won it, 2 set).
  struct Locator {
    std::atomic<uint8_t> state{0};
    DefinitionLocator locator;
  };
  std::unique_ptr<Locator[]> locators;  // snap->files.size()
};

// The views one caller resolved, trusted while neither cache generation moved
// and the snapshot needs no recheck. Used by one thread at a time.
class LibraryContext::Session : public ContextSession {
 public:
  struct Entry {
    std::string id;  // "lib:ORG:SLUG\0draft"
    std::shared_ptr<const State> state;
    uint64_t table_generation = 0;
    uint64_t snapshot_generation = 0;
    int64_t valid_until_ms = 0;
    bool FreshAt(uint64_t table_gen, uint64_t snapshot_gen, int64_t now_ms) const {
      return table_generation == table_gen && snapshot_generation == snapshot_gen &&
             now_ms < valid_until_ms;
    }
    // A reference to `state` with a control block of this session's own:
    // what the session hands out (as aliases) counts references there, so
    // threads loading the same library never write one shared cache line.
    std::shared_ptr<const void> pin;
  };
  static constexpr size_t kMaxEntries = 8;
  std::vector<Entry> entries;
  const Entry* current = nullptr;  // the entry StateFor() returned last
  size_t next_victim = 0;
  std::string id;  // scratch
  // The own file after the one the last top-level load resolved: callers
  // often load blocks in listing order (ListBlocks' order), and checking it
  // first reads the snapshot's paths in order instead of probing its index.
  int64_t next_file = -1;
};

namespace {

constexpr std::string_view kDefinitionFile = "/definition.xml";

// Is `id` "lib:ORG:SLUG\0DRAFT" for these parts, i.e. LibraryKeyText's text
// plus '\0' and the draft (StateFor's key), without building it?
bool IdMatches(std::string_view id, std::string_view org, std::string_view slug,
               std::string_view draft) {
  if (id.size() != 4 + org.size() + 1 + slug.size() + 1 + draft.size()) return false;
  std::string_view rest = id.substr(4);
  return id.substr(0, 4) == "lib:" && rest.substr(0, org.size()) == org &&
         rest[org.size()] == ':' && rest.substr(org.size() + 1, slug.size()) == slug &&
         rest[org.size() + 1 + slug.size()] == '\0' &&
         rest.substr(org.size() + 2 + slug.size()) == draft;
}

// "TYPE/ID/definition.xml" into a reused buffer.
const std::string& OlxPath(std::string_view type, std::string_view id) {
  thread_local std::string path;
  path.assign(type).push_back('/');
  path.append(id).append(kDefinitionFile);
  return path;
}

// prefix + TYPE + ":" + ID, parsed (every rule re-checked, as MakeUsageKey does).
Result<keys::Key> UsageKey(std::string_view prefix, std::string_view type, std::string_view id) {
  thread_local std::string text;
  text.assign(prefix).append(type).push_back(':');
  text.append(id);
  return keys::Key::Parse(text, keys::KeyBase::kUsageKey);
}

// "TYPE/ID" -> its usage key in the library of `prefix`.
Result<keys::Key> UsageKeyOfPath(std::string_view prefix, std::string_view usage) {
  size_t slash = usage.find('/');
  return UsageKey(prefix, usage.substr(0, slash), usage.substr(slash + 1));
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

std::unique_ptr<ContextSession> LibraryContext::NewSession() const {
  return std::make_unique<Session>();
}

void LibraryContext::PrefetchUsages(ContextSession* session, const std::vector<keys::Key>& usages,
                                    ContentSelector sel) const {
  // Each load probes the path index, then reads the file's locator, parsed
  // slot and definition, all cold for blocks loaded a while ago: one miss
  // after another. Issuing each level for every usage before reading the
  // next lets the misses overlap.
  constexpr size_t kMax = 32;
  if (session == nullptr || usages.empty()) return;
  std::shared_ptr<const State> hold;
  Result<const State*> found =
      StateFor(static_cast<Session*>(session), &hold, usages.front().view(), sel);
  if (!found.ok()) return;
  const State& state = **found;
  const BundleSnapshot& snap = *state.snap;
  const size_t n = std::min(usages.size(), kMax);
  uint64_t hashes[kMax];
  for (size_t i = 0; i < n; ++i) {
    const keys::KeyView& k = usages[i].view();
    hashes[i] = PathHash(OlxPath(k.block_type().value_or(""), k.block_id().value_or("")));
    snap.PrefetchSlot(hashes[i]);
  }
  int64_t files[kMax];
  for (size_t i = 0; i < n; ++i) {
    files[i] = snap.Candidate(hashes[i]);
    if (files[i] < 0) continue;
    const size_t f = static_cast<size_t>(files[i]);
    __builtin_prefetch(&snap.path_start[f]);
    __builtin_prefetch(&snap.parsed[f]);
    __builtin_prefetch(&state.locators[f]);
  }
  for (size_t i = 0; i < n; ++i) {
    if (files[i] < 0) continue;
    const size_t f = static_cast<size_t>(files[i]);
    __builtin_prefetch(snap.path_bytes.data() + snap.path_start[f]);
    if (const olx::Definition* def = definitions_->Held(snap, f)) {
      // The lines a load and a render read first: the includes (children),
      // then fields and attributes.
      __builtin_prefetch(&def->includes);
      __builtin_prefetch(&def->fields);
      __builtin_prefetch(&def->attributes);
    }
  }
}

Result<std::shared_ptr<const LibraryInfo>> LibraryContext::Library(const keys::KeyView& key) const {
  thread_local std::string text;
  BLOCKRT_RETURN_IF_ERROR(LibraryKeyText(key, &text));
  return table_->Get(text);
}

Result<std::shared_ptr<const LibraryContext::State>> LibraryContext::SharedState(
    std::string_view lib_key, std::string_view id, ContentSelector sel,
    int64_t* valid_until_ms) const {
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const LibraryInfo> info, table_->Get(lib_key));
  BLOCKRT_ASSIGN_OR_RETURN(std::shared_ptr<const BundleSnapshot> snap,
                           snapshots_->Current(info->bundle_uuid, sel.draft, valid_until_ms));
  std::lock_guard lock(states_mu_);
  auto it = states_.find(std::string(id));
  if (it != states_.end() && it->second->info == info && it->second->snap == snap) {
    return it->second;
  }
  auto state = std::make_shared<State>();
  state->info = std::move(info);
  state->snap = std::move(snap);
  state->draft = std::string(sel.draft);
  state->usage_prefix.assign("lb:").append(lib_key.substr(4)).push_back(':');
  state->locators = std::make_unique<State::Locator[]>(state->snap->files.size());
  std::shared_ptr<const State> shared = std::move(state);
  states_[std::string(id)] = shared;
  return shared;
}

Result<const LibraryContext::State*> LibraryContext::StateFor(Session* session,
                                                              std::shared_ptr<const State>* hold,
                                                              const keys::KeyView& key,
                                                              ContentSelector sel) const {
  // Read before the lookups: a write racing with them then forces another.
  const uint64_t table_generation = table_->generation();
  const uint64_t snapshot_generation = snapshots_->generation();
  // The library of the previous call, checked without building its id.
  if (session != nullptr && session->current != nullptr) {
    const Session::Entry& e = *session->current;
    const keys::KeyKind kind = key.kind();
    if ((kind == keys::KeyKind::kLibraryUsageLocatorV2 ||
         kind == keys::KeyKind::kLibraryLocatorV2) &&
        e.FreshAt(table_generation, snapshot_generation, CoarseNowMs()) &&
        IdMatches(e.id, key.org().value_or(""), key.course().value_or(""), sel.draft)) {
      return e.state.get();
    }
  }
  thread_local std::string scratch;
  std::string& id = session != nullptr ? session->id : scratch;
  BLOCKRT_RETURN_IF_ERROR(LibraryKeyText(key, &id));
  const size_t lib_size = id.size();
  id.push_back('\0');
  id.append(sel.draft);
  if (session != nullptr) {
    const int64_t now = CoarseNowMs();
    for (const Session::Entry& e : session->entries) {
      if (e.id == id && e.FreshAt(table_generation, snapshot_generation, now)) {
        session->current = &e;
        return e.state.get();
      }
    }
  }
  int64_t valid_until = 0;
  BLOCKRT_ASSIGN_OR_RETURN(
      *hold, SharedState(std::string_view(id).substr(0, lib_size), id, sel, &valid_until));
  if (session == nullptr) return hold->get();
  Session::Entry* slot = nullptr;
  for (Session::Entry& e : session->entries) {
    if (e.id == id) slot = &e;
  }
  if (slot == nullptr) {
    if (session->entries.size() < Session::kMaxEntries) {
      slot = &session->entries.emplace_back();
    } else {
      slot = &session->entries[session->next_victim++ % Session::kMaxEntries];
    }
  }
  *slot = Session::Entry{id,
                         *hold,
                         table_generation,
                         snapshot_generation,
                         valid_until,
                         std::make_shared<std::shared_ptr<const State>>(*hold)};
  session->current = slot;
  return slot->state.get();
}

Result<const internal::IncludeIndex*> LibraryContext::Includes(const State& state) const {
  std::call_once(state.includes_once, [&] {
    Result<std::shared_ptr<const internal::IncludeIndex>> built =
        internal::BuildIncludeIndex(*snapshots_, *definitions_, *state.snap, state.draft);
    if (built.ok()) {
      state.includes = std::move(*built);
      state.parent_keys.reserve(state.includes->parents.size());
      for (const std::string& parent : state.includes->parents) {
        Result<keys::Key> key = UsageKeyOfPath(state.usage_prefix, parent);
        state.parent_keys.push_back(key.ok() ? std::optional<keys::Key>(std::move(*key))
                                             : std::nullopt);
      }
    } else {
      state.includes_status = built.status();
    }
  });
  if (!state.includes) return state.includes_status;
  return state.includes.get();
}

Result<const keys::Key*> LibraryContext::ParentKey(const State& state, uint32_t parent) const {
  const std::optional<keys::Key>& key = state.parent_keys[parent];
  if (key) return &*key;
  // The error keys gave (the parsed keys are kept once, not the errors).
  return UsageKeyOfPath(state.usage_prefix, state.includes->parents[parent]).status();
}

Result<std::optional<DefinitionLocator>> LibraryContext::Resolve(const State& state,
                                                                 const keys::KeyView& usage) const {
  using None = std::optional<DefinitionLocator>;
  std::string_view type = usage.block_type().value_or(""), id = usage.block_id().value_or("");
  const std::string& path = OlxPath(type, id);
  if (state.snap->IndexOf(path) >= 0) {
    return None(internal::OwnLocator(*state.snap, state.draft, type, path));
  }
  // Not an own file: maybe an alias or a block of a linked bundle.
  BLOCKRT_ASSIGN_OR_RETURN(const internal::IncludeIndex* index, Includes(state));
  const internal::IncludedUsage* included = index->Find(type, id);
  if (included == nullptr) return None();
  return None(index->Locator(*included));
}

bool LibraryContext::Permitted(const LibraryInfo& lib, const User& user, LibraryRole needed) {
  if (user.is_none()) return false;
  return lib.RoleOf(user.id) >= needed ||
         (needed == LibraryRole::kLearner && lib.allow_public_learning);
}

Result<bool> LibraryContext::MayReadBundle(const User& user, std::string_view bundle_uuid) const {
  std::string owner;
  {
    std::lock_guard lock(owners_mu_);
    const uint64_t generation = table_->generation();
    if (owners_generation_ != generation) {
      BLOCKRT_ASSIGN_OR_RETURN(std::vector<LibraryInfo> all, table_->List());
      owners_.clear();
      for (const LibraryInfo& lib : all) owners_[lib.bundle_uuid] = lib.key;
      owners_generation_ = generation;
    }
    auto it = owners_.find(std::string(bundle_uuid));
    if (it == owners_.end()) return true;  // plain store content: the link's rules apply
    owner = it->second;
  }
  Result<std::shared_ptr<const LibraryInfo>> lib = table_->Get(owner);
  if (!lib.ok()) {
    if (lib.status().IsNotFound()) return true;  // the owner was deleted meanwhile
    return lib.status();
  }
  return Permitted(**lib, user, LibraryRole::kLearner);
}

Result<bool> LibraryContext::MayReadDefinition(const State& state, const User* user,
                                               const DefinitionLocator& def) const {
  if (user == nullptr || def.bundle_uuid == state.info->bundle_uuid) return true;
  return MayReadBundle(*user, def.bundle_uuid);
}

// DefinitionForUsage behind an optional permission check (none without user).
Result<std::optional<DefinitionLocator>> LibraryContext::Authorized(const User* user,
                                                                    const keys::KeyView& usage,
                                                                    ContentSelector sel,
                                                                    LibraryRole needed) const {
  using None = std::optional<DefinitionLocator>;
  if (usage.kind() != keys::KeyKind::kLibraryUsageLocatorV2) return None();
  std::shared_ptr<const State> hold;
  Result<const State*> state = StateFor(nullptr, &hold, usage, sel);
  if (!state.ok()) {
    if (state.status().IsNotFound()) return None();
    return state.status();
  }
  // Permission before existence, like the reference.
  if (user != nullptr && !Permitted(*(*state)->info, *user, needed)) return None();
  BLOCKRT_ASSIGN_OR_RETURN(None def, Resolve(**state, usage));
  if (def) {
    BLOCKRT_ASSIGN_OR_RETURN(bool readable, MayReadDefinition(**state, user, *def));
    if (!readable) return None();
  }
  return def;
}

Result<std::optional<DefinitionLocator>> LibraryContext::DefinitionForUsage(
    const keys::KeyView& usage, ContentSelector sel) const {
  return Authorized(nullptr, usage, sel, LibraryRole::kNone);
}

Result<std::optional<DefinitionLocator>> LibraryContext::AuthorizedDefinition(
    const User& user, const keys::KeyView& usage, ContentSelector sel, bool edit) const {
  return Authorized(&user, usage, sel, edit ? LibraryRole::kAuthor : LibraryRole::kLearner);
}

bool LibraryContext::CanEditBlock(const User& user, const keys::KeyView& usage,
                                  ContentSelector sel) const {
  if (user.is_none()) return false;
  Result<std::optional<DefinitionLocator>> def = AuthorizedDefinition(user, usage, sel, true);
  return def.ok() && def->has_value();
}

bool LibraryContext::CanViewBlock(const User& user, const keys::KeyView& usage,
                                  ContentSelector sel) const {
  if (user.is_none()) return false;
  Result<std::optional<DefinitionLocator>> def = AuthorizedDefinition(user, usage, sel, false);
  return def.ok() && def->has_value();
}

Result<std::optional<UsageLoad>> LibraryContext::LoadUsage(ContextSession* session,
                                                           const User* user,
                                                           const keys::KeyView& usage,
                                                           ContentSelector sel, bool edit,
                                                           bool want_parent) const {
  using None = std::optional<UsageLoad>;
  if (usage.kind() != keys::KeyKind::kLibraryUsageLocatorV2) return None();
  std::shared_ptr<const State> hold;
  Result<const State*> found = StateFor(static_cast<Session*>(session), &hold, usage, sel);
  if (!found.ok()) {
    if (found.status().IsNotFound()) return None();
    return found.status();
  }
  const State& state = **found;
  if (user != nullptr &&
      !Permitted(*state.info, *user, edit ? LibraryRole::kAuthor : LibraryRole::kLearner)) {
    return None();
  }
  std::string_view type = usage.block_type().value_or(""), id = usage.block_id().value_or("");
  store::Store& store = *snapshots_->store();
  // Built in place in what is returned (a UsageLoad moved through an optional
  // and a Result moves its keys three times).
  Result<None> out(None(std::in_place));
  UsageLoad& load = **out;
  const std::string& path = OlxPath(type, id);
  int64_t file = -1;
  Session* const hinted = want_parent ? static_cast<Session*>(session) : nullptr;
  if (hinted != nullptr && hinted->next_file >= 0 &&
      static_cast<size_t>(hinted->next_file) < state.snap->files.size() &&
      state.snap->PathAt(static_cast<size_t>(hinted->next_file)) == path) {
    file = hinted->next_file;
  } else {
    file = state.snap->IndexOf(path);
  }
  if (hinted != nullptr) {
    hinted->next_file = file >= 0 ? file + 1 : -1;
    // The next load in listing order starts by hashing that file's digest,
    // a string of its own in the listing: fetch it while this one loads.
    if (file >= 0 && static_cast<size_t>(file) + 1 < state.snap->files.size()) {
      __builtin_prefetch(state.snap->files[static_cast<size_t>(file) + 1].digest.data());
    }
  }
  const internal::IncludeIndex* index = nullptr;
  const internal::IncludedUsage* included = nullptr;
  // Shares of the state (which owns the locators, the parent keys, the
  // snapshot and so its parsed definitions): through the session's pin no
  // shared reference count is touched.
  std::shared_ptr<const void> held_state;
  if (session == nullptr) held_state = hold;
  const std::shared_ptr<const void>& owner =
      session != nullptr ? static_cast<Session*>(session)->current->pin : held_state;
  if (file >= 0) {
    State::Locator& slot = state.locators[file];
    uint8_t empty = 0;
    if (slot.state.load(std::memory_order_acquire) == 0 &&
        slot.state.compare_exchange_strong(empty, 1, std::memory_order_acquire)) {
      slot.locator = internal::OwnLocator(*state.snap, state.draft, type, path);
      slot.state.store(2, std::memory_order_release);
    }
    const bool slot_set = slot.state.load(std::memory_order_acquire) == 2;
    load.definition = slot_set ? std::shared_ptr<const DefinitionLocator>(owner, &slot.locator)
                               : std::make_shared<const DefinitionLocator>(
                                     internal::OwnLocator(*state.snap, state.draft, type, path));
    const olx::Definition* held = nullptr;
    if (session != nullptr) {
      const std::shared_ptr<const void>& pin = owner;
      load.snapshot = std::shared_ptr<const BundleSnapshot>(pin, state.snap.get());
      held = definitions_->Held(*state.snap, file);
      if (held != nullptr) load.olx = std::shared_ptr<const olx::Definition>(pin, held);
    } else {
      load.snapshot = state.snap;
    }
    if (held == nullptr) {
      BLOCKRT_ASSIGN_OR_RETURN(load.olx, definitions_->LoadFile(store, *state.snap, file));
    }
  } else {
    // An alias or a block of a linked bundle.
    BLOCKRT_ASSIGN_OR_RETURN(index, Includes(state));
    included = index->Find(type, id);
    if (included == nullptr) return None();
    load.definition = std::make_shared<const DefinitionLocator>(index->Locator(*included));
    const DefinitionLocator& def = *load.definition;
    // A block of a linked bundle: that bundle's library must let `user` in too.
    BLOCKRT_ASSIGN_OR_RETURN(bool readable, MayReadDefinition(state, user, def));
    if (!readable) return None();
    if (included->origin == 0) {
      load.snapshot = state.snap;
    } else {
      BLOCKRT_ASSIGN_OR_RETURN(
          load.snapshot, snapshots_->Version(def.bundle_uuid, static_cast<int64_t>(def.version)));
    }
    BLOCKRT_ASSIGN_OR_RETURN(load.olx, definitions_->Load(store, *load.snapshot, def.olx_path));
  }
  const bool foreign = load.definition->bundle_uuid != state.info->bundle_uuid;
  load.children.reserve(load.olx->includes.size());
  std::string prefixed;  // a child id under a linked parent
  for (const olx::Include& inc : load.olx->includes) {
    // An unknown link is an error, never a fallback to the own bundle (whose
    // file of the same TYPE/ID the child key would otherwise resolve to).
    if (!inc.source.empty() && load.snapshot->FindLink(inc.source) == nullptr) {
      return Status::NotFound("Link not found: " + inc.source)
          .WithContext("child <xblock-include definition=\"" + inc.definition() + "\"> of " +
                       usage.ToString());
    }
    Result<keys::Key> child = UsageKey(state.usage_prefix, inc.block_type,
                                       olx::ChildUsageId(inc, id, !foreign, &prefixed));
    if (!child.ok()) {
      return child.status().WithContext("child <xblock-include definition=\"" + inc.definition() +
                                        "\"> of " + usage.ToString());
    }
    load.children.push_back(std::move(*child));
  }
  if (want_parent) {
    if (index == nullptr) {
      BLOCKRT_ASSIGN_OR_RETURN(index, Includes(state));
    }
    // An own file's parent from the dense per-file array (in file order),
    // not through its entry.
    const uint32_t parent_at =
        file >= 0 ? index->file_parent[file] : (included != nullptr ? included->parent + 1 : 0);
    if (parent_at != 0) {
      BLOCKRT_RETURN_IF_ERROR(ParentKey(state, parent_at - 1).status());
      // The state's own parsed key, shared through the state's owner.
      load.parent =
          std::shared_ptr<const std::optional<keys::Key>>(owner, &state.parent_keys[parent_at - 1]);
    }
    // In listing order the next file's parent is read next: fetch it now.
    if (hinted != nullptr && file >= 0 &&
        static_cast<size_t>(file) + 1 < index->file_parent.size()) {
      const uint32_t next_parent = index->file_parent[static_cast<size_t>(file) + 1];
      if (next_parent != 0) __builtin_prefetch(&state.parent_keys[next_parent - 1]);
    }
  }
  return out;
}

Result<keys::Key> LibraryContext::UsageForChildInclude(const keys::KeyView& parent_usage,
                                                       const DefinitionLocator& parent_definition,
                                                       const ChildInclude& inc) const {
  if (parent_usage.kind() != keys::KeyKind::kLibraryUsageLocatorV2) {
    return Status::InvalidArgument("'" + parent_usage.ToString() +
                                   "' is not a library usage key (lb:)");
  }
  BLOCKRT_ASSIGN_OR_RETURN(auto lib, Library(parent_usage));
  if (!inc.link_id.empty()) {
    // As in LoadUsage: an unknown link never falls back to the own bundle.
    BLOCKRT_ASSIGN_OR_RETURN(
        auto snap,
        parent_definition.is_draft()
            ? snapshots_->Draft(parent_definition.bundle_uuid, parent_definition.draft_name)
            : snapshots_->Version(parent_definition.bundle_uuid,
                                  static_cast<int64_t>(parent_definition.version)));
    if (snap->FindLink(inc.link_id) == nullptr) {
      return Status::NotFound("Link not found: " + inc.link_id);
    }
  }
  std::string prefixed;
  const std::string_view usage_id =
      olx::ChildUsageId(inc.usage_hint, inc.definition_id, parent_usage.block_id().value_or(""),
                        parent_definition.bundle_uuid == lib->bundle_uuid, &prefixed);
  BLOCKRT_ASSIGN_OR_RETURN(keys::KeyView lib_key, parent_usage.context_key());
  return keys::MakeUsageKey(lib_key, inc.block_type, usage_id);
}

Result<std::vector<keys::Key>> LibraryContext::ListBlocks(const keys::KeyView& context_key,
                                                          ContentSelector sel) const {
  std::shared_ptr<const State> state;
  BLOCKRT_RETURN_IF_ERROR(StateFor(nullptr, &state, context_key, sel).status());
  std::vector<keys::Key> out;
  out.reserve(state->snap->files.size());
  for (const store::FileInfo& f : state->snap->files) {
    std::string_view type, id;
    if (!internal::SplitOlxPath(f.path, &type, &id)) continue;
    Result<keys::Key> k = UsageKey(state->usage_prefix, type, id);
    if (k.ok()) out.push_back(std::move(*k));  // ids keys reject are not blocks
  }
  return out;
}

Result<std::vector<keys::Key>> LibraryContext::TopLevelBlocks(const keys::KeyView& context_key,
                                                              ContentSelector sel) const {
  std::shared_ptr<const State> state;
  BLOCKRT_RETURN_IF_ERROR(StateFor(nullptr, &state, context_key, sel).status());
  BLOCKRT_ASSIGN_OR_RETURN(const internal::IncludeIndex* index, Includes(*state));
  std::vector<keys::Key> out;
  const std::vector<store::FileInfo>& files = state->snap->files;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string_view type, id;
    if (index->file_parent[i] != 0 || !internal::SplitOlxPath(files[i].path, &type, &id)) {
      continue;
    }
    Result<keys::Key> k = UsageKey(state->usage_prefix, type, id);
    if (k.ok()) out.push_back(std::move(*k));
  }
  return out;
}

Result<std::optional<keys::Key>> LibraryContext::ParentOf(const keys::KeyView& usage,
                                                          ContentSelector sel) const {
  std::shared_ptr<const State> state;
  BLOCKRT_RETURN_IF_ERROR(StateFor(nullptr, &state, usage, sel).status());
  BLOCKRT_ASSIGN_OR_RETURN(const internal::IncludeIndex* index, Includes(*state));
  const internal::IncludedUsage* included =
      index->Find(usage.block_type().value_or(""), usage.block_id().value_or(""));
  if (included == nullptr) return std::optional<keys::Key>();
  BLOCKRT_ASSIGN_OR_RETURN(const keys::Key* k, ParentKey(*state, included->parent));
  return std::optional<keys::Key>(*k);
}

Result<std::vector<std::string>> LibraryContext::IncludeProblems(const keys::KeyView& context_key,
                                                                 ContentSelector sel) const {
  std::shared_ptr<const State> state;
  BLOCKRT_RETURN_IF_ERROR(StateFor(nullptr, &state, context_key, sel).status());
  BLOCKRT_ASSIGN_OR_RETURN(const internal::IncludeIndex* index, Includes(*state));
  return index->problems;
}

}  // namespace blockrt::contexts
