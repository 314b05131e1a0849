// Block: a loaded block as the runtime hands it out. Authored fields (content
// and settings scopes) come from the OLX definition, with the type's class
// defaults for fields the OLX leaves unset (the v2 runtime has no inheritance).
// Immutable, cheap to copy (the parsed definition is shared).
#ifndef BLOCKRT_RUNTIME_BLOCK_H_
#define BLOCKRT_RUNTIME_BLOCK_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contexts/bundle_snapshots.h"
#include "contexts/definition_locator.h"
#include "contexts/learning_context.h"
#include "keys/key.h"
#include "olx/definition.h"
#include "olx/schema.h"

namespace blockrt::runtime {

// One field value, typed as JSON text: "\"Text\"", "3", "null", "[...]".
struct TypedField {
  std::string name;
  olx::FieldScope scope = olx::FieldScope::kSettings;
  std::string json;
  bool is_default = false;  // the class default, not set in the OLX
  // "override" (the block's own value), "inherited", "library_default" or
  // "class_default" (course field resolution; see README "Field resolution").
  std::string_view source = "override";
};

class Block {
 public:
  Block() = default;
  // A block from its parts, each taken by rvalue (no intermediate moves).
  static Block Adopt(keys::Key&& usage,
                     std::shared_ptr<const contexts::DefinitionLocator>&& definition,
                     std::shared_ptr<const olx::Definition>&& olx,
                     std::vector<keys::Key>&& children,
                     std::shared_ptr<const std::optional<keys::Key>>&& parent,
                     std::shared_ptr<const contexts::BundleSnapshot>&& snapshot,
                     std::shared_ptr<const std::vector<contexts::FieldOrigin>>&& origins = {});

  const keys::Key& usage_key() const { return usage_; }
  const std::string& block_type() const { return definition().block_type; }
  const contexts::DefinitionLocator& definition() const;
  const olx::Definition& olx() const { return *olx_; }
  const std::shared_ptr<const olx::Definition>& shared_olx() const { return olx_; }
  // Children from the includes, in include order.
  const std::vector<keys::Key>& children() const { return children_; }
  const std::optional<keys::Key>& parent() const;
  // The bundle view the definition was read from (its assets live there);
  // null for blocks built without one.
  const contexts::BundleSnapshot* snapshot() const { return snapshot_.get(); }

  // The raw OLX string of a field set in the definition (nullptr when unset).
  const std::string* RawField(std::string_view name) const;
  // A field of the type (explicit or default), or nullopt when the type has no
  // such field and the OLX does not set it.
  std::optional<TypedField> Field(std::string_view name) const;
  // Every field of `scope`: the schema's (own, inheritable, common) with
  // defaults, plus attributes the OLX sets that the schema does not know
  // (settings, as strings). Sorted by name.
  std::vector<TypedField> Fields(olx::FieldScope scope) const;
  // The display_name field, else the type's default display name.
  std::string display_name() const;
  // The same without a copy (valid while the block lives).
  std::string_view display_name_view() const;
  // Where the value of a field set in the definition came from: "override"
  // unless the context resolved it from an ancestor or a library default.
  std::string_view SourceOf(std::string_view name) const;

 private:
  struct AdoptTag {};
  Block(AdoptTag, keys::Key&& usage,
        std::shared_ptr<const contexts::DefinitionLocator>&& definition,
        std::shared_ptr<const olx::Definition>&& olx, std::vector<keys::Key>&& children,
        std::shared_ptr<const std::optional<keys::Key>>&& parent,
        std::shared_ptr<const contexts::BundleSnapshot>&& snapshot,
        std::shared_ptr<const std::vector<contexts::FieldOrigin>>&& origins);

  keys::Key usage_;
  std::shared_ptr<const contexts::DefinitionLocator> definition_;
  std::shared_ptr<const olx::Definition> olx_;
  std::vector<keys::Key> children_;
  std::shared_ptr<const std::optional<keys::Key>> parent_;  // null: none (may be shared)
  std::shared_ptr<const contexts::BundleSnapshot> snapshot_;
  std::shared_ptr<const std::vector<contexts::FieldOrigin>> origins_;  // null: all own
};

// Types an OLX string as the field's default does: strings stay strings; other
// defaults (numbers, booleans, null, lists, dicts) make the value parse as JSON
// (YAML-style "True"/"False"/"None" too), falling back to a string (also for
// JSON nested deeper than kMaxJsonDepth).
std::string TypeFieldValue(std::string_view raw, std::string_view default_json);

}  // namespace blockrt::runtime

#endif  // BLOCKRT_RUNTIME_BLOCK_H_
