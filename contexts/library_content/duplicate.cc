#include "contexts/library_content/duplicate.h"

#include <random>
#include <unordered_map>
#include <unordered_set>

#include "contexts/library_content/lcb_fields.h"
#include "contexts/library_content/library_copies.h"
#include "keys/derive.h"
#include "olx/course/library_copy_edit.h"

namespace blockrt::contexts::library_content {
namespace {

constexpr char kUnlinkedSuffix[] = "_unlinked_copy";

std::string TypeId(std::string_view type, std::string_view id) {
  std::string out(type);
  out.push_back('/');
  out.append(id);
  return out;
}

struct Mapped {
  DuplicateReport report;
  std::unordered_map<uint32_t, std::string> ids;  // course block index -> the copy's id
};

class Mapper {
 public:
  Mapper(const olx::Course& course, const keys::KeyView& course_key,
         const std::unordered_map<std::string, LinkedBlock>& linked, Mapped* out)
      : course_(course), course_key_(course_key), linked_(linked), out_(out) {
    for (const olx::CourseBlock& b : course.blocks) {
      taken_.insert(TypeId(b.definition.block_type, b.url_name));
    }
  }

  // The child `index` of a block whose source is `parent_id` ("TYPE/ID"; ""
  // for the library_content block) and whose copy is `copy_parent`.
  Status Visit(uint32_t index, const std::string& parent_id, const keys::KeyView& copy_parent,
               uint32_t depth) {
    const olx::CourseBlock& b = course_.blocks[index];
    const std::string id = TypeId(b.definition.block_type, b.url_name);
    ChildMapping m;
    m.from = std::string(b.usage_key);
    m.depth = depth;
    // Arbitrary, as the seed says; made unique when an earlier copy of the
    // same block holds it.
    std::string new_id = std::string(b.url_name) + kUnlinkedSuffix;
    if (taken_.count(TypeId(b.definition.block_type, new_id)) != 0) {
      new_id += "_" + std::string(copy_parent.block_id().value_or(""));
    }
    auto it = linked_.find(id);
    if (it != linked_.end() && it->second.parent_id == parent_id) {
      BLOCKRT_ASSIGN_OR_RETURN(keys::Key source, DeriveSourceKey(*it->second.block));
      BLOCKRT_ASSIGN_OR_RETURN(keys::Key derived, keys::DeriveUsageKey(source.view(), copy_parent));
      new_id = std::string(derived.view().block_id().value_or(""));
      m.library_key = it->second.block->usage_key;
    }
    BLOCKRT_ASSIGN_OR_RETURN(keys::Key to,
                             keys::MakeUsageKey(course_key_, b.definition.block_type, new_id));
    m.to = to.text();
    out_->ids[index] = new_id;
    out_->report.children.push_back(std::move(m));
    for (uint32_t child : b.children) {
      BLOCKRT_RETURN_IF_ERROR(Visit(child, id, to.view(), depth + 1));
    }
    return Status::OK();
  }

 private:
  const olx::Course& course_;
  const keys::KeyView& course_key_;
  const std::unordered_map<std::string, LinkedBlock>& linked_;
  Mapped* out_;
  std::unordered_set<std::string> taken_;  // TYPE/ID of every block of the course
};

Result<Mapped> Map(const CourseView& view, uint32_t index, const keys::KeyView& lcb,
                   std::string_view dest_id, const LibrarySource& libraries, const User& reader) {
  const olx::CourseBlock& block = view.course.blocks[index];
  BLOCKRT_RETURN_IF_ERROR(CheckLibraryContent(block));
  const LcbFields fields = FieldsOf(block);
  BLOCKRT_ASSIGN_OR_RETURN(keys::KeyView course_key, lcb.context_key());
  BLOCKRT_ASSIGN_OR_RETURN(keys::Key dest,
                           keys::MakeUsageKey(course_key, kLibraryContentType, dest_id));
  // The library's latest version links the children (the seed's
  // get_library_block_usage_keys); a library that is gone links none.
  std::optional<LibrarySnapshot> latest;
  std::unordered_map<std::string, LinkedBlock> linked;
  if (!fields.library_id.empty()) {
    Result<LibrarySnapshot> snap = libraries.ReadLibrary(fields.library_id, std::nullopt, reader);
    if (snap.ok()) {
      latest = std::move(*snap);
      BLOCKRT_ASSIGN_OR_RETURN(linked, LinkedIds(lcb, *latest));
    } else if (snap.status().code() == Status::Code::kPermissionDenied) {
      return snap.status();
    }
  }
  Mapped out;
  out.report.source = lcb.ToString();
  out.report.copy = dest.text();
  out.report.library_version = latest ? latest->version : 0;
  out.ids[index] = std::string(dest_id);
  Mapper mapper(view.course, course_key, linked, &out);
  for (uint32_t child : block.children) {
    BLOCKRT_RETURN_IF_ERROR(mapper.Visit(child, "", dest.view(), 0));
  }
  return out;
}

}  // namespace

std::string RandomBlockId() {
  std::random_device device;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 4; ++i) {
    uint32_t v = device();
    for (int j = 0; j < 8; ++j, v >>= 4) out.push_back(kHex[v & 15]);
  }
  return out;
}

Result<DuplicateReport> MapLibraryContentChildren(CourseAuthoring& authoring,
                                                  const LibrarySource& libraries,
                                                  const keys::KeyView& lcb,
                                                  std::string_view dest_id) {
  std::optional<DuplicateReport> report;
  // Read inside the edit path (same checks, current draft), writing nothing.
  BLOCKRT_RETURN_IF_ERROR(authoring.ApplyDraftEdit(
      lcb, "map the children of",
      [&](const CourseView& view, const olx::FileSource&,
          uint32_t index) -> Result<std::vector<olx::FileChange>> {
        BLOCKRT_ASSIGN_OR_RETURN(Mapped m,
                                 Map(view, index, lcb, dest_id, libraries, authoring.actor()));
        report = std::move(m.report);
        return std::vector<olx::FileChange>{};
      }));
  return std::move(*report);
}

Result<DuplicateReport> DuplicateLibraryContent(CourseAuthoring& authoring,
                                                const LibrarySource& libraries,
                                                const keys::KeyView& lcb,
                                                std::optional<std::string> as_id) {
  const std::string dest_id = as_id ? *as_id : RandomBlockId();
  std::optional<DuplicateReport> report;
  BLOCKRT_RETURN_IF_ERROR(authoring.ApplyDraftEdit(
      lcb, "duplicate blocks of",
      [&](const CourseView& view, const olx::FileSource& files,
          uint32_t index) -> Result<std::vector<olx::FileChange>> {
        BLOCKRT_ASSIGN_OR_RETURN(Mapped m,
                                 Map(view, index, lcb, dest_id, libraries, authoring.actor()));
        const olx::CourseBlock& block = view.course.blocks[index];
        if (block.parent < 0) {
          return Status::FailedPrecondition(lcb.ToString() + " has no parent to hold its copy");
        }
        BLOCKRT_ASSIGN_OR_RETURN(olx::LibraryCopy copy,
                                 olx::CopyOfBlock(view.course, files, index, [&](uint32_t i) {
                                   return m.ids.count(i) ? m.ids.at(i) : "";
                                 }));
        BLOCKRT_ASSIGN_OR_RETURN(
            olx::CopyEdit edit,
            olx::AddLibraryCopy(view.course, files, static_cast<uint32_t>(block.parent), index,
                                copy));
        for (const olx::FileChange& c : edit.changes) {
          m.report.files.push_back((c.remove ? "-" : "") + c.path);
        }
        report = std::move(m.report);
        return std::move(edit.changes);
      }));
  return std::move(*report);
}

}  // namespace blockrt::contexts::library_content
