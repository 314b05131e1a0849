#include "runtime/block.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/json_depth.h"

namespace blockrt::runtime {
namespace {

constexpr std::string_view kCommonFields[] = {"display_name"};

std::string JsonString(std::string_view s) { return nlohmann::json(std::string(s)).dump(); }

// The field specs a type has: its own, then inheritable and common ones.
std::vector<const olx::FieldSpec*> SpecsOf(std::string_view type) {
  std::vector<const olx::FieldSpec*> out;
  const olx::BlockSchema* schema = olx::FindBlockSchema(type);
  if (schema == nullptr) return out;
  for (size_t i = 0; i < schema->num_fields; ++i) out.push_back(&schema->fields[i]);
  size_t n = 0;
  const olx::FieldSpec* inh = olx::InheritableFields(&n);
  for (size_t i = 0; i < n; ++i) out.push_back(&inh[i]);
  for (std::string_view name : kCommonFields) {
    if (const olx::FieldSpec* spec = olx::FindFieldSpec(*schema, name)) out.push_back(spec);
  }
  return out;
}

}  // namespace

std::string TypeFieldValue(std::string_view raw, std::string_view default_json) {
  if (!default_json.empty() && default_json.front() == '"') return JsonString(raw);
  if (raw == "True") return "true";
  if (raw == "False") return "false";
  if (raw == "None" || raw == "~") return "null";
  // Nested past the limit, it stays the string it was authored as: nothing
  // downstream (dump, the CLI's printer) then recurses through it.
  if (FindJsonTooDeep(raw) != std::string_view::npos) return JsonString(raw);
  nlohmann::json j = nlohmann::json::parse(raw.begin(), raw.end(), nullptr, false);
  if (j.is_discarded()) return JsonString(raw);
  return j.dump();
}

Block Block::Adopt(keys::Key&& usage,
                   std::shared_ptr<const contexts::DefinitionLocator>&& definition,
                   std::shared_ptr<const olx::Definition>&& olx, std::vector<keys::Key>&& children,
                   std::shared_ptr<const std::optional<keys::Key>>&& parent,
                   std::shared_ptr<const contexts::BundleSnapshot>&& snapshot,
                   std::shared_ptr<const std::vector<contexts::FieldOrigin>>&& origins) {
  return Block(AdoptTag{}, std::move(usage), std::move(definition), std::move(olx),
               std::move(children), std::move(parent), std::move(snapshot), std::move(origins));
}

Block::Block(AdoptTag, keys::Key&& usage,
             std::shared_ptr<const contexts::DefinitionLocator>&& definition,
             std::shared_ptr<const olx::Definition>&& olx, std::vector<keys::Key>&& children,
             std::shared_ptr<const std::optional<keys::Key>>&& parent,
             std::shared_ptr<const contexts::BundleSnapshot>&& snapshot,
             std::shared_ptr<const std::vector<contexts::FieldOrigin>>&& origins)
    : usage_(std::move(usage)),
      definition_(std::move(definition)),
      olx_(std::move(olx)),
      children_(std::move(children)),
      parent_(std::move(parent)),
      snapshot_(std::move(snapshot)),
      origins_(std::move(origins)) {}

std::string_view Block::SourceOf(std::string_view name) const {
  if (origins_ != nullptr) {
    auto it = std::lower_bound(
        origins_->begin(), origins_->end(), name,
        [](const contexts::FieldOrigin& o, std::string_view n) { return o.name < n; });
    if (it != origins_->end() && it->name == name) return it->source;
  }
  return "override";
}

const std::optional<keys::Key>& Block::parent() const {
  static const std::optional<keys::Key> kNone;
  return parent_ ? *parent_ : kNone;
}

const contexts::DefinitionLocator& Block::definition() const {
  static const contexts::DefinitionLocator kNone;
  return definition_ ? *definition_ : kNone;
}

const std::string* Block::RawField(std::string_view name) const {
  if (const olx::FieldValue* f = olx_->field(name)) return &f->value;
  return olx_->attribute(name);
}

std::optional<TypedField> Block::Field(std::string_view name) const {
  const olx::BlockSchema* schema = olx::FindBlockSchema(definition().block_type);
  const olx::FieldSpec* spec = schema ? olx::FindFieldSpec(*schema, name) : nullptr;
  const std::string* raw = RawField(name);
  if (spec == nullptr && raw == nullptr) return std::nullopt;
  TypedField out;
  out.name = std::string(name);
  out.scope = spec ? spec->scope : olx::FieldScope::kSettings;
  if (raw != nullptr) {
    out.json = TypeFieldValue(*raw, spec ? spec->default_json : "\"\"");
    out.source = SourceOf(name);
  } else {
    out.json = std::string(spec->default_json);
    out.is_default = true;
    out.source = "class_default";
  }
  return out;
}

std::vector<TypedField> Block::Fields(olx::FieldScope scope) const {
  std::vector<TypedField> out;
  auto seen = [&](std::string_view name) {
    return std::any_of(out.begin(), out.end(), [&](const TypedField& f) { return f.name == name; });
  };
  for (const olx::FieldSpec* spec : SpecsOf(definition().block_type)) {
    if (spec->scope != scope || seen(spec->name)) continue;
    if (std::optional<TypedField> f = Field(spec->name)) out.push_back(std::move(*f));
  }
  for (const olx::FieldValue& f : olx_->fields) {
    if (f.scope == scope && !seen(f.name)) {
      if (std::optional<TypedField> tf = Field(f.name)) out.push_back(std::move(*tf));
    }
  }
  if (scope == olx::FieldScope::kSettings) {
    for (const olx::Attribute& a : olx_->attributes) {
      if (seen(a.name) || olx_->field(a.name) != nullptr) continue;
      out.push_back(TypedField{a.name, scope, JsonString(a.value), false, SourceOf(a.name)});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const TypedField& a, const TypedField& b) { return a.name < b.name; });
  return out;
}

std::string_view Block::display_name_view() const {
  const std::string* raw = RawField("display_name");
  if (raw != nullptr && !raw->empty()) return *raw;
  return olx::DefaultDisplayName(definition().block_type);
}

std::string Block::display_name() const {
  const std::string* raw = RawField("display_name");
  if (raw != nullptr && !raw->empty()) return *raw;
  return std::string(olx::DefaultDisplayName(definition().block_type));
}

}  // namespace blockrt::runtime
