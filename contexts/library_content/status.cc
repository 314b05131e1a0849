#include "contexts/library_content/status.h"

#include "contexts/library_content/lcb_fields.h"
#include "contexts/library_content/library_copies.h"
#include "contexts/library_content/sync.h"

namespace blockrt::contexts::library_content {
namespace {

std::string TypeId(std::string_view type, std::string_view id) {
  std::string out(type);
  out.push_back('/');
  out.append(id);
  return out;
}

std::string Plural(size_t n, const char* one, const char* many) { return n == 1 ? one : many; }

}  // namespace

Result<LcbStatus> LibraryContentStatus(const CourseAuthoring& authoring,
                                       const LibrarySource& libraries, const keys::KeyView& lcb) {
  BLOCKRT_ASSIGN_OR_RETURN(keys::KeyView course, lcb.context_key());
  BLOCKRT_ASSIGN_OR_RETURN(auto view, authoring.Tree(course.ToString()));
  const std::string key = lcb.ToString();
  const olx::CourseBlock* block = view->Find(key);
  if (block == nullptr) {
    return Status::NotFound("block " + key + " is not in the draft of " + view->info->key);
  }
  BLOCKRT_RETURN_IF_ERROR(CheckLibraryContent(*block));
  const LcbFields fields = FieldsOf(*block);
  LcbStatus out;
  out.usage_key = key;
  out.library_id = fields.library_id;
  out.version = fields.version;
  out.max_count = fields.max_count;
  out.capa_type = fields.capa_type;
  out.children = block->children.size();
  auto add = [&](const char* level, const char* id, std::string text) {
    out.messages.push_back(StatusMessage{level, id, std::move(text)});
  };

  if (fields.library_id.empty()) {
    add("not_configured", "no_library", "A library has not yet been selected.");
    return out;
  }
  Result<int64_t> latest = libraries.LatestVersion(fields.library_id);
  if (!latest.ok() && latest.status().code() == Status::Code::kPermissionDenied) {
    return latest.status();
  }
  if (!latest.ok() || *latest <= 0) {
    add("error", "library_missing", "Library is invalid, corrupt, or has been deleted.");
  } else {
    out.latest_version = *latest;
    std::optional<int64_t> pinned = ParseLibraryVersion(fields.version);
    if (!pinned || *pinned != *latest) {
      add("warning", "out_of_date", "This component is out of date. The library has new content.");
    }
    if (!fields.version.empty() && (!pinned || *pinned > *latest)) {
      add("warning", "unknown_version",
          "source_library_version '" + fields.version + "' is not a version of " +
              fields.library_id +
              " in this store (kept as written; sync with --latest or "
              "--version N)");
    }
  }
  if (out.children == 0) {
    add("warning", "no_matching",
        "There are no problems in the specified library of type " + fields.capa_type + ".");
  } else if (fields.max_count >= 0 && out.children < static_cast<size_t>(fields.max_count)) {
    const size_t count = static_cast<size_t>(fields.max_count);
    add("warning", "fewer_matching",
        "The specified library is configured to fetch " + std::to_string(count) +
            Plural(count, " problem, ", " problems, ") +
            Plural(out.children, "but there is only ", "but there are only ") +
            std::to_string(out.children) +
            Plural(out.children, " matching problem.", " matching problems."));
  }

  // Ours: links to the library (pinned version when the store has it, else
  // the latest), and library defaults.
  std::optional<LibrarySnapshot> snap;
  if (out.latest_version > 0) {
    std::optional<int64_t> pinned = ParseLibraryVersion(fields.version);
    Result<LibrarySnapshot> read = Status::NotFound("");
    if (pinned && *pinned <= out.latest_version) {
      read = libraries.ReadLibrary(fields.library_id, *pinned, authoring.actor());
    }
    if (!read.ok())
      read = libraries.ReadLibrary(fields.library_id, std::nullopt, authoring.actor());
    if (!read.ok() && read.status().code() == Status::Code::kPermissionDenied) {
      return read.status();
    }
    if (read.ok()) snap = std::move(*read);
  }
  std::unordered_map<std::string, LinkedBlock> linked;
  if (snap) {
    out.checked_version = snap->version;
    BLOCKRT_ASSIGN_OR_RETURN(linked, LinkedIds(lcb, *snap));
  }
  const olx::Course& c = view->course;
  for (uint32_t child : block->children) {
    const olx::CourseBlock& b = c.blocks[child];
    std::string child_key(b.usage_key);
    // Without a readable library any child lacking defaults shows class
    // defaults; with one, only linked children whose library block has
    // settings should hold defaults.
    bool expects_defaults = !snap;
    if (snap) {
      auto it = linked.find(TypeId(b.definition.block_type, b.url_name));
      if (it == linked.end() || !it->second.parent_id.empty()) {
        out.not_linked.push_back(child_key);
      } else {
        for (const olx::Attribute& a : it->second.block->settings) {
          expects_defaults = expects_defaults ||
                             olx::ClassifyLibraryAttribute(it->second.block->block_type, a.name) ==
                                 olx::LibraryAttributeKind::kSetting;
        }
      }
    }
    bool has_default = false;
    for (const olx::CourseAttribute& a : b.definition.attributes) {
      has_default = has_default || a.name.substr(0, 8) == "default-";
    }
    if (expects_defaults && !has_default) out.defaults_missing.push_back(child_key);
  }
  if (!out.defaults_missing.empty()) {
    const size_t n = out.defaults_missing.size();
    add("warning", "defaults_missing",
        std::to_string(n) + Plural(n, " child holds", " children hold") +
            " no library defaults (default-FIELD): where the course sets nothing " +
            Plural(n, "it shows", "they show") +
            " class defaults (an export from before defaults were kept)");
  }
  if (!out.not_linked.empty()) {
    const size_t n = out.not_linked.size();
    add("warning", "not_linked",
        std::to_string(n) + Plural(n, " child is", " children are") +
            " not linked to the library: no block of " + fields.library_id + " version " +
            std::to_string(out.checked_version) + " derives to " +
            Plural(n, "its id", "their ids") + " (an upgrade removes " + Plural(n, "it", "them") +
            ")");
  }
  return out;
}

}  // namespace blockrt::contexts::library_content
