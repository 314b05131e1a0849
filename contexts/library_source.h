// What library_content sync reads from a library: the top-level blocks of a
// v1 (library-v1:ORG+LIB) or v2 (lib:ORG:SLUG) library at one published store
// version, in library order, each with its settings, content and children.
// A snapshot owns everything: it stays valid after the library changes.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_SOURCE_H_
#define BLOCKRT_CONTEXTS_LIBRARY_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "contexts/user.h"
#include "olx/definition.h"

namespace blockrt::contexts {

class CourseContext;
class LibraryContext;

struct LibraryBlock {
  // Canonical: lib-block-v1:ORG+LIB+type@TYPE+block@ID (v1) or
  // lb:ORG:SLUG:TYPE:ID (v2).
  std::string usage_key;
  std::string block_type;
  std::string block_id;  // v1: the url_name; v2: the usage id
  // The block's own attributes (settings fields and unknown attributes) as
  // the library holds them, sorted by name; no url_name, xblock-family or
  // default-FIELD: what a copy takes as its library defaults.
  std::vector<olx::Attribute> settings;
  // Its Scope.content fields (problem/html `data`...), sorted by name, as
  // the OLX readers hold them: a problem's data is its <problem> element
  // (v1 without the settings attributes, as the XML modulestore strips
  // them; v2 as written). `olx` is the same content in one shape for both.
  std::vector<olx::FieldValue> content;
  // The block as one element: root tag block_type, `settings` as
  // attributes, then its content markup; no children (they are `children`)
  // and no url_name. What CourseAuthoring::AddBlock takes as `olx`.
  std::string olx;
  std::vector<LibraryBlock> children;  // in library order
};

struct LibrarySnapshot {
  std::string library_key;  // canonical library-v1:ORG+LIB or lib:ORG:SLUG
  bool v1 = false;          // a library-v1 (export-tree) library
  int64_t version = 0;      // the store version read (>= 1)
  std::string title;
  // The top-level blocks: v1, the children of library.xml in its order; v2,
  // the blocks no other block includes, in the library's order
  // (LibraryContext::TopLevelBlocks).
  std::vector<LibraryBlock> blocks;

  // Every block, descendants included.
  size_t CountBlocks() const;
};

// Reads libraries of both kinds through their contexts (either may be null:
// keys of that kind are then NotFound). Thread-safe; cheap to construct.
class LibrarySource {
 public:
  LibrarySource(const LibraryContext* v2, const CourseContext* v1) : v2_(v2), v1_(v1) {}

  // `library_key` at published `version`, or the latest published version.
  // NotFound "Library KEY not found." (no such library, or never
  // published) / "Version N of library KEY not found."; InvalidArgument for
  // a key that is neither library-v1 nor lib; with `reader` (not none),
  // PermissionDenied "Cannot read library at KEY" unless the reader may view
  // the library (learner role or public learning).
  Result<LibrarySnapshot> ReadLibrary(std::string_view library_key, std::optional<int64_t> version,
                                      const User& reader = {}) const;
  // The latest published version of `library_key` (0 when never published),
  // without reading its blocks. NotFound "Library KEY not found.".
  Result<int64_t> LatestVersion(std::string_view library_key) const;

 private:
  const LibraryContext* v2_;
  const CourseContext* v1_;
};

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_LIBRARY_SOURCE_H_
