// Fragment: the HTML a view renders plus the resources (CSS/JS) it needs,
// like XBlock's Fragment. Resources are deduplicated when children merge in.
#ifndef BLOCKRT_RUNTIME_FRAGMENT_H_
#define BLOCKRT_RUNTIME_FRAGMENT_H_

#include <string>
#include <vector>

namespace blockrt::runtime {

struct FragmentResource {
  std::string kind;       // "text" (inline) or "url"
  std::string data;       // the CSS/JS text, or its URL
  std::string mimetype;   // "text/css", "application/javascript"
  std::string placement;  // "head" or "foot"
  bool operator==(const FragmentResource& o) const {
    return kind == o.kind && data == o.data && mimetype == o.mimetype && placement == o.placement;
  }
};

struct Fragment {
  std::string content;
  std::vector<FragmentResource> resources;

  void AddResource(FragmentResource&& r) {
    if (!HasResource(r)) resources.push_back(std::move(r));
  }
  // Copies `r` only when it is new.
  void AddResource(const FragmentResource& r) {
    if (!HasResource(r)) resources.push_back(r);
  }
  bool HasResource(const FragmentResource& r) const {
    for (const FragmentResource& have : resources) {
      if (have == r) return true;
    }
    return false;
  }
  // Takes `child`'s resources (not its content, which the caller places).
  void MergeResources(const Fragment& child) {
    for (const FragmentResource& r : child.resources) AddResource(r);
  }
};

}  // namespace blockrt::runtime

#endif  // BLOCKRT_RUNTIME_FRAGMENT_H_
