#include "contexts/internal/course_blocks.h"

#include <algorithm>

#include "contexts/snapshot_files.h"
#include "olx/course/field_resolution.h"

namespace blockrt::contexts {

CourseView::CourseView() = default;
CourseView::~CourseView() = default;

namespace internal {
namespace {

// The definition the runtime sees for course.blocks[index]: the block's own
// attributes and fields, plus the settings it resolves from its ancestors and
// library defaults (olx/course/field_resolution.h, the one home of that rule).
// default-FIELD attributes are where library defaults come from, not
// settings of their own, so they are left out of the attributes.
Result<olx::Definition> BuildDefinition(const CourseView& view, uint32_t index,
                                        std::shared_ptr<const std::vector<FieldOrigin>>* origins) {
  const olx::Course& course = view.course;
  const olx::CourseBlock& block = course.blocks[index];
  const olx::CourseDefinition& cd = block.definition;
  olx::Definition def;
  def.path = std::string(block.file);
  def.block_type = std::string(cd.block_type);
  def.known_type = cd.known_type;
  def.attributes.reserve(cd.attributes.size());
  for (const olx::CourseAttribute& a : cd.attributes) {
    if (a.name.substr(0, 8) == "default-") continue;
    def.attributes.push_back(olx::Attribute{std::string(a.name), std::string(a.value)});
  }
  std::vector<olx::ResolvedField> resolved = olx::ResolveFields(course, index);
  def.fields.reserve(resolved.size());
  std::vector<FieldOrigin> from_elsewhere;
  std::string body;
  if (block.body_deferred) {
    BLOCKRT_ASSIGN_OR_RETURN(body, olx::ReadDeferredHtmlBody(*view.files, block));
  }
  for (const olx::ResolvedField& f : resolved) {
    def.fields.push_back(olx::FieldValue{std::string(f.name), std::string(f.value), f.scope});
    if (block.body_deferred && f.name == "data") def.fields.back().value = std::move(body);
    if (f.source != olx::FieldSource::kOverride) {
      from_elsewhere.push_back(FieldOrigin{std::string(f.name), olx::FieldSourceName(f.source)});
    }
  }
  def.body = std::string(cd.body);
  if (!from_elsewhere.empty()) {
    *origins = std::make_shared<const std::vector<FieldOrigin>>(std::move(from_elsewhere));
  }
  return def;
}

std::shared_ptr<const std::optional<keys::Key>> ParentKeyOf(const olx::Course& course,
                                                            const olx::CourseBlock& block) {
  if (block.parent < 0) return nullptr;
  Result<keys::Key> key =
      keys::Key::Parse(course.blocks[static_cast<size_t>(block.parent)].usage_key);
  if (!key.ok()) return nullptr;
  return std::make_shared<const std::optional<keys::Key>>(std::move(*key));
}

void Fill(const CourseView& view, uint32_t index, CourseBlockSlot* slot) {
  const olx::Course& course = view.course;
  const olx::CourseBlock& block = course.blocks[index];
  auto locator = std::make_shared<DefinitionLocator>();
  locator->bundle_uuid = view.snapshot->bundle_uuid;
  locator->version = static_cast<uint64_t>(view.snapshot->version);
  locator->draft_name = view.snapshot->draft;
  locator->block_type = std::string(block.definition.block_type);
  locator->olx_path = std::string(block.file);
  locator->asset_dir = "static/";
  slot->locator = std::move(locator);
  Result<olx::Definition> def = BuildDefinition(view, index, &slot->origins);
  if (!def.ok()) {
    slot->status = def.status();
    return;
  }
  slot->definition = std::make_shared<const olx::Definition>(std::move(*def));
  slot->children.reserve(block.children.size());
  for (uint32_t child : block.children) {
    Result<keys::Key> key = keys::Key::Parse(course.blocks[child].usage_key);
    if (key.ok()) slot->children.push_back(std::move(*key));
  }
  slot->parent = ParentKeyOf(course, block);
}

}  // namespace

Result<std::shared_ptr<const CourseView>> BuildCourseView(
    store::Store* store, std::shared_ptr<const CourseInfo> info,
    std::shared_ptr<const BundleSnapshot> snap, std::string_view draft, olx::Course::Kind kind) {
  auto view = std::make_shared<CourseView>();
  view->info = std::move(info);
  view->snapshot = std::move(snap);
  if (!view->snapshot->files.empty()) {
    std::string label =
        view->info->key + "@" +
        (draft.empty() ? "v" + std::to_string(view->snapshot->version) : std::string(draft)) + "/";
    view->files = SnapshotFileSource(store, view->snapshot, std::move(label));
    olx::CourseLoadOptions options;
    options.defer_html_bodies = true;
    Result<olx::Course> course = olx::LoadCourse(*view->files, options);
    const std::string noun(ExportKindNoun(kind));
    if (!course.ok()) {
      if (course.status().IsNotFound()) {
        return Status::FailedPrecondition(noun + " " + view->info->key +
                                          " holds no usable export: " + course.status().message());
      }
      return course.status();
    }
    if (course->kind != kind) {
      // A course bundle holding a library.xml export (or the reverse) would
      // serve keys of another context.
      return Status::FailedPrecondition(noun + " " + view->info->key + " holds a " +
                                        std::string(ExportKindNoun(course->kind)) +
                                        " export, not a " + noun + " export");
    }
    view->course = std::move(*course);
  }
  const olx::Course& course = view->course;
  view->by_usage.reserve(course.blocks.size());
  for (size_t i = 0; i < course.blocks.size(); ++i) {
    const olx::CourseBlock& b = course.blocks[i];
    // drafts/ holds units an old Studio had not published: not part of the
    // course tree any mode shows.
    if (b.usage_key.empty() || b.draft) continue;
    view->by_usage.emplace(b.usage_key, static_cast<uint32_t>(i));
  }
  // Split (the LMS) names every course root block@course; exports name it
  // after the run. Both resolve to the root.
  if (course.blocks.size() > 0 && course.blocks[0].definition.block_type == "course") {
    const std::string_view root = course.blocks[0].usage_key;
    const size_t at = root.rfind("+block@");
    if (at != std::string_view::npos && root.substr(at) != "+block@course") {
      view->root_alias = std::string(root.substr(0, at)) + "+block@course";
      view->by_usage.emplace(view->root_alias, 0);
    }
  }
  view->slots = std::make_unique<CourseBlockSlots>(course.blocks.size());
  return std::shared_ptr<const CourseView>(std::move(view));
}

Result<UsageLoad> LoadCourseBlock(const std::shared_ptr<const CourseView>& view, uint32_t index,
                                  bool want_parent) {
  CourseBlockSlot& slot = view->slots->slots[index];
  std::call_once(slot.once, [&] { Fill(*view, index, &slot); });
  if (!slot.status.ok()) return slot.status;
  UsageLoad load;
  load.definition = slot.locator;
  load.olx = slot.definition;
  load.snapshot = view->snapshot;
  load.children = slot.children;
  if (want_parent) load.parent = slot.parent;
  load.origins = slot.origins;
  return load;
}

}  // namespace internal
}  // namespace blockrt::contexts
