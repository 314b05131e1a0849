#include "contexts/internal/library_table.h"

#include <mutex>
#include <nlohmann/json.hpp>

namespace blockrt::contexts {

std::string_view LibraryRoleName(LibraryRole role) {
  switch (role) {
    case LibraryRole::kNone:
      return "none";
    case LibraryRole::kLearner:
      return "learner";
    case LibraryRole::kAuthor:
      return "author";
    case LibraryRole::kAdmin:
      return "admin";
  }
  return "none";
}

std::optional<LibraryRole> LibraryRoleFromName(std::string_view name) {
  for (LibraryRole r :
       {LibraryRole::kNone, LibraryRole::kLearner, LibraryRole::kAuthor, LibraryRole::kAdmin}) {
    if (LibraryRoleName(r) == name) return r;
  }
  return std::nullopt;
}

LibraryRole LibraryInfo::RoleOf(std::string_view user_id) const {
  if (user_id.empty()) return LibraryRole::kNone;
  auto it = roles.find(std::string(user_id));
  return it == roles.end() ? LibraryRole::kNone : it->second;
}

namespace internal {

std::string EncodeLibrary(const LibraryInfo& info) {
  nlohmann::json roles = nlohmann::json::object();
  for (const auto& [user, role] : info.roles) roles[user] = std::string(LibraryRoleName(role));
  nlohmann::json j = {{"bundle", info.bundle_uuid},
                      {"title", info.title},
                      {"allow_public_learning", info.allow_public_learning},
                      {"roles", roles}};
  // Ids and titles are validated on the way in; replace keeps a bad byte
  // that slipped past from throwing.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<LibraryInfo> DecodeLibrary(std::string_view key, std::string_view json) {
  auto bad = [&](std::string_view why) {
    return Status::Corruption("library record '" + std::string(key) + "': " + std::string(why));
  };
  nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  LibraryInfo info;
  info.key = std::string(key);
  auto bundle = j.find("bundle");
  if (bundle == j.end() || !bundle->is_string()) return bad("missing bundle");
  info.bundle_uuid = bundle->get<std::string>();
  if (auto t = j.find("title"); t != j.end() && t->is_string()) info.title = t->get<std::string>();
  if (auto a = j.find("allow_public_learning"); a != j.end() && a->is_boolean()) {
    info.allow_public_learning = a->get<bool>();
  }
  if (auto r = j.find("roles"); r != j.end()) {
    if (!r->is_object()) return bad("roles is not an object");
    for (auto it = r->begin(); it != r->end(); ++it) {
      std::optional<LibraryRole> role =
          it->is_string() ? LibraryRoleFromName(it->get<std::string>()) : std::nullopt;
      if (!role) return bad("bad role for user '" + it.key() + "'");
      info.roles[it.key()] = *role;
    }
  }
  return info;
}

Result<std::shared_ptr<const LibraryInfo>> LibraryTable::Get(std::string_view key) const {
  // A record read while a Forget() ran may predate the write: it is returned
  // (the read raced the write) but not cached.
  const uint64_t generation = generation_.load(std::memory_order_acquire);
  {
    std::shared_lock lock(mu_);
    // C++17 unordered_map has no heterogeneous find; reuse a thread buffer.
    thread_local std::string probe;
    probe.assign(key.data(), key.size());
    auto it = cache_.find(probe);
    if (it != cache_.end()) return it->second;
  }
  BLOCKRT_ASSIGN_OR_RETURN(LibraryInfo info, ReadStored(key));
  auto shared = std::make_shared<const LibraryInfo>(std::move(info));
  std::unique_lock lock(mu_);
  if (generation_.load(std::memory_order_relaxed) == generation) cache_[std::string(key)] = shared;
  return shared;
}

Result<LibraryInfo> LibraryTable::ReadStored(std::string_view key) const {
  Result<std::string> raw = store_->GetRecord(kLibraryTable, key);
  if (!raw.ok()) {
    if (raw.status().IsNotFound()) {
      return Status::NotFound("content library '" + std::string(key) + "' does not exist");
    }
    return raw.status();
  }
  return DecodeLibrary(key, *raw);
}

Status LibraryTable::Put(const LibraryInfo& info) {
  BLOCKRT_RETURN_IF_ERROR(store_->PutRecord(kLibraryTable, info.key, EncodeLibrary(info)));
  Forget(info.key);
  return Status::OK();
}

Status LibraryTable::Update(std::string_view key,
                            const std::function<Status(LibraryInfo*)>& change) {
  Status st = store_->Transact([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(LibraryInfo info, ReadStored(key));
    BLOCKRT_RETURN_IF_ERROR(change(&info));
    return store_->PutRecord(kLibraryTable, key, EncodeLibrary(info));
  });
  Forget(key);
  return st;
}

Status LibraryTable::Remove(std::string_view key) {
  Status st = store_->DeleteRecord(kLibraryTable, key);
  Forget(key);
  if (st.IsNotFound()) {
    return Status::NotFound("content library '" + std::string(key) + "' does not exist");
  }
  return st;
}

Result<std::vector<LibraryInfo>> LibraryTable::List() const {
  BLOCKRT_ASSIGN_OR_RETURN(std::vector<store::Record> records, store_->ListRecords(kLibraryTable));
  std::vector<LibraryInfo> out;
  out.reserve(records.size());
  for (const store::Record& r : records) {
    BLOCKRT_ASSIGN_OR_RETURN(LibraryInfo info, DecodeLibrary(r.key, r.value));
    out.push_back(std::move(info));
  }
  return out;
}

void LibraryTable::Forget(std::string_view key) {
  std::unique_lock lock(mu_);
  cache_.erase(std::string(key));
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace internal
}  // namespace blockrt::contexts
