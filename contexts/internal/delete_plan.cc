#include "contexts/internal/delete_plan.h"

#include <algorithm>
#include <unordered_map>

#include "contexts/internal/include_index.h"
#include "olx/definition.h"

namespace blockrt::contexts::internal {

Result<std::vector<std::string>> DefinitionsToDelete(store::Store& store,
                                                     DefinitionCache& definitions,
                                                     const BundleSnapshot& snap,
                                                     std::string_view root_path) {
  // Own definitions and their own-bundle include edges (links own nothing).
  std::vector<std::string> paths;
  std::unordered_map<std::string, size_t> index;
  for (const store::FileInfo& f : snap.files) {
    std::string_view type, id;
    if (!SplitOlxPath(f.path, &type, &id)) continue;
    index.emplace(f.path, paths.size());
    paths.push_back(f.path);
  }
  auto root_at = index.find(std::string(root_path));
  if (root_at == index.end()) return Status::NotFound(std::string(root_path) + " does not exist");
  std::vector<std::vector<size_t>> children(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) {
    Result<std::shared_ptr<const olx::Definition>> def = definitions.Load(store, snap, paths[i]);
    if (!def.ok()) continue;  // unreadable OLX includes nothing we can follow
    for (const olx::Include& inc : (*def)->includes) {
      if (!inc.source.empty()) continue;
      auto child = index.find(inc.definition() + "/definition.xml");
      if (child != index.end()) children[i].push_back(child->second);
    }
  }
  // Marks everything reachable from `starts` (iteratively: depth is hostile).
  auto reach = [&](std::vector<size_t> stack, std::vector<char>* seen) {
    while (!stack.empty()) {
      size_t v = stack.back();
      stack.pop_back();
      if ((*seen)[v]) continue;
      (*seen)[v] = 1;
      for (size_t c : children[v]) {
        if (!(*seen)[c]) stack.push_back(c);
      }
    }
  };
  const size_t root = root_at->second;
  std::vector<char> under_root(paths.size(), 0);
  reach({root}, &under_root);
  std::vector<size_t> others;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!under_root[i]) others.push_back(i);
  }
  std::vector<char> kept(paths.size(), 0);
  reach(others, &kept);
  std::vector<std::string> out;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (i == root || (under_root[i] && !kept[i])) out.push_back(paths[i]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace blockrt::contexts::internal
