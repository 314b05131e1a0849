// The bundle-format (v2 runtime) definition parser and writer.
#include "olx/definition.h"

#include <algorithm>
#include <cstring>

#include "olx/internal/definition_fields.h"
#include "olx/internal/xml_document.h"
#include "olx/internal/xml_scan.h"

namespace blockrt::olx {
namespace {

using internal::ElementOffset;

constexpr std::string_view kIncludeTag = "xblock-include";

// XBlock's option namespace: <option:name>value</option:name> sets a field.
bool IsOptionElement(const pugi::xml_node& node) {
  return std::strncmp(node.name(), "option:", 7) == 0;
}

Status ParseIncludeElement(std::string_view path, std::string_view text, const pugi::xml_node& node,
                           Include* out) {
  size_t offset = ElementOffset(node);
  pugi::xml_attribute def = node.attribute("definition");
  if (!def) {
    return internal::LocatedError(
        path, text, offset,
        "<xblock-include> is missing the required definition=\"...\" attribute");
  }
  Result<Include> inc = ParseIncludeAttributes(def.value(), node.attribute("source").value(),
                                               node.attribute("usage").value());
  if (!inc.ok()) return internal::LocatedError(path, text, offset, inc.status().message());
  *out = std::move(inc).value();
  internal::TextPosition pos = internal::PositionOf(text, offset);
  out->line = pos.line;
  out->column = pos.column;
  return Status::OK();
}

// Container children in the bundle format: includes, plus comments, PIs,
// option fields and stray text kept (printed) in the body so nothing is lost.
Status CollectChildren(std::string_view path, std::string_view text, const pugi::xml_node& root,
                       bool strict, Definition* def) {
  for (pugi::xml_node child = root.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && kIncludeTag == child.name()) {
      Include inc;
      BLOCKRT_RETURN_IF_ERROR(ParseIncludeElement(path, text, child, &inc));
      def->includes.push_back(std::move(inc));
      continue;
    }
    if (child.type() == pugi::node_element && strict && !IsOptionElement(child)) {
      return internal::LocatedError(
          path, text, ElementOffset(child),
          "Expected an <xblock-include /> XML node, but got <" + std::string(child.name()) + ">");
    }
    if (child.type() == pugi::node_pcdata) {
      // Stray text is kept trimmed: the writer's indentation around includes
      // would otherwise merge into it and break write -> parse identity.
      std::string_view text = child.value();
      size_t b = text.find_first_not_of(" \t\r\n");
      if (b == std::string_view::npos) continue;
      size_t e = text.find_last_not_of(" \t\r\n");
      internal::AppendEscapedText(&def->body, text.substr(b, e - b + 1));
      continue;
    }
    def->body += internal::PrintRaw(child);
  }
  return Status::OK();
}

// Direct <xblock-include> children of an unknown type, for the include graph;
// any other content stays in the verbatim body.
void CollectLooseIncludes(std::string_view path, std::string_view text, const pugi::xml_node& root,
                          Definition* def) {
  for (pugi::xml_node child = root.child(kIncludeTag.data()); child;
       child = child.next_sibling(kIncludeTag.data())) {
    Include inc;
    if (ParseIncludeElement(path, text, child, &inc).ok()) def->includes.push_back(std::move(inc));
  }
}

}  // namespace

Result<Include> ParseIncludeAttributes(std::string_view definition, std::string_view source,
                                       std::string_view usage) {
  size_t slash = definition.find('/');
  if (slash == std::string_view::npos ||
      definition.find('/', slash + 1) != std::string_view::npos) {
    return Status::ParseError("Invalid definition attribute: " + std::string(definition));
  }
  Include inc;
  inc.block_type = std::string(definition.substr(0, slash));
  inc.definition_id = std::string(definition.substr(slash + 1));
  inc.source = std::string(source);
  inc.usage = std::string(usage);
  return inc;
}

const FieldValue* Definition::field(std::string_view name) const {
  auto it = std::lower_bound(fields.begin(), fields.end(), name,
                             [](const FieldValue& f, std::string_view n) { return f.name < n; });
  return it != fields.end() && it->name == name ? &*it : nullptr;
}

const std::string* Definition::field_ptr(std::string_view name) const {
  const FieldValue* f = field(name);
  return f != nullptr ? &f->value : nullptr;
}

const std::string* Definition::attribute(std::string_view name) const {
  auto it = std::lower_bound(attributes.begin(), attributes.end(), name,
                             [](const Attribute& a, std::string_view n) { return a.name < n; });
  return it != attributes.end() && it->name == name ? &it->value : nullptr;
}

bool Definition::operator==(const Definition& o) const {
  return block_type == o.block_type && known_type == o.known_type && attributes == o.attributes &&
         fields == o.fields && includes == o.includes && body == o.body;
}

Result<Definition> ParseDefinition(std::string_view path, std::string_view bytes,
                                   const ParseOptions& options) {
  pugi::xml_document doc;
  internal::RootExtent extent;
  BLOCKRT_RETURN_IF_ERROR(internal::LoadXml(
      path, bytes, internal::ScanLimits{options.max_bytes, options.max_depth}, &doc, &extent));
  pugi::xml_node root = doc.document_element();
  Definition def;
  def.path = std::string(path);
  def.block_type = root.name();
  def.attributes = internal::SortedAttributes(root);
  const BlockSchema* schema = FindBlockSchema(def.block_type);
  if (schema != nullptr && schema->has_children && options.bundle) {
    BLOCKRT_RETURN_IF_ERROR(CollectChildren(path, bytes, root, /*strict=*/true, &def));
  } else {
    def.body.assign(bytes.data() + extent.content_begin, extent.content_end - extent.content_begin);
    if (schema == nullptr) CollectLooseIncludes(path, bytes, root, &def);
  }
  internal::DeriveFields(&def);
  return def;
}

std::string WriteDefinition(const Definition& definition) {
  std::string out;
  std::string_view markup = internal::MarkupOf(definition);
  out.reserve(markup.size() + 64 * (definition.includes.size() + 1));
  // Unknown types keep their includes inside the verbatim body.
  bool write_includes = definition.known_type && !definition.includes.empty();
  if (!write_includes) {
    internal::AppendElement(&out, definition.block_type, definition.attributes, markup);
    out += '\n';
    return out;
  }
  std::string inner(markup);
  for (const Include& inc : definition.includes) {
    inner += "\n  <xblock-include definition=\"";
    internal::AppendEscapedAttribute(&inner, inc.definition());
    inner += '"';
    if (!inc.usage.empty()) {
      inner += " usage=\"";
      internal::AppendEscapedAttribute(&inner, inc.usage);
      inner += '"';
    }
    if (!inc.source.empty()) {
      inner += " source=\"";
      internal::AppendEscapedAttribute(&inner, inc.source);
      inner += '"';
    }
    inner += "/>";
  }
  inner += '\n';
  internal::AppendElement(&out, definition.block_type, definition.attributes, inner);
  out += '\n';
  return out;
}

}  // namespace blockrt::olx
