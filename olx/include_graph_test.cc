#include "olx/include_graph.h"

#include <gtest/gtest.h>

#include <map>

#include "olx/directory_source.h"

namespace blockrt::olx {
namespace {

// An in-memory bundle store: (bundle, version-or-draft, path) -> bytes.
class MapSource : public OlxSource {
 public:
  std::map<std::string, std::string> files;  // "bundle|v|path" or "bundle|d:NAME|path"
  std::map<std::pair<std::string, std::string>, LinkTarget> links;
  std::vector<std::string> reads;

  static std::string Key(const DefinitionLocation& l) {
    std::string v = !l.draft.empty() ? "d:" + l.draft
                                     : (l.version ? std::to_string(*l.version) : std::string("-"));
    return l.bundle + "|" + v + "|" + l.path;
  }
  Result<std::string> Read(const DefinitionLocation& where) override {
    reads.push_back(Key(where));
    auto it = files.find(Key(where));
    if (it == files.end()) return Status::NotFound(Key(where));
    return it->second;
  }
  Result<LinkTarget> ResolveLink(const DefinitionLocation& from, std::string_view name) override {
    auto it = links.find({from.bundle, std::string(name)});
    if (it == links.end()) return Status::NotFound("no link");
    return it->second;
  }
};

DefinitionLocation Draft(const std::string& path) {
  return DefinitionLocation{"lib", std::nullopt, "studio_draft", path};
}

TEST(IncludeGraphTest, LinksArePinnedAndDraftsPropagate) {
  MapSource src;
  src.files["lib|d:studio_draft|unit/u/definition.xml"] =
      "<unit><xblock-include definition=\"html/h\"/>"
      "<xblock-include source=\"shared\" definition=\"unit/x\" usage=\"alias1\"/></unit>";
  src.files["lib|d:studio_draft|html/h/definition.xml"] = "<html>h</html>";
  src.files["other|7|unit/x/definition.xml"] =
      "<unit><xblock-include definition=\"html/h\"/></unit>";
  src.files["other|7|html/h/definition.xml"] = "<html>linked</html>";
  src.links[{"lib", "shared"}] = LinkTarget{"other", 7};

  auto graph = BuildIncludeGraph(src, {Draft("unit/u/definition.xml")});
  ASSERT_TRUE(graph.ok());
  EXPECT_TRUE(graph->ok()) << graph->issues()[0].message;
  ASSERT_EQ(graph->num_vertices(), 4u);
  EXPECT_EQ(graph->location(2).ToString(), "other@v7:unit/x/definition.xml");
  EXPECT_EQ(graph->location(1).ToString(), "lib@draft:studio_draft:html/h/definition.xml");

  // Dependencies first.
  auto order = graph->LoadOrder();
  ASSERT_TRUE(order.ok());
  std::vector<size_t> pos(order->size());
  for (size_t i = 0; i < order->size(); ++i) pos[(*order)[i]] = i;
  for (size_t v = 0; v < graph->num_vertices(); ++v) {
    for (const IncludeEdge& e : graph->children(v)) EXPECT_LT(pos[e.to], pos[v]);
  }

  // The reference's worked example: the linked block itself is not prefixed,
  // its children are (parent usage id + "-").
  auto usages = ExpandUsages(*graph, 0, "main-unit", "lib");
  std::vector<std::string> ids;
  for (const UsageNode& u : usages) ids.push_back(u.block_type + "/" + u.usage_id);
  EXPECT_EQ(ids,
            (std::vector<std::string>{"unit/main-unit", "html/h", "unit/alias1", "html/alias1-h"}));
}

TEST(IncludeGraphTest, ReportsEveryKindOfProblem) {
  MapSource src;
  src.files["lib|d:studio_draft|unit/a/definition.xml"] =
      "<unit>\n<xblock-include definition=\"unit/b\"/>\n"
      "<xblock-include definition=\"html/missing\"/>\n"
      "<xblock-include definition=\"html/z\" source=\"nolink\"/>\n"
      "<xblock-include definition=\"problem/bad\"/>\n</unit>";
  src.files["lib|d:studio_draft|unit/b/definition.xml"] =
      "<unit><xblock-include definition=\"unit/c\"/></unit>";
  src.files["lib|d:studio_draft|unit/c/definition.xml"] =
      "<unit><xblock-include definition=\"unit/a\"/></unit>";
  src.files["lib|d:studio_draft|problem/bad/definition.xml"] = "<problem><p></problem>";
  auto graph = BuildIncludeGraph(src, {Draft("unit/a/definition.xml")});
  ASSERT_TRUE(graph.ok());
  std::map<GraphIssueKind, std::string> by_kind;
  for (const GraphIssue& i : graph->issues()) by_kind[i.kind] = i.message;
  EXPECT_EQ(by_kind[GraphIssueKind::kCycle],
            "unit/a/definition.xml -> unit/b/definition.xml -> unit/c/definition.xml -> "
            "unit/a/definition.xml");
  EXPECT_EQ(by_kind[GraphIssueKind::kMissingTarget],
            "OLX file html/missing/definition.xml not found in bundle lib.");
  EXPECT_EQ(by_kind[GraphIssueKind::kUnknownLink],
            "unit/a/definition.xml:4:1: Link not found: nolink");
  EXPECT_EQ(by_kind[GraphIssueKind::kParseError].substr(0, 30), "problem/bad/definition.xml:1:1");
  auto order = graph->LoadOrder();
  EXPECT_EQ(order.status().code(), Status::Code::kFailedPrecondition);
  // Expansion stops at the cycle instead of looping.
  EXPECT_EQ(ExpandUsages(*graph, 0, "a", "lib").size(), 5u);
}

TEST(IncludeGraphTest, DepthLimit) {
  MapSource src;
  for (int i = 0; i < 10; ++i) {
    src.files["lib|d:studio_draft|unit/u" + std::to_string(i) + "/definition.xml"] =
        "<unit><xblock-include definition=\"unit/u" + std::to_string(i + 1) + "\"/></unit>";
  }
  src.files["lib|d:studio_draft|unit/u10/definition.xml"] = "<unit/>";
  IncludeGraphOptions opts;
  opts.max_depth = 4;
  auto graph = BuildIncludeGraph(src, {Draft("unit/u0/definition.xml")}, opts);
  ASSERT_TRUE(graph.ok());
  EXPECT_EQ(graph->num_vertices(), 5u);
  ASSERT_EQ(graph->issues().size(), 1u);
  EXPECT_EQ(graph->issues()[0].kind, GraphIssueKind::kTooDeep);
  opts.max_depth = 0;
  EXPECT_EQ(BuildIncludeGraph(src, {}, opts).status().code(), Status::Code::kInvalidArgument);
  opts.max_depth = 64;
  auto full = BuildIncludeGraph(src, {Draft("unit/u0/definition.xml")}, opts);
  EXPECT_TRUE(full->ok());
  EXPECT_EQ(full->num_vertices(), 11u);
}

TEST(IncludeGraphTest, DirectorySourceOverFixtures) {
  DirectorySource src;
  src.AddBundle("b", std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/olx/bundle");
  src.AddBundle("l", std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/olx/linked");
  src.AddLink("b", "lnk", "l", 3);
  auto roots = src.ListDefinitions("b");
  ASSERT_EQ(roots.size(), 6u);
  auto graph = BuildIncludeGraph(src, roots);
  ASSERT_TRUE(graph.ok());
  std::map<GraphIssueKind, int> kinds;
  for (const GraphIssue& i : graph->issues()) ++kinds[i.kind];
  EXPECT_EQ(kinds[GraphIssueKind::kCycle], 1);
  EXPECT_EQ(kinds[GraphIssueKind::kMissingTarget], 1);
  EXPECT_EQ(kinds[GraphIssueKind::kUnknownLink], 1);
  EXPECT_NE(graph->ToDot().find("l@v3:html/lh2/definition.xml"), std::string::npos);
  DefinitionLocation escape{"b", std::nullopt, "", "../linked/html/lh/definition.xml"};
  EXPECT_EQ(src.Read(escape).status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace blockrt::olx
