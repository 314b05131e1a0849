// The JSON form of the contexts' records. Libraries and courses share one
// shape: {"bundle", "title", "allow_public_learning", "roles": {user: role}}.
#include <nlohmann/json.hpp>

#include "contexts/internal/course_table.h"
#include "contexts/internal/library_table.h"

namespace blockrt::contexts::internal {
namespace {

template <typename Info, typename NameOf>
std::string Encode(const Info& info, NameOf role_name) {
  nlohmann::json roles = nlohmann::json::object();
  for (const auto& [user, role] : info.roles) roles[user] = std::string(role_name(role));
  nlohmann::json j = {{"bundle", info.bundle_uuid},
                      {"title", info.title},
                      {"allow_public_learning", info.allow_public_learning},
                      {"roles", roles}};
  // Ids and titles are validated on the way in; replace keeps a bad byte
  // that slipped past from throwing.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

template <typename Info, typename FromName>
Result<Info> Decode(std::string_view what, std::string_view key, std::string_view json,
                    FromName role_from_name) {
  auto bad = [&](std::string_view why) {
    return Status::Corruption(std::string(what) + " record '" + std::string(key) +
                              "': " + std::string(why));
  };
  nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  Info info;
  info.key = std::string(key);
  auto bundle = j.find("bundle");
  if (bundle == j.end() || !bundle->is_string()) return bad("missing bundle");
  info.bundle_uuid = bundle->template get<std::string>();
  if (auto t = j.find("title"); t != j.end() && t->is_string()) {
    info.title = t->template get<std::string>();
  }
  if (auto a = j.find("allow_public_learning"); a != j.end() && a->is_boolean()) {
    info.allow_public_learning = a->template get<bool>();
  }
  if (auto r = j.find("roles"); r != j.end()) {
    if (!r->is_object()) return bad("roles is not an object");
    for (auto it = r->begin(); it != r->end(); ++it) {
      auto role = it->is_string() ? role_from_name(it->template get<std::string>())
                                  : decltype(role_from_name(std::string_view()))();
      if (!role) return bad("bad role for user '" + it.key() + "'");
      info.roles[it.key()] = *role;
    }
  }
  return info;
}

}  // namespace

std::string EncodeLibrary(const LibraryInfo& info) { return Encode(info, &LibraryRoleName); }
Result<LibraryInfo> DecodeLibrary(std::string_view key, std::string_view json) {
  return Decode<LibraryInfo>("library", key, json, &LibraryRoleFromName);
}

std::string EncodeCourse(const CourseInfo& info) { return Encode(info, &CourseRoleName); }
Result<CourseInfo> DecodeCourse(std::string_view key, std::string_view json) {
  return Decode<CourseInfo>("course", key, json, &CourseRoleFromName);
}

}  // namespace blockrt::contexts::internal
