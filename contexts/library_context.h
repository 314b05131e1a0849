// The `lib` learning context (Content Libraries v2 on the store): permissions
// from the library table, definitions at TYPE/ID/definition.xml of the selected
// draft or latest published version, else reached through includes.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTEXT_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTEXT_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "contexts/bundle_snapshots.h"
#include "contexts/definition_cache.h"
#include "contexts/learning_context.h"
#include "contexts/library.h"

namespace blockrt::contexts {

namespace internal {
struct IncludeIndex;
struct IncludedUsage;
class LibraryTable;
}  // namespace internal

class LibraryContext : public LearningContext {
 public:
  LibraryContext(std::shared_ptr<BundleSnapshots> snapshots,
                 std::shared_ptr<DefinitionCache> definitions);
  ~LibraryContext() override;

  bool CanEditBlock(const User& user, const keys::KeyView& usage,
                    ContentSelector sel) const override;
  bool CanViewBlock(const User& user, const keys::KeyView& usage,
                    ContentSelector sel) const override;
  Result<std::optional<DefinitionLocator>> DefinitionForUsage(const keys::KeyView& usage,
                                                              ContentSelector sel) const override;
  // DefinitionForUsage behind the permission check in one call: nullopt when
  // the block is missing or `user` may not view (or, with `edit`, edit) it.
  Result<std::optional<DefinitionLocator>> AuthorizedDefinition(const User& user,
                                                                const keys::KeyView& usage,
                                                                ContentSelector sel,
                                                                bool edit) const;
  Result<keys::Key> UsageForChildInclude(const keys::KeyView& parent_usage,
                                         const DefinitionLocator& parent_definition,
                                         const ChildInclude& include) const override;
  Result<std::vector<keys::Key>> ListBlocks(const keys::KeyView& context_key,
                                            ContentSelector sel) const override;
  Result<std::vector<keys::Key>> TopLevelBlocks(const keys::KeyView& context_key,
                                                ContentSelector sel) const override;

  // The usage that includes `usage` ("TYPE/ID" of the first includer), if any.
  Result<std::optional<keys::Key>> ParentOf(const keys::KeyView& usage,
                                            ContentSelector sel) const override;
  // One resolution per block: permission, definition (through the snapshot's
  // parsed slots), children and parent, from a per-session view of the
  // library that is checked against the caches' generations, not locked.
  std::unique_ptr<ContextSession> NewSession() const override;
  // Prefetches, in a few passes over all of `usages` at once, the path index
  // slots, file records and parsed definitions their loads will read.
  void PrefetchUsages(ContextSession* session, const std::vector<keys::Key>& usages,
                      ContentSelector sel) const override;
  Result<std::optional<UsageLoad>> LoadUsage(ContextSession* session, const User* user,
                                             const keys::KeyView& usage, ContentSelector sel,
                                             bool edit, bool want_parent) const override;
  // Problems met while following includes (unloadable definitions, bad links).
  Result<std::vector<std::string>> IncludeProblems(const keys::KeyView& context_key,
                                                   ContentSelector sel) const;

  // NotFound when the library does not exist. `key` is a lib: or lb: key.
  Result<std::shared_ptr<const LibraryInfo>> Library(const keys::KeyView& key) const;

  // Linked content keeps its own library's access rules (README, "Links"):
  // true when no library owns `bundle_uuid`, or `user` may view (learner,
  // public learning) the library that does. Loads through a link check it on
  // every block they reach in another bundle; creating a link checks it for
  // the actor.
  Result<bool> MayReadBundle(const User& user, std::string_view bundle_uuid) const;

  BundleSnapshots& snapshots() const { return *snapshots_; }
  DefinitionCache& definitions() const { return *definitions_; }
  internal::LibraryTable& table() const { return *table_; }

 private:
  struct State;
  class Session;
  // The current view of the library `key` (a lib: or lb: key) through `sel`:
  // from `session` when it holds a fresh one, else shared (then pinned by
  // *hold). NotFound when the library does not exist.
  Result<const State*> StateFor(Session* session, std::shared_ptr<const State>* hold,
                                const keys::KeyView& key, ContentSelector sel) const;
  Result<std::shared_ptr<const State>> SharedState(std::string_view lib_key, std::string_view id,
                                                   ContentSelector sel,
                                                   int64_t* valid_until_ms) const;
  // The include index of `state`, built on first use.
  Result<const internal::IncludeIndex*> Includes(const State& state) const;
  // The usage key of the include index's parents[parent], the block that
  // first includes a usage (kept in `state`: valid while it lives).
  Result<const keys::Key*> ParentKey(const State& state, uint32_t parent) const;
  static bool Permitted(const LibraryInfo& lib, const User& user, LibraryRole needed);
  Result<std::optional<DefinitionLocator>> Resolve(const State& state,
                                                   const keys::KeyView& usage) const;
  Result<std::optional<DefinitionLocator>> Authorized(const User* user, const keys::KeyView& usage,
                                                      ContentSelector sel,
                                                      LibraryRole needed) const;

  // `def`, resolved in `state`, may be read by `user` (null: no check): its
  // own bundle, or a linked one `user` may read (MayReadBundle).
  Result<bool> MayReadDefinition(const State& state, const User* user,
                                 const DefinitionLocator& def) const;

  std::shared_ptr<BundleSnapshots> snapshots_;
  std::shared_ptr<DefinitionCache> definitions_;
  std::unique_ptr<internal::LibraryTable> table_;
  // bundle uuid -> the key of the library owning it, as of table generation
  // owners_generation_ (rebuilt from the table when it moves).
  mutable std::mutex owners_mu_;
  mutable std::unordered_map<std::string, std::string> owners_;
  mutable uint64_t owners_generation_ = ~uint64_t{0};
  // "lib:ORG:SLUG\0draft" -> the newest view built.
  mutable std::mutex states_mu_;
  mutable std::unordered_map<std::string, std::shared_ptr<const State>> states_;
};

// The library key text "lib:ORG:SLUG" of a lib: or lb: key, written into *out.
Status LibraryKeyText(const keys::KeyView& key, std::string* out);

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTEXT_H_
