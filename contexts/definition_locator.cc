#include "contexts/definition_locator.h"

#include "keys/key.h"

namespace blockrt::contexts {
namespace {

constexpr std::string_view kPrefix = "bundle-olx:";
constexpr std::string_view kDefinitionFile = "/definition.xml";

}  // namespace

std::string DefinitionLocator::ToString() const {
  std::string out;
  out.reserve(kPrefix.size() + bundle_uuid.size() + block_type.size() + olx_path.size() + 24);
  out.append(kPrefix).append(bundle_uuid).push_back(':');
  if (is_draft()) {
    out.append(draft_name);
  } else {
    out.append(std::to_string(version));
  }
  out.append(":").append(block_type).append(":").append(olx_path);
  return out;
}

// The grammar is keys/'s bundle-olx parser (the reference's exact field rules:
// canonical UUID, version vs draft, ASCII block type, \w OLX path).
Result<DefinitionLocator> DefinitionLocator::Parse(std::string_view text) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::KeyView key,
                           keys::ParseKeyView(text, keys::KeyBase::kDefinitionKey));
  if (key.kind() != keys::KeyKind::kBundleDefinitionLocator) {
    return Status::InvalidArgument("invalid definition locator '" + std::string(text) +
                                   "': expected a bundle-olx: key, not " +
                                   std::string(key.kind_name()));
  }
  DefinitionLocator loc;
  loc.bundle_uuid = std::string(*key.bundle_uuid());
  if (auto v = key.bundle_version()) {
    loc.version = *v;
  } else if (auto draft = key.draft_name()) {
    loc.draft_name = std::string(*draft);
  } else {
    return Status::InvalidArgument("invalid definition locator '" + std::string(text) +
                                   "': version number does not fit in 64 bits");
  }
  loc.block_type = std::string(*key.block_type());
  loc.olx_path = std::string(*key.olx_path());
  return loc;
}

Result<std::string_view> DefinitionLocator::OlxPrefix() const {
  std::string_view path = olx_path;
  if (path.size() <= kDefinitionFile.size() ||
      path.substr(path.size() - kDefinitionFile.size()) != kDefinitionFile) {
    return Status::InvalidArgument("olx path '" + olx_path + "' does not end in /definition.xml");
  }
  return path.substr(0, path.size() - kDefinitionFile.size() + 1);
}

Status DefinitionLocator::AssetDir(std::string* out) const {
  if (!asset_dir.empty()) {
    out->assign(asset_dir);
    return Status::OK();
  }
  BLOCKRT_ASSIGN_OR_RETURN(std::string_view prefix, OlxPrefix());
  out->assign(prefix).append("static/");
  return Status::OK();
}

}  // namespace blockrt::contexts
