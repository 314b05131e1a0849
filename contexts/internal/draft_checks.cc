#include "contexts/internal/draft_checks.h"

#include "contexts/internal/include_index.h"
#include "olx/include_graph.h"

namespace blockrt::contexts::internal {
namespace {

// Own definitions are read as the draft `kCheckedDraft` names: the checks see
// the snapshot (plus overrides) whether or not the draft exists yet.
constexpr char kCheckedDraft[] = "checked";
constexpr size_t kMaxReported = 8;

class SnapshotSource : public olx::OlxSource {
 public:
  SnapshotSource(BundleSnapshots& snapshots, const BundleSnapshot& own,
                 const OlxOverrides& overrides)
      : snapshots_(snapshots), own_(own), overrides_(overrides) {}

  bool IsOwn(const olx::DefinitionLocation& where) const {
    return where.bundle == own_.bundle_uuid && where.draft == kCheckedDraft;
  }

  Result<std::string> Read(const olx::DefinitionLocation& where) override {
    if (IsOwn(where)) {
      if (auto it = overrides_.find(where.path); it != overrides_.end()) return it->second;
      if (own_.Find(where.path) == nullptr) return Status::NotFound(where.path);
      return snapshots_.store()->ReadFile(own_.bundle_uuid, own_.ref(), where.path);
    }
    if (!where.version) return Status::NotFound(where.path);
    BLOCKRT_ASSIGN_OR_RETURN(
        auto snap, snapshots_.Version(where.bundle, static_cast<int64_t>(*where.version)));
    if (snap->Find(where.path) == nullptr) return Status::NotFound(where.path);
    return snapshots_.store()->ReadFile(snap->bundle_uuid, snap->ref(), where.path);
  }

  Result<olx::LinkTarget> ResolveLink(const olx::DefinitionLocation& from,
                                      std::string_view name) override {
    std::shared_ptr<const BundleSnapshot> held;
    const BundleSnapshot* snap = &own_;
    if (!IsOwn(from)) {
      if (!from.version) return Status::NotFound(std::string(name));
      BLOCKRT_ASSIGN_OR_RETURN(
          held, snapshots_.Version(from.bundle, static_cast<int64_t>(*from.version)));
      snap = held.get();
    }
    const store::LinkInfo* link = snap->FindLink(name);
    if (link == nullptr) return Status::NotFound(std::string(name));
    return olx::LinkTarget{link->direct.bundle_uuid, static_cast<uint64_t>(link->direct.version)};
  }

 private:
  BundleSnapshots& snapshots_;
  const BundleSnapshot& own_;
  const OlxOverrides& overrides_;
};

// "parent.xml:LINE:COL" of the first include that reaches `vertex`, or "".
std::string IncludedAt(const olx::IncludeGraph& graph, size_t vertex) {
  for (size_t v = 0; v < graph.num_vertices(); ++v) {
    const olx::Definition* def = graph.definition(v);
    if (def == nullptr) continue;
    for (const olx::IncludeEdge& e : graph.children(v)) {
      if (e.to != vertex || e.include_index >= def->includes.size()) continue;
      const olx::Include& inc = def->includes[e.include_index];
      return graph.location(v).path + ":" + std::to_string(inc.line) + ":" +
             std::to_string(inc.column);
    }
  }
  return {};
}

// "LINE:COL" of the root element's '<' (after any declaration, comment or
// doctype), for the root-tag message.
std::string RootPosition(std::string_view bytes) {
  uint32_t line = 1, col = 1;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '<' && i + 1 < bytes.size() && bytes[i + 1] != '?' && bytes[i + 1] != '!') {
      break;
    }
    if (bytes[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

std::string Describe(const olx::IncludeGraph& graph, const olx::GraphIssue& issue) {
  switch (issue.kind) {
    case olx::GraphIssueKind::kMissingTarget: {
      const size_t v = issue.vertices.empty() ? 0 : issue.vertices.front();
      const std::string& path = graph.location(v).path;
      std::string at = IncludedAt(graph, v);
      return (at.empty() ? path : at) + ": error: include of " +
             path.substr(0, path.size() - std::string_view("/definition.xml").size()) +
             ", which does not exist";
    }
    case olx::GraphIssueKind::kUnknownLink:
      // "parent:line:col: Link not found: NAME": an unknown link is an error,
      // never a fallback to the own bundle.
      return issue.message;
    case olx::GraphIssueKind::kCycle:
      return "include cycle: " + issue.message;
    default:
      return issue.message;
  }
}

}  // namespace

Status CheckDefinitions(BundleSnapshots& snapshots, const BundleSnapshot& snap,
                        const std::vector<std::string>& paths, const OlxOverrides& overrides) {
  std::vector<olx::DefinitionLocation> roots;
  auto add_root = [&](const std::string& path) {
    roots.push_back(olx::DefinitionLocation{snap.bundle_uuid, std::nullopt, kCheckedDraft, path});
  };
  if (paths.empty()) {
    std::string_view type, id;
    for (const store::FileInfo& f : snap.files) {
      if (SplitOlxPath(f.path, &type, &id) && overrides.count(f.path) == 0) add_root(f.path);
    }
    for (const auto& [path, bytes] : overrides) {
      if (SplitOlxPath(path, &type, &id)) add_root(path);
    }
  } else {
    for (const std::string& path : paths) add_root(path);
  }
  if (roots.empty()) return Status::OK();
  SnapshotSource source(snapshots, snap, overrides);
  BLOCKRT_ASSIGN_OR_RETURN(olx::IncludeGraph graph, olx::BuildIncludeGraph(source, roots));
  std::vector<std::string> problems;
  // Unparseable OLX keeps the parser's code (ParseError or InvalidArgument).
  Status::Code code = Status::Code::kInvalidArgument;
  for (const olx::GraphIssue& issue : graph.issues()) {
    if (problems.empty() && issue.kind == olx::GraphIssueKind::kParseError) {
      Result<std::string> bytes = source.Read(graph.location(issue.vertices.front()));
      if (bytes.ok()) {
        code = olx::ParseDefinition(graph.location(issue.vertices.front()).path, *bytes)
                   .status()
                   .code();
      }
    }
    problems.push_back(Describe(graph, issue));
  }
  // The root tag names the block type (the reference's "Invalid root tag").
  for (size_t v = 0; v < graph.num_vertices(); ++v) {
    const olx::Definition* def = graph.definition(v);
    std::string_view type, id;
    if (def == nullptr || !source.IsOwn(graph.location(v)) ||
        !SplitOlxPath(graph.location(v).path, &type, &id) || def->block_type == type) {
      continue;
    }
    Result<std::string> bytes = source.Read(graph.location(v));
    problems.push_back(graph.location(v).path + ":" +
                       (bytes.ok() ? RootPosition(*bytes) : std::string("1:1")) +
                       ": error: Invalid root tag in OLX, expected " + std::string(type) +
                       " (got <" + def->block_type + ">)");
  }
  if (problems.empty()) return Status::OK();
  std::string message;
  for (size_t i = 0; i < problems.size() && i < kMaxReported; ++i) {
    if (i > 0) message += "\n";
    message += problems[i];
  }
  if (problems.size() > kMaxReported) {
    message += "\n(and " + std::to_string(problems.size() - kMaxReported) + " more problems)";
  }
  return code == Status::Code::kParseError ? Status::ParseError(message)
                                           : Status::InvalidArgument(message);
}

}  // namespace blockrt::contexts::internal
