// The `lib` learning context (Content Libraries v2 on the store): permissions
// from the library table, definitions at TYPE/ID/definition.xml of the selected
// draft or latest published version, else reached through includes.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTEXT_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTEXT_H_

#include <memory>
#include <shared_mutex>
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
  Result<std::optional<DefinitionLocator>> AuthorizedDefinition(const User& user,
                                                                const keys::KeyView& usage,
                                                                ContentSelector sel,
                                                                bool edit) const override;
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
  // Problems met while following includes (unloadable definitions, bad links).
  Result<std::vector<std::string>> IncludeProblems(const keys::KeyView& context_key,
                                                   ContentSelector sel) const;

  // NotFound when the library does not exist. `key` is a lib: or lb: key.
  Result<std::shared_ptr<const LibraryInfo>> Library(const keys::KeyView& key) const;

  BundleSnapshots& snapshots() const { return *snapshots_; }
  DefinitionCache& definitions() const { return *definitions_; }
  internal::LibraryTable& table() const { return *table_; }

 private:
  Result<std::shared_ptr<const BundleSnapshot>> Snapshot(const LibraryInfo& lib,
                                                         ContentSelector sel) const;
  Result<std::shared_ptr<const internal::IncludeIndex>> Includes(const BundleSnapshot& snap,
                                                                 ContentSelector sel) const;
  bool Allowed(const User& user, const keys::KeyView& usage, ContentSelector sel,
               LibraryRole needed) const;
  static bool Permitted(const LibraryInfo& lib, const User& user, LibraryRole needed);
  Result<std::optional<DefinitionLocator>> Resolve(const LibraryInfo& lib,
                                                   const keys::KeyView& usage,
                                                   ContentSelector sel) const;

  std::shared_ptr<BundleSnapshots> snapshots_;
  std::shared_ptr<DefinitionCache> definitions_;
  std::unique_ptr<internal::LibraryTable> table_;
  mutable std::shared_mutex includes_mu_;
  // "uuid\0draft" -> (snapshot identity, index) for the newest snapshot seen.
  struct CachedIndex {
    std::shared_ptr<const BundleSnapshot> snapshot;
    std::shared_ptr<const internal::IncludeIndex> index;
  };
  mutable std::unordered_map<std::string, CachedIndex> includes_;
};

// The library key text "lib:ORG:SLUG" of a lib: or lb: key, written into *out.
Status LibraryKeyText(const keys::KeyView& key, std::string* out);

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTEXT_H_
