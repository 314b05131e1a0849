#include "olx/directory_source.h"

#include "olx/internal/file_io.h"
#include "olx/internal/olx_path.h"
#include "olx/internal/root_dir.h"

namespace blockrt::olx {

void DirectorySource::AddBundle(const std::string& bundle, const std::string& dir) {
  dirs_[bundle] = dir.empty() || dir.back() == '/' ? dir : dir + "/";
}

void DirectorySource::AddLink(const std::string& from, const std::string& link,
                              const std::string& to, uint64_t version) {
  links_[{from, link}] = LinkTarget{to, version};
}

Result<std::string> DirectorySource::Read(const DefinitionLocation& where) {
  auto it = dirs_.find(where.bundle);
  if (it == dirs_.end()) return Status::NotFound("unknown bundle " + where.bundle);
  // Paths come from OLX: the path rule, read beneath the bundle directory.
  if (Status st = internal::CheckRelativePath(where.path); !st.ok()) {
    return Status::InvalidArgument("unsafe path " + where.path + ": " + st.message());
  }
  internal::RootDir root(it->second);
  std::string bytes;
  BLOCKRT_RETURN_IF_ERROR(root.Read(where.path, max_bytes_, &bytes));
  return bytes;
}

Result<LinkTarget> DirectorySource::ResolveLink(const DefinitionLocation& from,
                                                std::string_view link_name) {
  auto it = links_.find(std::make_pair(from.bundle, std::string(link_name)));
  if (it == links_.end()) return Status::NotFound("Link not found: " + std::string(link_name));
  return it->second;
}

std::vector<DefinitionLocation> DirectorySource::ListDefinitions(const std::string& bundle) const {
  std::vector<DefinitionLocation> out;
  auto it = dirs_.find(bundle);
  if (it == dirs_.end()) return out;
  for (const std::string& type : internal::ListDirectories(it->second)) {
    for (const std::string& id : internal::ListDirectories(it->second + type)) {
      std::string path = type + "/" + id + "/definition.xml";
      if (internal::IsRegularFile(it->second + path)) {
        out.push_back(DefinitionLocation{bundle, std::nullopt, "", path});
      }
    }
  }
  return out;
}

}  // namespace blockrt::olx
