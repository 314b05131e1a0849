#include "contexts/internal/include_index.h"

#include "olx/child_usage.h"
#include "olx/schema.h"

namespace blockrt::contexts::internal {
namespace {

constexpr std::string_view kDefinitionFile = "/definition.xml";
constexpr int kMaxDepth = 64;

// Unknown types may have children; the reference is conservative the same way.
bool MayHaveChildren(std::string_view type) {
  const olx::BlockSchema* schema = olx::FindBlockSchema(type);
  return schema == nullptr || schema->has_children;
}

// "TYPE/ID" into a reused buffer.
const std::string& UsageText(std::string_view type, std::string_view id) {
  thread_local std::string text;
  text.assign(type).push_back('/');
  text.append(id);
  return text;
}

// The own bundle's revision on an origin or locator: the draft when one is
// selected, else the snapshot's published version.
template <typename Revision>
void SelectOwnRevision(const BundleSnapshot& own, std::string_view draft, Revision* out) {
  out->bundle_uuid = own.bundle_uuid;
  if (draft.empty()) {
    out->version = static_cast<uint64_t>(own.version);
  } else {
    out->draft_name = std::string(draft);
  }
}

class Builder {
 public:
  Builder(BundleSnapshots& snapshots, DefinitionCache& definitions, const BundleSnapshot& own,
          std::string_view draft)
      : snapshots_(snapshots), definitions_(definitions), own_(own) {
    index_ = std::make_shared<IncludeIndex>();
    IncludeOrigin self;
    SelectOwnRevision(own, draft, &self);
    index_->origins.push_back(std::move(self));
  }

  std::shared_ptr<IncludeIndex> Build() {
    index_->entries.reserve(own_.files.size());
    for (size_t i = 0; i < own_.files.size(); ++i) {
      const std::string& path = own_.files[i].path;
      std::string_view type, id;
      if (!SplitOlxPath(path, &type, &id) || !MayHaveChildren(type)) continue;
      std::string usage = UsageText(type, id);
      AddChildren(usage, id, 0, type, path, static_cast<int64_t>(i), 0);
    }
    index_->file_parent.assign(own_.files.size(), 0);
    if (!index_->entries.empty()) {
      for (size_t i = 0; i < own_.files.size(); ++i) {
        std::string_view type, id;
        if (!SplitOlxPath(own_.files[i].path, &type, &id)) continue;
        const IncludedUsage* included = index_->Find(type, id);
        if (included != nullptr) index_->file_parent[i] = included->parent + 1;
      }
    }
    return index_;
  }

 private:
  DefinitionLocator LocatorOf(uint32_t origin, std::string_view type, std::string_view path) const {
    DefinitionLocator loc = index_->Locator(IncludedUsage{0, std::string(type), {}, origin});
    loc.olx_path = std::string(path);
    return loc;
  }

  // Walks the includes of usage `usage` ("TYPE/ID") defined at `path` in
  // origins[origin] (`own_file`: its index in own_.files, or -1).
  void AddChildren(const std::string& usage, std::string_view usage_id, uint32_t origin,
                   std::string_view type, std::string_view path, int64_t own_file, int depth) {
    if (!MayHaveChildren(type)) return;
    if (depth > kMaxDepth) {
      index_->problems.push_back("include depth limit reached at " +
                                 LocatorOf(origin, type, path).ToString());
      return;
    }
    Result<std::shared_ptr<const BundleSnapshot>> snap = SnapshotOf(origin);
    if (!snap.ok()) {
      index_->problems.push_back("Unable to load definition " +
                                 LocatorOf(origin, type, path).ToString() + ": " +
                                 snap.status().message());
      return;
    }
    Result<std::shared_ptr<const olx::Definition>> parsed =
        own_file >= 0 ? definitions_.LoadFile(*snapshots_.store(), **snap, own_file)
                      : definitions_.Load(*snapshots_.store(), **snap, path);
    const bool parent_in_library = index_->origins[origin].bundle_uuid == own_.bundle_uuid;
    int64_t parent_id = -1;  // in index_->parents, once a child names it
    if (!parsed.ok()) {
      // A missing or unparsable child is skipped (the reference logs it).
      if (!parsed.status().IsNotFound() || !parent_in_library) {
        index_->problems.push_back("Unable to load definition " +
                                   LocatorOf(origin, type, path).ToString() + ": " +
                                   parsed.status().message());
      }
      return;
    }
    std::string prefixed;  // a child id under a linked parent
    for (const olx::Include& inc : (*parsed)->includes) {
      uint32_t child_origin = origin;
      if (!inc.source.empty()) {
        const store::LinkInfo* link = (*snap)->FindLink(inc.source);
        if (link == nullptr) {
          index_->problems.push_back("Unable to parse a child of " +
                                     LocatorOf(origin, type, path).ToString() +
                                     ": Link not found: " + inc.source);
          continue;
        }
        child_origin = OriginOf(link->direct.bundle_uuid, link->direct.version);
      }
      const std::string& child_usage =
          UsageText(inc.block_type, olx::ChildUsageId(inc, usage_id, parent_in_library, &prefixed));
      auto [at, inserted] = index_->Insert(child_usage);
      IncludedUsage& entry = index_->entries[at].included;
      entry.block_type = inc.block_type;
      entry.definition_id = inc.definition_id;
      entry.origin = child_origin;
      // A later include wins the definition, as in the reference's dict, but
      // is not walked again (which also stops include cycles).
      if (!inserted) continue;
      if (parent_id < 0) {
        parent_id = static_cast<int64_t>(index_->parents.size());
        index_->parents.push_back(usage);
      }
      entry.parent = static_cast<uint32_t>(parent_id);
      // Own-bundle children are walked as top-level files by Build() with the
      // same result; only linked definitions need walking from here.
      if (index_->origins[child_origin].bundle_uuid != own_.bundle_uuid) {
        // Copies: the walk below may grow `entries`.
        const std::string walked = index_->entries[at].usage;
        const std::string type_copy = inc.block_type, path = entry.olx_path();
        AddChildren(walked, std::string_view(walked).substr(type_copy.size() + 1), child_origin,
                    type_copy, path, -1, depth + 1);
      }
    }
  }

  uint32_t OriginOf(std::string_view bundle_uuid, int64_t version) {
    for (size_t i = 0; i < index_->origins.size(); ++i) {
      const IncludeOrigin& o = index_->origins[i];
      if (o.draft_name.empty() && o.version == static_cast<uint64_t>(version) &&
          o.bundle_uuid == bundle_uuid) {
        return static_cast<uint32_t>(i);
      }
    }
    index_->origins.push_back(
        IncludeOrigin{std::string(bundle_uuid), static_cast<uint64_t>(version), {}});
    return static_cast<uint32_t>(index_->origins.size() - 1);
  }

  Result<std::shared_ptr<const BundleSnapshot>> SnapshotOf(uint32_t origin) {
    const IncludeOrigin& o = index_->origins[origin];
    auto own = [&] {
      return std::shared_ptr<const BundleSnapshot>(std::shared_ptr<const BundleSnapshot>{}, &own_);
    };
    if (o.bundle_uuid == own_.bundle_uuid && o.draft_name == own_.draft) return own();
    if (!o.draft_name.empty()) return snapshots_.Draft(o.bundle_uuid, o.draft_name);
    if (o.bundle_uuid == own_.bundle_uuid && own_.draft.empty() &&
        static_cast<int64_t>(o.version) == own_.version) {
      return own();
    }
    return snapshots_.Version(o.bundle_uuid, static_cast<int64_t>(o.version));
  }

  BundleSnapshots& snapshots_;
  DefinitionCache& definitions_;
  const BundleSnapshot& own_;
  std::shared_ptr<IncludeIndex> index_;
};

}  // namespace

std::string IncludedUsage::olx_path() const {
  std::string path;
  path.reserve(block_type.size() + definition_id.size() + kDefinitionFile.size() + 1);
  path.append(block_type).push_back('/');
  path.append(definition_id).append(kDefinitionFile);
  return path;
}

DefinitionLocator IncludeIndex::Locator(const IncludedUsage& usage) const {
  const IncludeOrigin& o = origins[usage.origin];
  DefinitionLocator loc;
  loc.bundle_uuid = o.bundle_uuid;
  loc.version = o.version;
  loc.draft_name = o.draft_name;
  loc.block_type = usage.block_type;
  loc.olx_path = usage.olx_path();
  return loc;
}

const IncludedUsage* IncludeIndex::Find(std::string_view type, std::string_view id) const {
  const std::string& usage = UsageText(type, id);
  int64_t at = IndexOf(usage, PathHash(usage));
  return at < 0 ? nullptr : &entries[static_cast<size_t>(at)].included;
}

int64_t IncludeIndex::IndexOf(std::string_view usage, uint64_t hash) const {
  if (slots.empty()) return -1;
  const size_t mask = slots.size() - 1;
  for (size_t at = hash & mask;; at = (at + 1) & mask) {
    const uint64_t slot = slots[at];
    if (slot == 0) return -1;
    const size_t index = (slot & 0xffffffff) - 1;
    if ((slot >> 32) == (hash >> 32) && entries[index].usage == usage) {
      return static_cast<int64_t>(index);
    }
  }
}

std::pair<size_t, bool> IncludeIndex::Insert(std::string_view usage) {
  const uint64_t hash = PathHash(usage);
  int64_t found = IndexOf(usage, hash);
  if (found >= 0) return {static_cast<size_t>(found), false};
  if ((entries.size() + 1) * 2 > slots.size()) {
    size_t capacity = slots.empty() ? 16 : slots.size() * 2;
    slots.assign(capacity, 0);
    for (size_t i = 0; i < entries.size(); ++i) {
      const uint64_t h = PathHash(entries[i].usage);
      size_t at = h & (capacity - 1);
      while (slots[at] != 0) at = (at + 1) & (capacity - 1);
      slots[at] = (h & ~uint64_t{0xffffffff}) | (i + 1);
    }
  }
  const size_t mask = slots.size() - 1;
  size_t at = hash & mask;
  while (slots[at] != 0) at = (at + 1) & mask;
  slots[at] = (hash & ~uint64_t{0xffffffff}) | (entries.size() + 1);
  entries.push_back(Entry{std::string(usage), {}});
  return {entries.size() - 1, true};
}

bool SplitOlxPath(std::string_view path, std::string_view* type, std::string_view* id) {
  if (path.size() <= kDefinitionFile.size() ||
      path.substr(path.size() - kDefinitionFile.size()) != kDefinitionFile) {
    return false;
  }
  std::string_view head = path.substr(0, path.size() - kDefinitionFile.size());
  size_t slash = head.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= head.size() ||
      head.find('/', slash + 1) != std::string_view::npos) {
    return false;
  }
  *type = head.substr(0, slash);
  *id = head.substr(slash + 1);
  return true;
}

DefinitionLocator OwnLocator(const BundleSnapshot& snap, std::string_view draft,
                             std::string_view type, std::string_view path) {
  DefinitionLocator loc;
  SelectOwnRevision(snap, draft, &loc);
  loc.block_type = std::string(type);
  loc.olx_path = std::string(path);
  return loc;
}

Result<std::shared_ptr<const IncludeIndex>> BuildIncludeIndex(BundleSnapshots& snapshots,
                                                              DefinitionCache& definitions,
                                                              const BundleSnapshot& snap,
                                                              std::string_view draft) {
  Builder builder(snapshots, definitions, snap, draft);
  return std::shared_ptr<const IncludeIndex>(builder.Build());
}

}  // namespace blockrt::contexts::internal
