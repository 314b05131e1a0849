// Where a block's OLX lives: a bundle, a published version or a named draft,
// and the file path (edx BundleDefinitionLocator). The string form is
// "bundle-olx:{uuid}:{version|draft}:{block_type}:{olx_path}".
#ifndef BLOCKRT_CONTEXTS_DEFINITION_LOCATOR_H_
#define BLOCKRT_CONTEXTS_DEFINITION_LOCATOR_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace blockrt::contexts {

struct DefinitionLocator {
  std::string bundle_uuid;
  uint64_t version = 0;    // the published version when draft_name is empty
  std::string draft_name;  // non-empty selects a draft
  std::string block_type;
  std::string olx_path;  // "TYPE/ID/definition.xml"
  // Where the block's /static/ files live ("static/" for a course, whose
  // assets are shared); empty = the bundle layout's own "TYPE/ID/static/".
  std::string asset_dir;

  bool is_draft() const { return !draft_name.empty(); }
  std::string ToString() const;
  // Parses the string form; rejects non-canonical versions ("05") and
  // all-digit draft names like the reference.
  static Result<DefinitionLocator> Parse(std::string_view text);

  // "TYPE/ID/" (with the slash): the folder whose files the block owns.
  // Fails unless olx_path ends in "/definition.xml".
  Result<std::string_view> OlxPrefix() const;
  // The folder (with the slash) holding the block's assets: asset_dir, else
  // OlxPrefix() + "static/". Written into *out.
  Status AssetDir(std::string* out) const;

  bool operator==(const DefinitionLocator& o) const {
    return version == o.version && bundle_uuid == o.bundle_uuid && draft_name == o.draft_name &&
           block_type == o.block_type && olx_path == o.olx_path && asset_dir == o.asset_dir;
  }
  bool operator!=(const DefinitionLocator& o) const { return !(*this == o); }
};

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_DEFINITION_LOCATOR_H_
