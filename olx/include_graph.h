// IncludeGraph: definitions (vertices) and their <xblock-include>s (edges, in
// include order) reachable from some roots, built with Boost.Graph behind a
// pimpl. Problems (cycles, missing targets, unknown links, excessive depth,
// unparsable files) are recorded as issues; building only fails on bad options.
#ifndef BLOCKRT_OLX_INCLUDE_GRAPH_H_
#define BLOCKRT_OLX_INCLUDE_GRAPH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "olx/definition.h"
#include "olx/olx_source.h"

namespace blockrt::olx {

struct IncludeGraphOptions {
  uint32_t max_depth = 64;          // include nesting below a root
  size_t max_definitions = 100000;  // stop exploring past this many vertices
  ParseOptions parse;               // bundle = true is forced
};

enum class GraphIssueKind : uint8_t {
  kCycle,          // vertices = the whole cycle, first vertex repeated at the end
  kMissingTarget,  // the included file does not exist
  kUnknownLink,    // source= names no link of the parent's bundle
  kTooDeep,        // include depth exceeds max_depth
  kParseError,     // the file exists but does not parse
  kReadError,      // the source failed for another reason
  kTooMany,        // max_definitions reached
};
std::string_view GraphIssueKindName(GraphIssueKind kind);

struct GraphIssue {
  GraphIssueKind kind;
  std::vector<size_t> vertices;  // the vertices involved (the including one first)
  std::string message;           // precise, one line (parse errors: full ninja text)
};

struct IncludeEdge {
  size_t from = 0;
  size_t to = 0;
  size_t include_index = 0;  // position in the parent's includes
};

class IncludeGraph {
 public:
  IncludeGraph();
  ~IncludeGraph();
  IncludeGraph(IncludeGraph&&) noexcept;
  IncludeGraph& operator=(IncludeGraph&&) noexcept;

  size_t num_vertices() const;
  const DefinitionLocation& location(size_t vertex) const;
  // nullptr when the vertex's file was missing or failed to parse.
  const Definition* definition(size_t vertex) const;
  // Outgoing includes of `vertex` in include order (only resolved ones).
  std::vector<IncludeEdge> children(size_t vertex) const;
  const std::vector<size_t>& roots() const;
  const std::vector<GraphIssue>& issues() const;
  bool ok() const { return issues().empty(); }

  // Dependencies first (a definition after everything it includes).
  // FailedPrecondition naming the cycle when the graph has one.
  Result<std::vector<size_t>> LoadOrder() const;
  // Graphviz DOT text of the graph.
  std::string ToDot() const;

  struct Impl;

 private:
  friend Result<IncludeGraph> BuildIncludeGraph(OlxSource&, const std::vector<DefinitionLocation>&,
                                                const IncludeGraphOptions&);
  std::unique_ptr<Impl> impl_;
};

// Reads and parses every definition reachable from `roots` through `source`.
// An include without source= stays in the parent's bundle and version/draft; a
// linked one goes to the link's bundle, pinned to its published version.
Result<IncludeGraph> BuildIncludeGraph(OlxSource& source,
                                       const std::vector<DefinitionLocation>& roots,
                                       const IncludeGraphOptions& options = {});

// Where an include points, seen from `parent` (the reference's
// definition_for_include): NotFound "Link not found: NAME" for an unknown link.
Result<DefinitionLocation> ResolveInclude(OlxSource& source, const DefinitionLocation& parent,
                                          const Include& include);

// One usage in the tree a graph yields from a root usage.
struct UsageNode {
  std::string block_type;
  std::string usage_id;
  size_t vertex = 0;  // definition vertex
  int parent = -1;    // index into the result, -1 for the root
  uint32_t depth = 0;
};
// Expands the usage tree under root vertex `root` (usage id `root_usage_id`) in
// include order, child ids by olx::ChildUsageId (child_usage.h);
// `library_bundle` is the library's own bundle uuid. Stops at cycles and at
// max_depth.
std::vector<UsageNode> ExpandUsages(const IncludeGraph& graph, size_t root,
                                    std::string_view root_usage_id, std::string_view library_bundle,
                                    uint32_t max_depth = 64);

}  // namespace blockrt::olx

#endif  // BLOCKRT_OLX_INCLUDE_GRAPH_H_
