#include "contexts/user_state.h"

#include <nlohmann/json.hpp>

#include "base/json_depth.h"

namespace blockrt::contexts {
namespace {

constexpr std::string_view kTable = "user_state";

std::string Key(std::string_view user, std::string_view usage) {
  std::string key(user);
  key.push_back('\n');
  key.append(usage);
  return key;
}

// The stored object of `key`; an empty object when there is none.
Result<nlohmann::json> ReadObject(store::Store& store, const std::string& key) {
  Result<std::string> raw = store.GetRecord(kTable, key);
  if (!raw.ok()) {
    if (raw.status().IsNotFound()) return nlohmann::json::object();
    return raw.status();
  }
  nlohmann::json j = FindJsonTooDeep(*raw) == std::string::npos
                         ? nlohmann::json::parse(*raw, nullptr, false)
                         : nlohmann::json(nlohmann::json::value_t::discarded);
  if (j.is_discarded() || !j.is_object()) {
    return Status::Corruption("learner state of " + key + " is not a JSON object");
  }
  return j;
}

}  // namespace

Result<std::map<std::string, std::string>> ReadUserState(store::Store& store, std::string_view user,
                                                         std::string_view usage) {
  BLOCKRT_ASSIGN_OR_RETURN(nlohmann::json j, ReadObject(store, Key(user, usage)));
  std::map<std::string, std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = it.value().dump();
  return out;
}

Status WriteUserState(store::Store& store, std::string_view user, std::string_view usage,
                      const std::map<std::string, std::string>& fields) {
  std::map<std::string, nlohmann::json> values;
  for (const auto& [field, text] : fields) {
    BLOCKRT_RETURN_IF_ERROR(CheckJsonDepth(text, "learner state value for '" + field + "'"));
    nlohmann::json v = nlohmann::json::parse(text, nullptr, false);
    if (v.is_discarded()) {
      return Status::InvalidArgument("learner state value for '" + field +
                                     "' is not JSON: " + text);
    }
    values[field] = std::move(v);
  }
  const std::string key = Key(user, usage);
  return store.Transact([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(nlohmann::json obj, ReadObject(store, key));
    for (auto& [field, v] : values) obj[field] = std::move(v);
    return store.PutRecord(kTable, key, obj.dump());
  });
}

Status ClearUserState(store::Store& store, std::string_view user, std::string_view usage) {
  Status st = store.DeleteRecord(kTable, Key(user, usage));
  return st.IsNotFound() ? Status::OK() : st;
}

}  // namespace blockrt::contexts
