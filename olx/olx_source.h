// OlxSource: where the include-graph loader reads definitions and links from.
// The caller implements it (contexts/ backs it with the store; tests with a
// map), so olx/ never depends on storage.
#ifndef BLOCKRT_OLX_OLX_SOURCE_H_
#define BLOCKRT_OLX_OLX_SOURCE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace blockrt::olx {

// One definition file: bundle + (published version or draft) + path. The
// reference keeps both a version and a draft name on a key; a non-empty draft
// wins when reading.
struct DefinitionLocation {
  std::string bundle;
  std::optional<uint64_t> version;  // published version number
  std::string draft;                // draft name; empty = published
  std::string path;                 // "TYPE/ID/definition.xml"

  // "bundle@v3:problem/p1/definition.xml" or "bundle@draft:studio_draft:...".
  std::string ToString() const;
  bool operator==(const DefinitionLocation& o) const {
    return bundle == o.bundle && version == o.version && draft == o.draft && path == o.path;
  }
};

// A bundle link resolved for a given parent: always a published version.
struct LinkTarget {
  std::string bundle;
  uint64_t version = 0;
};

class OlxSource {
 public:
  virtual ~OlxSource() = default;
  // The file's bytes; NotFound when the file does not exist at that version/draft.
  virtual Result<std::string> Read(const DefinitionLocation& where) = 0;
  // The link `link_name` as seen from `from`'s bundle version/draft; NotFound
  // when the bundle has no such link.
  virtual Result<LinkTarget> ResolveLink(const DefinitionLocation& from,
                                         std::string_view link_name) = 0;
};

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_OLX_SOURCE_H_
