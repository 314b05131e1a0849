#include "runtime/signing_secrets.h"

#include <openssl/rand.h>

#include <nlohmann/json.hpp>

#include "store/digest.h"

namespace blockrt::runtime {
namespace {

constexpr size_t kSecretBytes = 32;

Result<SigningSecrets> Decode(const std::string& raw) {
  nlohmann::json j = nlohmann::json::parse(raw, nullptr, false);
  SigningSecrets out;
  auto read = [&](const char* name, std::vector<std::string>* keys) {
    if (!j.is_object() || !j.contains(name) || !j[name].is_array()) return false;
    for (const auto& k : j[name]) {
      if (!k.is_string() || k.get<std::string>().size() < 2 * kSecretBytes) return false;
      keys->push_back(k.get<std::string>());
    }
    return !keys->empty();
  };
  if (!read("asset", &out.asset_keys) || !read("handler", &out.handler_keys)) {
    return Status::Corruption(std::string("record '") + kSigningSecretsKey + "' in table '" +
                              kSecretsTable +
                              "' is not {\"asset\":[key...],\"handler\":[key...]} with keys of "
                              "at least 64 hex digits");
  }
  return out;
}

std::string Encode(const SigningSecrets& s) {
  return nlohmann::json{{"asset", s.asset_keys}, {"handler", s.handler_keys}}.dump();
}

Result<SigningSecrets> Fresh() {
  SigningSecrets s;
  BLOCKRT_ASSIGN_OR_RETURN(std::string asset, RandomSecret());
  BLOCKRT_ASSIGN_OR_RETURN(std::string handler, RandomSecret());
  s.asset_keys.push_back(std::move(asset));
  s.handler_keys.push_back(std::move(handler));
  return s;
}

}  // namespace

Result<std::string> RandomSecret() {
  unsigned char bytes[kSecretBytes];
  if (RAND_bytes(bytes, static_cast<int>(sizeof(bytes))) != 1) {
    return Status::Internal("the OpenSSL random generator failed (RAND_bytes)");
  }
  return store::ToHex(std::string_view(reinterpret_cast<const char*>(bytes), sizeof(bytes)));
}

Result<SigningSecrets> EnsureSigningSecrets(store::Store& store) {
  // Read first: the common case needs no write transaction.
  Result<std::string> raw = store.GetRecord(kSecretsTable, kSigningSecretsKey);
  if (raw.ok()) return Decode(*raw);
  if (!raw.status().IsNotFound()) return raw.status();
  SigningSecrets out;
  // Check again inside the write transaction: two processes opening a new
  // store at once must end up with the same keys.
  BLOCKRT_RETURN_IF_ERROR(store.Transact([&]() -> Status {
    Result<std::string> again = store.GetRecord(kSecretsTable, kSigningSecretsKey);
    if (again.ok()) {
      BLOCKRT_ASSIGN_OR_RETURN(out, Decode(*again));
      return Status::OK();
    }
    if (!again.status().IsNotFound()) return again.status();
    BLOCKRT_ASSIGN_OR_RETURN(out, Fresh());
    return store.PutRecord(kSecretsTable, kSigningSecretsKey, Encode(out));
  }));
  return out;
}

Result<SigningSecrets> RotateSigningSecrets(store::Store& store) {
  SigningSecrets out;
  BLOCKRT_RETURN_IF_ERROR(store.Transact([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(SigningSecrets next, Fresh());
    Result<std::string> raw = store.GetRecord(kSecretsTable, kSigningSecretsKey);
    if (raw.ok()) {
      BLOCKRT_ASSIGN_OR_RETURN(SigningSecrets old, Decode(*raw));
      next.asset_keys.push_back(old.asset_keys.front());
      next.handler_keys.push_back(old.handler_keys.front());
    } else if (!raw.status().IsNotFound()) {
      return raw.status();
    }
    out = next;
    return store.PutRecord(kSecretsTable, kSigningSecretsKey, Encode(next));
  }));
  return out;
}

}  // namespace blockrt::runtime
