#include "keys/key_json.h"

#include <string>

namespace blockrt::keys {
namespace {

nlohmann::json Str(Field f) {
  if (!f) return nullptr;
  return std::string(*f);
}

nlohmann::json ContextJson(const KeyView& key) {
  Result<KeyView> ctx = key.context_key();
  return ctx.ok() ? DescribeJson(*ctx) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json FieldsJson(const KeyView& k) {
  nlohmann::json f = nlohmann::json::object();
  switch (k.kind()) {
    case KeyKind::kCourseLocator:
      f["org"] = Str(k.org());
      f["course"] = Str(k.course());
      f["run"] = Str(k.run());
      f["branch"] = Str(k.branch());
      f["version_guid"] = Str(k.version_guid());
      break;
    case KeyKind::kLibraryLocator:
      f["org"] = Str(k.org());
      f["library"] = Str(k.course());
      f["branch"] = Str(k.branch());
      f["version_guid"] = Str(k.version_guid());
      break;
    case KeyKind::kLibraryLocatorV2:
      f["org"] = Str(k.org());
      f["slug"] = Str(k.course());
      break;
    case KeyKind::kBlockUsageLocator:
    case KeyKind::kAssetLocator:
    case KeyKind::kDeprecatedLocation:
      f["course_key"] = ContextJson(k);
      f["block_type"] = Str(k.block_type());
      f["block_id"] = Str(k.block_id());
      break;
    case KeyKind::kLibraryUsageLocator:
      f["library_key"] = ContextJson(k);
      f["block_type"] = Str(k.block_type());
      f["block_id"] = Str(k.block_id());
      break;
    case KeyKind::kLibraryUsageLocatorV2:
      f["lib_key"] = ContextJson(k);
      f["block_type"] = Str(k.block_type());
      f["usage_id"] = Str(k.block_id());
      break;
    case KeyKind::kLibraryContainerLocator:
      f["lib_key"] = ContextJson(k);
      f["container_type"] = Str(k.block_type());
      f["container_id"] = Str(k.block_id());
      break;
    case KeyKind::kLibraryCollectionLocator:
      f["lib_key"] = ContextJson(k);
      f["collection_id"] = Str(k.block_id());
      break;
    case KeyKind::kDefinitionLocator:
      f["definition_id"] = Str(k.block_id());
      f["block_type"] = Str(k.block_type());
      break;
    case KeyKind::kBundleDefinitionLocator:
      f["bundle_uuid"] = Str(k.bundle_uuid());
      f["block_type"] = Str(k.block_type());
      f["olx_path"] = Str(k.olx_path());
      if (auto v = k.bundle_version()) {
        f["_version_or_draft"] = *v;
      } else {
        // A draft name, or digits past 64 bits (a Python int there): the text.
        f["_version_or_draft"] = Str(k.slot(KeyView::kBranch));
      }
      break;
    case KeyKind::kBlockTypeKeyV1:
      f["block_family"] = Str(k.block_family());
      f["block_type"] = Str(k.block_type());
      break;
    case KeyKind::kAsideUsageKeyV1:
    case KeyKind::kAsideUsageKeyV2:
      f["usage_key"] = DescribeJson(*k.aside_inner());
      f["aside_type"] = Str(k.aside_type());
      break;
    case KeyKind::kAsideDefinitionKeyV1:
    case KeyKind::kAsideDefinitionKeyV2:
      f["definition_key"] = DescribeJson(*k.aside_inner());
      f["aside_type"] = Str(k.aside_type());
      break;
  }
  return f;
}

nlohmann::json DescribeJson(const KeyView& k) {
  nlohmann::json j;
  j["kind"] = std::string(k.kind_name());
  j["namespace"] = std::string(k.canonical_namespace());
  j["deprecated"] = k.deprecated();
  std::string canonical;
  if (k.AppendCanonical(&canonical)) {
    j["canonical"] = canonical;
    j["fields"] = FieldsJson(k);
  } else {
    j["canonical"] = nullptr;
    j["fields"] = FieldsJson(k);
    j["canonical_error"] = "TypeError: sequence item 2: expected str instance, NoneType found";
  }
  return j;
}

}  // namespace blockrt::keys
