#include "contexts/library_content/library_copies.h"

#include "contexts/library_content/capa_types.h"
#include "keys/derive.h"

namespace blockrt::contexts::library_content {
namespace {

std::string TypeId(std::string_view type, std::string_view id) {
  std::string out(type);
  out.push_back('/');
  out.append(id);
  return out;
}

// Copies of `blocks` under the block `parent` (its key as the copies'
// parent), recursively; `filter` applies at the top only.
Status CopyLevel(const std::vector<LibraryBlock>& blocks, const keys::KeyView& parent,
                 std::string_view capa_type, std::vector<olx::LibraryCopy>* out) {
  std::unordered_map<std::string, size_t> seen;
  for (const LibraryBlock& block : blocks) {
    BLOCKRT_ASSIGN_OR_RETURN(olx::LibraryCopy copy,
                             olx::LibraryCopyFromOlx(block.block_type, block.block_id, block.olx));
    if (!PassesCapaFilter(capa_type, block.block_type, copy.body)) continue;
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key source, DeriveSourceKey(block));
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key derived, keys::DeriveUsageKey(source.view(), parent));
    copy.id = std::string(derived.view().block_id().value_or(""));
    if (!seen.emplace(TypeId(copy.type, copy.id), 0).second) {
      return Status::InvalidArgument(block.usage_key +
                                     ": One or more library component IDs is a duplicate.");
    }
    BLOCKRT_RETURN_IF_ERROR(CopyLevel(block.children, derived.view(), "any", &copy.children));
    out->push_back(std::move(copy));
  }
  return Status::OK();
}

Status LinkLevel(const std::vector<LibraryBlock>& blocks, const keys::KeyView& parent,
                 const std::string& parent_id, std::unordered_map<std::string, LinkedBlock>* out) {
  for (const LibraryBlock& block : blocks) {
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key source, DeriveSourceKey(block));
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key derived, keys::DeriveUsageKey(source.view(), parent));
    std::string id = TypeId(block.block_type, derived.view().block_id().value_or(""));
    out->emplace(id, LinkedBlock{&block, parent_id});
    BLOCKRT_RETURN_IF_ERROR(LinkLevel(block.children, derived.view(), id, out));
  }
  return Status::OK();
}

}  // namespace

Result<keys::Key> DeriveSourceKey(const LibraryBlock& block) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key key,
                           keys::Key::Parse(block.usage_key, keys::KeyBase::kUsageKey));
  const keys::KeyView& k = key.view();
  if (k.kind() != keys::KeyKind::kLibraryUsageLocator || k.branch()) return key;
  BLOCKRT_ASSIGN_OR_RETURN(keys::KeyView context, k.context_key());
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key branch,
                           keys::Key::Parse(context.ToString() + "+branch@library"));
  return keys::MakeUsageKey(branch.view(), k.block_type().value_or(""), k.block_id().value_or(""));
}

Result<std::vector<olx::LibraryCopy>> CopiesFor(const keys::KeyView& lcb,
                                                const LibrarySnapshot& library,
                                                std::string_view capa_type) {
  std::vector<olx::LibraryCopy> out;
  BLOCKRT_RETURN_IF_ERROR(CopyLevel(library.blocks, lcb, capa_type, &out));
  return out;
}

Result<std::unordered_map<std::string, LinkedBlock>> LinkedIds(const keys::KeyView& parent,
                                                               const LibrarySnapshot& library) {
  std::unordered_map<std::string, LinkedBlock> out;
  BLOCKRT_RETURN_IF_ERROR(LinkLevel(library.blocks, parent, "", &out));
  return out;
}

}  // namespace blockrt::contexts::library_content
