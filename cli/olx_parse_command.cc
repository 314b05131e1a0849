// `blockrt olx parse FILE...` and `blockrt olx graph DIR`.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/errors.h"
#include "cli/number_arg.h"
#include "cli/olx_commands.h"
#include "olx/child_usage.h"
#include "olx/definition.h"
#include "olx/directory_source.h"
#include "olx/include_graph.h"

namespace blockrt::cli {
namespace {

using nlohmann::json;

// Reads at most limit + 1 bytes: enough for the parser to refuse an oversize
// file without holding all of it.
bool ReadAll(const std::string& path, size_t limit, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->clear();
  char buf[1 << 16];
  while (in && out->size() <= limit) {
    in.read(buf, sizeof buf);
    out->append(buf, static_cast<size_t>(in.gcount()));
  }
  if (out->size() > limit + 1) out->resize(limit + 1);
  return !in.bad();
}

uintmax_t FileSize(const std::string& path) {
  std::error_code ec;
  uintmax_t n = std::filesystem::file_size(path, ec);
  return ec ? 0 : n;
}

// nlohmann refuses invalid UTF-8 when dumping; OLX that reached here is valid,
// but be defensive for file names and messages.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json DefinitionJson(const olx::Definition& def) {
  json fields = json::object();
  for (const olx::FieldValue& f : def.fields) {
    fields[f.name] = {{"scope", olx::FieldScopeName(f.scope)}, {"value", f.value}};
  }
  json attrs = json::object();
  for (const olx::Attribute& a : def.attributes) attrs[a.name] = a.value;
  json includes = json::array();
  for (const olx::Include& inc : def.includes) {
    includes.push_back({{"definition", inc.definition()},
                        {"source", inc.source},
                        {"usage", inc.usage},
                        {"line", inc.line},
                        {"column", inc.column}});
  }
  return {{"block_type", def.block_type},
          {"known_type", def.known_type},
          {"fields", fields},
          {"attributes", attrs},
          {"includes", includes},
          {"body_bytes", def.body.size()}};
}

void PrintDefinitionText(std::ostream& os, const std::string& path, const olx::Definition& def) {
  os << path << ": " << def.block_type << (def.known_type ? "" : " (unknown type, kept verbatim)")
     << "\n";
  for (const olx::FieldValue& f : def.fields) {
    os << "  field " << f.name << " [" << olx::FieldScopeName(f.scope) << "]";
    if (f.value.size() > 60 || f.value.find('\n') != std::string::npos) {
      os << " (" << f.value.size() << " bytes)\n";
    } else {
      os << " = \"" << f.value << "\"\n";
    }
  }
  for (const olx::Attribute& a : def.attributes) {
    if (def.field(a.name) == nullptr)
      os << "  attribute " << a.name << " = \"" << a.value << "\"\n";
  }
  for (const olx::Include& inc : def.includes) {
    os << "  include " << inc.definition();
    if (!inc.usage.empty()) os << " usage=" << inc.usage;
    if (!inc.source.empty()) os << " source=" << inc.source;
    os << " (line " << inc.line << ")\n";
  }
}

}  // namespace

int RunOlxParse(const Invocation& inv, const std::vector<std::string>& args) {
  bool as_json = false;
  olx::ParseOptions options;
  std::vector<std::string> files;
  for (const std::string& a : args) {
    if (a == "--json") {
      as_json = true;
    } else if (a == "--course") {
      options.bundle = false;
    } else if (!a.empty() && a[0] == '-') {
      *inv.err << "blockrt olx parse: unknown option '" << a << "'\n";
      return kExitUsage;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    *inv.err << "usage: blockrt olx parse [--json] [--course] FILE...\n";
    return kExitUsage;
  }
  int rc = kExitOk;
  for (const std::string& path : files) {
    std::string bytes;
    if (!ReadAll(path, options.max_bytes, &bytes)) {
      *inv.err << "blockrt olx parse: cannot read " << path << "\n";
      rc = kExitUsage;
      continue;
    }
    Result<olx::Definition> def =
        bytes.size() > options.max_bytes
            ? Result<olx::Definition>(Status::InvalidArgument(
                  path + ": error: file is " + std::to_string(FileSize(path)) +
                  " bytes, over the " + std::to_string(options.max_bytes) + "-byte limit"))
            : olx::ParseDefinition(path, bytes, options);
    if (!def.ok()) {
      if (rc == kExitOk) rc = kExitFindings;
      if (as_json) {
        *inv.out << Dump({{"path", path},
                          {"ok", false},
                          {"error",
                           {{"code", Status::CodeName(def.status().code())},
                            {"message", def.status().message()}}}})
                 << "\n";
      } else {
        *inv.out << def.status().message() << "\n";
      }
      continue;
    }
    if (as_json) {
      json j = DefinitionJson(*def);
      j["path"] = path;
      j["ok"] = true;
      *inv.out << Dump(j) << "\n";
    } else {
      PrintDefinitionText(*inv.out, path, *def);
    }
  }
  return rc;
}

int RunOlxGraph(const Invocation& inv, const std::vector<std::string>& args) {
  bool as_json = false;
  olx::IncludeGraphOptions options;
  std::string dir;
  std::vector<std::string> links;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      as_json = true;
    } else if (a == "--dot") {
      as_json = false;
    } else if ((a == "--max-depth" || a == "--link") && i + 1 < args.size()) {
      if (a == "--link") {
        links.push_back(args[++i]);
        continue;
      }
      const std::string& v = args[++i];
      Result<uint64_t> n = ParseUnsignedArg("--max-depth", v, 1, 100000);
      if (!n.ok()) return PrintUsageError(inv, "olx graph", n.status().message());
      options.max_depth = static_cast<uint32_t>(*n);
    } else if (!a.empty() && a[0] == '-') {
      *inv.err << "blockrt olx graph: unknown option '" << a << "'\n";
      return kExitUsage;
    } else if (dir.empty()) {
      dir = a;
    } else {
      *inv.err << "blockrt olx graph: one bundle directory expected\n";
      return kExitUsage;
    }
  }
  if (dir.empty()) {
    *inv.err << "usage: blockrt olx graph [--json] [--max-depth N] [--link FROM:NAME=DIR]... DIR\n";
    return kExitUsage;
  }
  olx::DirectorySource source;
  const std::string main = "bundle";
  source.AddBundle(main, dir);
  for (const std::string& spec : links) {
    // FROM:NAME=DIR, FROM being "bundle" (the main one) or an earlier link's NAME.
    size_t colon = spec.find(':'), eq = spec.find('=');
    if (colon == std::string::npos || eq == std::string::npos || eq < colon) {
      *inv.err << "blockrt olx graph: --link wants FROM:NAME=DIR, got '" << spec << "'\n";
      return kExitUsage;
    }
    std::string from = spec.substr(0, colon), name = spec.substr(colon + 1, eq - colon - 1);
    source.AddBundle(name, spec.substr(eq + 1));
    source.AddLink(from, name, name, 1);
  }
  std::vector<olx::DefinitionLocation> roots = source.ListDefinitions(main);
  if (roots.empty()) {
    *inv.err << "blockrt olx graph: no TYPE/ID/definition.xml files under " << dir << "\n";
    return kExitUsage;
  }
  Result<olx::IncludeGraph> graph = olx::BuildIncludeGraph(source, roots, options);
  if (!graph.ok()) {
    *inv.err << "blockrt olx graph: " << graph.status().ToString() << "\n";
    return kExitUsage;
  }
  if (!as_json) {
    *inv.out << graph->ToDot();
    for (const olx::GraphIssue& issue : graph->issues()) {
      *inv.err << olx::GraphIssueKindName(issue.kind) << ": " << issue.message << "\n";
    }
    return graph->ok() ? kExitOk : kExitFindings;
  }
  json vertices = json::array();
  for (size_t v = 0; v < graph->num_vertices(); ++v) {
    const olx::Definition* d = graph->definition(v);
    vertices.push_back({{"id", v},
                        {"bundle", graph->location(v).bundle},
                        {"path", graph->location(v).path},
                        {"loaded", d != nullptr},
                        {"block_type", d != nullptr ? d->block_type : ""}});
  }
  json edges = json::array();
  for (size_t v = 0; v < graph->num_vertices(); ++v) {
    for (const olx::IncludeEdge& e : graph->children(v)) {
      const olx::Include& inc = graph->definition(v)->includes[e.include_index];
      edges.push_back({{"from", e.from},
                       {"to", e.to},
                       {"index", e.include_index},
                       {"usage", std::string(olx::OwnUsageId(inc))},
                       {"source", inc.source}});
    }
  }
  json issues = json::array();
  for (const olx::GraphIssue& issue : graph->issues()) {
    issues.push_back({{"kind", olx::GraphIssueKindName(issue.kind)},
                      {"vertices", issue.vertices},
                      {"message", issue.message}});
  }
  json out = {{"vertices", vertices}, {"edges", edges}, {"issues", issues}};
  Result<std::vector<size_t>> order = graph->LoadOrder();
  out["load_order"] = order.ok() ? json(*order) : json(nullptr);
  *inv.out << Dump(out) << "\n";
  return graph->ok() ? kExitOk : kExitFindings;
}

}  // namespace blockrt::cli
