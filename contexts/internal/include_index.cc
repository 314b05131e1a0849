#include "contexts/internal/include_index.h"

#include <unordered_set>

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

class Builder {
 public:
  Builder(BundleSnapshots& snapshots, DefinitionCache& definitions, const BundleSnapshot& own)
      : snapshots_(snapshots), definitions_(definitions), own_(own) {}

  // Walks the includes of usage `usage` ("TYPE/ID") defined at `def`.
  void AddChildren(const std::string& usage, std::string_view usage_id,
                   const DefinitionLocator& def, int depth) {
    if (!MayHaveChildren(def.block_type)) return;
    if (depth > kMaxDepth) {
      index_->problems.push_back("include depth limit reached at " + def.ToString());
      return;
    }
    Result<std::shared_ptr<const BundleSnapshot>> snap = SnapshotOf(def);
    if (!snap.ok()) {
      index_->problems.push_back("Unable to load definition " + def.ToString() + ": " +
                                 snap.status().message());
      return;
    }
    Result<std::shared_ptr<const olx::Definition>> parsed =
        definitions_.Load(*snapshots_.store(), **snap, def.olx_path);
    if (!parsed.ok()) {
      // A missing or unparsable child is skipped (the reference logs it).
      if (!parsed.status().IsNotFound() || def.bundle_uuid != own_.bundle_uuid) {
        index_->problems.push_back("Unable to load definition " + def.ToString() + ": " +
                                   parsed.status().message());
      }
      return;
    }
    const bool parent_in_library = def.bundle_uuid == own_.bundle_uuid;
    for (const olx::Include& inc : (*parsed)->includes) {
      DefinitionLocator child;
      child.block_type = inc.block_type;
      child.olx_path = inc.block_type + "/" + inc.definition_id + std::string(kDefinitionFile);
      if (inc.source.empty()) {
        child.bundle_uuid = def.bundle_uuid;
        child.version = def.version;
        child.draft_name = def.draft_name;
      } else {
        const store::LinkInfo* link = (*snap)->FindLink(inc.source);
        if (link == nullptr) {
          index_->problems.push_back("Unable to parse a child of " + def.ToString() +
                                     ": Link not found: " + inc.source);
          continue;
        }
        child.bundle_uuid = link->direct.bundle_uuid;
        child.version = static_cast<uint64_t>(link->direct.version);
      }
      std::string child_id = inc.usage.empty() ? inc.definition_id : inc.usage;
      if (!parent_in_library) child_id = std::string(usage_id) + "-" + child_id;
      std::string child_usage = inc.block_type + "/" + child_id;
      auto [it, inserted] = index_->included.emplace(child_usage, IncludedUsage{child, usage});
      if (!inserted) {
        it->second.definition = child;  // a later include wins, as in the reference's dict
        continue;                       // already walked (also stops include cycles)
      }
      // Own-bundle children are walked as top-level files by Build() with the
      // same result; only linked definitions need walking from here.
      if (child.bundle_uuid != own_.bundle_uuid) {
        AddChildren(child_usage, std::string_view(child_usage).substr(inc.block_type.size() + 1),
                    child, depth + 1);
      }
    }
  }

  std::shared_ptr<IncludeIndex> Build(std::string_view draft) {
    index_ = std::make_shared<IncludeIndex>();
    for (const store::FileInfo& f : own_.files) {
      std::string_view type, id;
      if (!SplitOlxPath(f.path, &type, &id)) continue;
      std::string usage = std::string(type) + "/" + std::string(id);
      AddChildren(usage, id, OwnLocator(own_, draft, type, f.path), 0);
    }
    return index_;
  }

 private:
  Result<std::shared_ptr<const BundleSnapshot>> SnapshotOf(const DefinitionLocator& def) {
    if (def.bundle_uuid == own_.bundle_uuid && def.draft_name == own_.draft) {
      return std::shared_ptr<const BundleSnapshot>(std::shared_ptr<const BundleSnapshot>{}, &own_);
    }
    if (def.is_draft()) return snapshots_.Draft(def.bundle_uuid, def.draft_name);
    if (def.bundle_uuid == own_.bundle_uuid && own_.draft.empty() &&
        static_cast<int64_t>(def.version) == own_.version) {
      return std::shared_ptr<const BundleSnapshot>(std::shared_ptr<const BundleSnapshot>{}, &own_);
    }
    return snapshots_.Version(def.bundle_uuid, static_cast<int64_t>(def.version));
  }

  BundleSnapshots& snapshots_;
  DefinitionCache& definitions_;
  const BundleSnapshot& own_;
  std::shared_ptr<IncludeIndex> index_;
};

}  // namespace

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
  loc.bundle_uuid = snap.bundle_uuid;
  if (draft.empty()) {
    loc.version = static_cast<uint64_t>(snap.version);
  } else {
    loc.draft_name = std::string(draft);
  }
  loc.block_type = std::string(type);
  loc.olx_path = std::string(path);
  return loc;
}

Result<std::shared_ptr<const IncludeIndex>> BuildIncludeIndex(BundleSnapshots& snapshots,
                                                              DefinitionCache& definitions,
                                                              const BundleSnapshot& snap,
                                                              std::string_view draft) {
  Builder builder(snapshots, definitions, snap);
  return std::shared_ptr<const IncludeIndex>(builder.Build(draft));
}

}  // namespace blockrt::contexts::internal
