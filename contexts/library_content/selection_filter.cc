#include "contexts/library_content/selection_filter.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "contexts/library_content/lcb_fields.h"
#include "contexts/library_content/library_copies.h"
#include "contexts/library_content/sync.h"
#include "contexts/user_state.h"

namespace blockrt::contexts::library_content {
namespace {

using nlohmann::json;

constexpr size_t kMaxCachedLibraries = 64;

std::string TypeId(std::string_view type, std::string_view id) {
  std::string out(type);
  out.push_back('/');
  out.append(id);
  return out;
}

// The children `stored` names when MakeSelection would keep it as it is
// (every entry a child, none twice, exactly max_count of them or every
// child); nullopt when that is not known cheaply.
std::optional<std::vector<keys::Key>> Unchanged(const std::vector<BlockRef>& stored,
                                                const std::vector<keys::Key>& children,
                                                int64_t max_count) {
  constexpr size_t kMaxScanned = 16;
  if (stored.empty() || stored.size() > kMaxScanned) return std::nullopt;
  const size_t n = max_count < 0 ? children.size() : static_cast<size_t>(max_count);
  if (stored.size() > n || (stored.size() < n && stored.size() < children.size())) {
    return std::nullopt;
  }
  std::vector<size_t> found;
  for (const BlockRef& ref : stored) {
    size_t at = children.size();
    for (size_t i = 0; i < children.size(); ++i) {
      const keys::KeyView& k = children[i].view();
      if (k.block_id().value_or("") == ref.second && k.block_type().value_or("") == ref.first) {
        at = i;
        break;
      }
    }
    if (at == children.size() || std::find(found.begin(), found.end(), at) != found.end()) {
      return std::nullopt;
    }
    found.push_back(at);
  }
  std::vector<keys::Key> out;
  out.reserve(found.size());
  for (size_t i : found) out.push_back(children[i]);
  return out;
}

}  // namespace

std::vector<BlockRef> StoredSelection(const std::map<std::string, std::string>& state) {
  std::vector<BlockRef> out;
  auto it = state.find(kSelectedField);
  if (it == state.end()) return out;
  json j = json::parse(it->second, nullptr, false);
  if (!j.is_array()) return out;
  for (const json& e : j) {
    if (e.is_array() && e.size() == 2 && e[0].is_string() && e[1].is_string()) {
      out.emplace_back(e[0].get<std::string>(), e[1].get<std::string>());
    }
  }
  return out;
}

int64_t StoredResets(const std::map<std::string, std::string>& state) {
  auto it = state.find(kResetsField);
  if (it == state.end()) return 0;
  json j = json::parse(it->second, nullptr, false);
  return j.is_number_integer() ? j.get<int64_t>() : 0;
}

std::string SelectionJson(const std::vector<BlockRef>& selected) {
  json out = json::array();
  for (const auto& [type, id] : selected) out.push_back({type, id});
  return out.dump();
}

SelectionFilter::SelectionFilter(store::Store* store, LibrarySource libraries,
                                 RandomSourceFactory random)
    : store_(store), libraries_(libraries), random_(std::move(random)) {}

std::shared_ptr<const std::unordered_map<std::string, std::string>> SelectionFilter::Originals(
    std::string_view lcb, const std::string& library, const std::string& version) const {
  std::string key(lcb);
  key.append("\n").append(library).append("\n").append(version);
  {
    std::lock_guard lock(mu_);
    auto it = originals_.find(key);
    if (it != originals_.end()) return it->second;
  }
  auto out = std::make_shared<std::unordered_map<std::string, std::string>>();
  std::optional<int64_t> v = ParseLibraryVersion(version);
  Result<keys::Key> parent = keys::Key::Parse(lcb);
  if (!library.empty() && v && parent.ok()) {
    Result<LibrarySnapshot> snap = libraries_.ReadLibrary(library, *v);
    if (snap.ok()) {
      Result<std::unordered_map<std::string, LinkedBlock>> linked =
          LinkedIds(parent->view(), *snap);
      if (linked.ok()) {
        for (const auto& [id, block] : *linked) (*out)[id] = block.block->usage_key;
      }
    }
  }
  std::lock_guard lock(mu_);
  if (originals_.size() >= kMaxCachedLibraries) originals_.clear();
  originals_[key] = out;
  return out;
}

Result<std::vector<keys::Key>> SelectionFilter::Filter(const ChildrenRequest& request,
                                                       std::vector<TrackingEvent>* events) const {
  const LcbFields fields = FieldsOf(request.definition);
  const bool persisted = !request.user.is_anonymous();
  std::map<std::string, std::string> state;
  if (persisted) {
    BLOCKRT_ASSIGN_OR_RETURN(state, ReadUserState(*store_, request.user.id, request.usage));
  }
  const std::vector<BlockRef> stored = StoredSelection(state);
  // A re-view of a small selection: its entries found among the children
  // without building sets over a bank of thousands; the same outcome as
  // MakeSelection's "nothing changed".
  if (std::optional<std::vector<keys::Key>> same =
          Unchanged(stored, request.children, fields.max_count)) {
    return std::move(*same);
  }
  std::vector<BlockRef> children;
  children.reserve(request.children.size());
  for (const keys::Key& k : request.children) {
    children.emplace_back(std::string(k.view().block_type().value_or("")),
                          std::string(k.view().block_id().value_or("")));
  }
  std::unique_ptr<RandomSource> random =
      random_(request.user.id, request.usage, StoredResets(state));
  Selection s = MakeSelection(stored, children, fields.max_count, *random);

  if (persisted && s.changed()) {
    BLOCKRT_RETURN_IF_ERROR(WriteUserState(*store_, request.user.id, request.usage,
                                           {{kSelectedField, SelectionJson(s.selected)}}));
    // The reference's payloads: entries name the copy, the library block it
    // copies (when the library still has it at the pinned version) and its
    // descendants, flat.
    auto originals = Originals(request.usage, fields.library_id, fields.version);
    Result<keys::Key> lcb = keys::Key::Parse(request.usage);
    Result<keys::KeyView> course =
        lcb.ok() ? lcb->view().context_key() : Result<keys::KeyView>(lcb.status());
    auto summarize = [&](const std::string& usage, std::string_view type_id) {
      auto it = originals->find(std::string(type_id));
      json j = {{"usage_key", usage},
                {"original_usage_key", nullptr},
                {"original_usage_version", nullptr}};
      if (it != originals->end()) {
        j["original_usage_key"] = it->second;
        j["original_usage_version"] = fields.version;
      }
      return j;
    };
    auto entries = [&](const std::vector<BlockRef>& refs) {
      json out = json::array();
      for (const auto& [type, id] : refs) {
        std::string usage = TypeId(type, id);
        if (course.ok()) {
          Result<keys::Key> k = keys::MakeUsageKey(*course, type, id);
          if (k.ok()) usage = k->text();
        }
        json info = summarize(usage, TypeId(type, id));
        json descendants = json::array();
        if (request.descendants) {
          for (const std::string& d : request.descendants(usage)) {
            Result<keys::Key> dk = keys::Key::Parse(d);
            std::string tid = dk.ok() ? TypeId(dk->view().block_type().value_or(""),
                                               dk->view().block_id().value_or(""))
                                      : d;
            descendants.push_back(summarize(d, tid));
          }
        }
        info["descendants"] = std::move(descendants);
        out.push_back(std::move(info));
      }
      return out;
    };
    const json result = entries(s.selected);
    size_t previous = stored.size();
    auto publish = [&](const char* name, json extra) {
      json data = {{"location", std::string(request.usage)},
                   {"result", result},
                   {"previous_count", previous},
                   {"max_count", fields.max_count}};
      data.update(extra);
      events->push_back(TrackingEvent{std::string(kEventPrefix) + name, std::string(request.usage),
                                      data.dump(-1, ' ', false, json::error_handler_t::replace)});
      previous = s.selected.size();
    };
    if (!s.invalid.empty())
      publish("removed", {{"removed", entries(s.invalid)}, {"reason", "invalid"}});
    if (!s.overlimit.empty()) {
      publish("removed", {{"removed", entries(s.overlimit)}, {"reason", "overlimit"}});
    }
    if (!s.added.empty()) publish("assigned", {{"added", entries(s.added)}});
  }

  // The selected children, in the selection's order (a stored entry twice
  // shows once per entry, as the reference's list does).
  std::unordered_map<std::string, const keys::Key*> by_ref;
  for (size_t i = 0; i < request.children.size(); ++i) {
    by_ref.emplace(TypeId(children[i].first, children[i].second), &request.children[i]);
  }
  std::vector<keys::Key> out;
  out.reserve(s.selected.size());
  for (const auto& [type, id] : s.selected) {
    auto it = by_ref.find(TypeId(type, id));
    if (it != by_ref.end()) out.push_back(*it->second);
  }
  return out;
}

}  // namespace blockrt::contexts::library_content
