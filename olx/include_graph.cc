// Include graphs: breadth-first discovery (so each definition gets its
// shallowest depth), then a Boost DFS for cycles and a Boost topological sort.
#include "olx/include_graph.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <deque>
#include <iterator>
#include <optional>
#include <unordered_map>

#include "olx/child_usage.h"

namespace blockrt::olx {

struct VertexData {
  DefinitionLocation location;
  std::optional<Definition> definition;
  uint32_t depth = 0;
};
struct EdgeData {
  size_t include_index = 0;
};
using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, VertexData, EdgeData>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

struct IncludeGraph::Impl {
  Graph graph;
  std::vector<size_t> roots;
  std::vector<GraphIssue> issues;
  std::unordered_map<std::string, size_t> index;  // location key -> vertex
  bool has_cycle = false;
};

namespace {

std::string LocationKey(const DefinitionLocation& loc) {
  std::string key = loc.bundle;
  key += '\0';
  key += loc.version ? std::to_string(*loc.version) : std::string("-");
  key += '\0';
  key += loc.draft;
  key += '\0';
  key += loc.path;
  return key;
}

// Records back edges of a DFS; each one closes a cycle through the DFS tree.
class CycleFinder : public boost::default_dfs_visitor {
 public:
  CycleFinder(std::vector<size_t>* pred, std::vector<std::vector<size_t>>* cycles)
      : pred_(pred), cycles_(cycles) {}
  void tree_edge(boost::graph_traits<Graph>::edge_descriptor e, const Graph& g) {
    (*pred_)[boost::target(e, g)] = boost::source(e, g);
  }
  void back_edge(boost::graph_traits<Graph>::edge_descriptor e, const Graph& g) {
    size_t from = boost::source(e, g), to = boost::target(e, g);
    std::vector<size_t> path{from};
    for (size_t v = from; v != to; v = (*pred_)[v]) path.push_back((*pred_)[v]);
    std::vector<size_t> cycle(path.rbegin(), path.rend());  // to ... from
    cycle.push_back(to);
    cycles_->push_back(std::move(cycle));
  }

 private:
  std::vector<size_t>* pred_;
  std::vector<std::vector<size_t>>* cycles_;
};

std::string Where(const std::string& parent_path, const Include& inc) {
  return parent_path + ":" + std::to_string(inc.line) + ":" + std::to_string(inc.column);
}

}  // namespace

std::string_view GraphIssueKindName(GraphIssueKind kind) {
  switch (kind) {
    case GraphIssueKind::kCycle:
      return "cycle";
    case GraphIssueKind::kMissingTarget:
      return "missing_target";
    case GraphIssueKind::kUnknownLink:
      return "unknown_link";
    case GraphIssueKind::kTooDeep:
      return "too_deep";
    case GraphIssueKind::kParseError:
      return "parse_error";
    case GraphIssueKind::kReadError:
      return "read_error";
    case GraphIssueKind::kTooMany:
      return "too_many";
  }
  return "unknown";
}

std::string DefinitionLocation::ToString() const {
  std::string out = bundle;
  if (!draft.empty()) {
    out += "@draft:" + draft;
  } else if (version) {
    out += "@v" + std::to_string(*version);
  }
  out += ':';
  out += path;
  return out;
}

IncludeGraph::IncludeGraph() : impl_(std::make_unique<Impl>()) {}
IncludeGraph::~IncludeGraph() = default;
IncludeGraph::IncludeGraph(IncludeGraph&&) noexcept = default;
IncludeGraph& IncludeGraph::operator=(IncludeGraph&&) noexcept = default;

size_t IncludeGraph::num_vertices() const { return boost::num_vertices(impl_->graph); }
const DefinitionLocation& IncludeGraph::location(size_t v) const {
  return impl_->graph[v].location;
}
const Definition* IncludeGraph::definition(size_t v) const {
  const auto& d = impl_->graph[v].definition;
  return d ? &*d : nullptr;
}
std::vector<IncludeEdge> IncludeGraph::children(size_t v) const {
  std::vector<IncludeEdge> out;
  for (auto [it, end] = boost::out_edges(v, impl_->graph); it != end; ++it) {
    out.push_back(
        IncludeEdge{v, boost::target(*it, impl_->graph), impl_->graph[*it].include_index});
  }
  return out;
}
const std::vector<size_t>& IncludeGraph::roots() const { return impl_->roots; }
const std::vector<GraphIssue>& IncludeGraph::issues() const { return impl_->issues; }

Result<std::vector<size_t>> IncludeGraph::LoadOrder() const {
  for (const GraphIssue& issue : impl_->issues) {
    if (issue.kind == GraphIssueKind::kCycle) {
      return Status::FailedPrecondition("include graph has a cycle: " + issue.message);
    }
  }
  std::vector<size_t> order;
  order.reserve(num_vertices());
  try {
    // Reverse topological order: every vertex after the ones it includes.
    boost::topological_sort(impl_->graph, std::back_inserter(order));
  } catch (const boost::not_a_dag&) {
    return Status::FailedPrecondition("include graph has a cycle");
  }
  return order;
}

std::string IncludeGraph::ToDot() const {
  std::string out = "digraph includes {\n  node [shape=box];\n";
  auto quote = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') q += '\\';
      q += c;
    }
    return q + "\"";
  };
  for (size_t v = 0; v < num_vertices(); ++v) {
    out += "  v" + std::to_string(v) + " [label=" + quote(location(v).ToString());
    if (definition(v) == nullptr) out += ", style=dashed, color=red";
    out += "];\n";
  }
  for (size_t v = 0; v < num_vertices(); ++v) {
    for (const IncludeEdge& e : children(v)) {
      const Definition* d = definition(v);
      std::string label = d != nullptr ? std::string(OwnUsageId(d->includes[e.include_index])) : "";
      out += "  v" + std::to_string(v) + " -> v" + std::to_string(e.to) +
             " [label=" + quote(label) + "];\n";
    }
  }
  out += "}\n";
  return out;
}

Result<DefinitionLocation> ResolveInclude(OlxSource& source, const DefinitionLocation& parent,
                                          const Include& include) {
  DefinitionLocation loc;
  loc.path = include.block_type + "/" + include.definition_id + "/definition.xml";
  if (include.source.empty()) {
    loc.bundle = parent.bundle;
    loc.version = parent.version;
    loc.draft = parent.draft;
    return loc;
  }
  Result<LinkTarget> link = source.ResolveLink(parent, include.source);
  if (!link.ok()) {
    if (link.status().IsNotFound()) return Status::NotFound("Link not found: " + include.source);
    return link.status();
  }
  loc.bundle = link->bundle;
  loc.version = link->version;  // links are pinned to a published version, never a draft
  return loc;
}

Result<IncludeGraph> BuildIncludeGraph(OlxSource& source,
                                       const std::vector<DefinitionLocation>& roots,
                                       const IncludeGraphOptions& options) {
  if (options.max_depth == 0 || options.max_definitions == 0) {
    return Status::InvalidArgument("include graph limits must be positive");
  }
  ParseOptions parse = options.parse;
  parse.bundle = true;
  IncludeGraph result;
  IncludeGraph::Impl& g = *result.impl_;
  auto add_vertex = [&g](const DefinitionLocation& loc, uint32_t depth, bool* added) -> size_t {
    std::string key = LocationKey(loc);
    auto it = g.index.find(key);
    if (it != g.index.end()) {
      *added = false;
      return it->second;
    }
    size_t v = boost::add_vertex(g.graph);
    g.graph[v].location = loc;
    g.graph[v].depth = depth;
    g.index.emplace(std::move(key), v);
    *added = true;
    return v;
  };

  std::deque<size_t> queue;
  for (const DefinitionLocation& root : roots) {
    bool added;
    size_t v = add_vertex(root, 0, &added);
    g.roots.push_back(v);
    if (added) queue.push_back(v);
  }
  bool too_many_reported = false;
  while (!queue.empty()) {
    size_t v = queue.front();
    queue.pop_front();
    DefinitionLocation here = g.graph[v].location;
    Result<std::string> bytes = source.Read(here);
    if (!bytes.ok()) {
      bool missing = bytes.status().IsNotFound();
      g.issues.push_back(
          GraphIssue{missing ? GraphIssueKind::kMissingTarget : GraphIssueKind::kReadError,
                     {v},
                     missing ? "OLX file " + here.path + " not found in bundle " + here.bundle + "."
                             : here.ToString() + ": " + bytes.status().ToString()});
      continue;
    }
    Result<Definition> def = ParseDefinition(here.path, *bytes, parse);
    if (!def.ok()) {
      g.issues.push_back(GraphIssue{GraphIssueKind::kParseError, {v}, def.status().message()});
      continue;
    }
    g.graph[v].definition = std::move(def).value();
    // add_vertex below may move vertex storage: work on copies, not references.
    const std::vector<Include> includes = g.graph[v].definition->includes;
    const std::string parent_path = g.graph[v].definition->path;
    const uint32_t depth = g.graph[v].depth;
    for (size_t i = 0; i < includes.size(); ++i) {
      const Include& inc = includes[i];
      Result<DefinitionLocation> target = ResolveInclude(source, here, inc);
      if (!target.ok()) {
        bool unknown = target.status().IsNotFound();
        g.issues.push_back(
            GraphIssue{unknown ? GraphIssueKind::kUnknownLink : GraphIssueKind::kReadError,
                       {v},
                       Where(parent_path, inc) + ": " + target.status().message()});
        continue;
      }
      if (depth + 1 > options.max_depth) {
        g.issues.push_back(GraphIssue{GraphIssueKind::kTooDeep,
                                      {v},
                                      Where(parent_path, inc) + ": include of " + inc.definition() +
                                          " is deeper than " + std::to_string(options.max_depth) +
                                          " levels"});
        continue;
      }
      if (g.index.size() >= options.max_definitions && !g.index.count(LocationKey(*target))) {
        if (!too_many_reported) {
          g.issues.push_back(GraphIssue{GraphIssueKind::kTooMany,
                                        {v},
                                        "more than " + std::to_string(options.max_definitions) +
                                            " definitions; stopped exploring"});
          too_many_reported = true;
        }
        continue;
      }
      bool added;
      size_t child = add_vertex(*target, depth + 1, &added);
      boost::add_edge(v, child, EdgeData{i}, g.graph);
      if (added) queue.push_back(child);
    }
  }

  std::vector<size_t> pred(boost::num_vertices(g.graph));
  for (size_t v = 0; v < pred.size(); ++v) pred[v] = v;
  std::vector<std::vector<size_t>> cycles;
  if (!pred.empty())
    boost::depth_first_search(g.graph, boost::visitor(CycleFinder(&pred, &cycles)));
  for (std::vector<size_t>& cycle : cycles) {
    std::string msg;
    for (size_t k = 0; k < cycle.size(); ++k) {
      if (k > 0) msg += " -> ";
      msg += g.graph[cycle[k]].location.path;
    }
    g.issues.push_back(GraphIssue{GraphIssueKind::kCycle, std::move(cycle), std::move(msg)});
    g.has_cycle = true;
  }
  return result;
}

std::vector<UsageNode> ExpandUsages(const IncludeGraph& graph, size_t root,
                                    std::string_view root_usage_id, std::string_view library_bundle,
                                    uint32_t max_depth) {
  std::vector<UsageNode> out;
  if (root >= graph.num_vertices()) return out;
  const Definition* root_def = graph.definition(root);
  out.push_back(UsageNode{root_def ? root_def->block_type : std::string(),
                          std::string(root_usage_id), root, -1, 0});
  // Iterative pre-order DFS; `on_path` stops cycles.
  std::vector<bool> on_path(graph.num_vertices(), false);
  struct Frame {
    size_t node;  // index into out
    std::vector<IncludeEdge> edges;
    size_t next = 0;
  };
  std::vector<Frame> stack;
  std::string scratch;  // a prefixed child id
  on_path[root] = true;
  stack.push_back(Frame{0, graph.children(root)});
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.edges.size()) {
      on_path[out[top.node].vertex] = false;
      stack.pop_back();
      continue;
    }
    const IncludeEdge edge = top.edges[top.next++];
    const UsageNode parent = out[top.node];
    if (on_path[edge.to] || parent.depth + 1 > max_depth) continue;
    const Definition* pdef = graph.definition(parent.vertex);
    const Include& inc = pdef->includes[edge.include_index];
    bool in_library = graph.location(parent.vertex).bundle == library_bundle;
    out.push_back(UsageNode{inc.block_type,
                            std::string(ChildUsageId(inc, parent.usage_id, in_library, &scratch)),
                            edge.to, static_cast<int>(top.node), parent.depth + 1});
    size_t idx = out.size() - 1;
    if (graph.definition(edge.to) != nullptr) {
      on_path[edge.to] = true;
      stack.push_back(Frame{idx, graph.children(edge.to)});
    }
  }
  return out;
}

}  // namespace blockrt::olx
