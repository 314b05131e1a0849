// Shared pieces of `blockrt store`: parsed arguments, output helpers and the
// per-subcommand handlers split across store_command.cc and
// store_read_commands.cc.
#ifndef BLOCKRT_CLI_STORE_CLI_H_
#define BLOCKRT_CLI_STORE_CLI_H_

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "cli/command.h"
#include "store/store.h"

namespace blockrt::cli::storecli {

struct Args {
  std::string db;
  bool json = false;
  std::vector<std::string> pos;  // positionals after the subcommand words
  std::string draft = "studio_draft";
  bool draft_given = false;
  std::optional<int64_t> version;
  std::optional<int64_t> expect_rev;
  std::string message, author, title, description, uuid, prefix;
  std::vector<std::string> paths;
  bool replace = false;
  bool no_mirror = false;
};

struct Ctx {
  const Invocation& inv;
  Args& args;
  std::unique_ptr<store::Store> store;

  // One JSON line in --json mode.
  void Json(const nlohmann::json& j) const {
    *inv.out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  // Reports `st` (text on stderr, or a JSON line on stdout) and returns the exit code.
  int Fail(const Status& st) const;
  // The Ref chosen by --version / --draft (default: latest).
  store::Ref At() const;
};

std::string FormatTime(int64_t micros);
nlohmann::json FileJson(const store::FileInfo& f);

// Handlers; each gets its positionals already counted.
int BundleCreate(Ctx& c);
int BundleList(Ctx& c);
int BundleShow(Ctx& c);
int BundleDelete(Ctx& c);
int DraftWrite(Ctx& c);
int DraftRm(Ctx& c);
int DraftLs(Ctx& c);
int DraftDiff(Ctx& c);
int Commit(Ctx& c);
int Discard(Ctx& c);
int LinkSet(Ctx& c);
int LinkRm(Ctx& c);
int LinkLs(Ctx& c);
int Import(Ctx& c);
int Log(Ctx& c);
int History(Ctx& c);
int Cat(Ctx& c);
int Ls(Ctx& c);
int Export(Ctx& c);
int Gc(Ctx& c);
int Verify(Ctx& c);
// store_secrets_command.cc
int EnsureSecrets(Ctx& c);  // init: the store's signing keys, made once
int RotateSecrets(Ctx& c);

}  // namespace blockrt::cli::storecli

#endif  // BLOCKRT_CLI_STORE_CLI_H_
