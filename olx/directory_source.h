// DirectorySource: an OlxSource over bundle directories on disk, for the CLI
// and tests. Each bundle name maps to a directory holding TYPE/ID/definition.xml
// files; versions and drafts are ignored (a directory is one snapshot).
#ifndef BLOCKRT_OLX_DIRECTORY_SOURCE_H_
#define BLOCKRT_OLX_DIRECTORY_SOURCE_H_

#include <map>
#include <string>
#include <vector>

#include "olx/olx_source.h"

namespace blockrt::olx {

class DirectorySource : public OlxSource {
 public:
  explicit DirectorySource(size_t max_file_bytes = 16u << 20) : max_bytes_(max_file_bytes) {}
  void AddBundle(const std::string& bundle, const std::string& dir);
  // `link` seen from bundle `from` points at bundle `to` (pinned to `version`).
  void AddLink(const std::string& from, const std::string& link, const std::string& to,
               uint64_t version = 0);

  Result<std::string> Read(const DefinitionLocation& where) override;
  Result<LinkTarget> ResolveLink(const DefinitionLocation& from,
                                 std::string_view link_name) override;

  // Locations of every TYPE/ID/definition.xml in `bundle`'s directory, sorted.
  std::vector<DefinitionLocation> ListDefinitions(const std::string& bundle) const;

 private:
  size_t max_bytes_;
  std::map<std::string, std::string> dirs_;
  std::map<std::pair<std::string, std::string>, LinkTarget, std::less<>> links_;
};

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_DIRECTORY_SOURCE_H_
