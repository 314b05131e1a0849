// blockrt keys parse|check|gen|derive: opaque-key validation for people and batches.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/command.h"
#include "cli/errors.h"
#include "cli/json_text.h"
#include "cli/keys_commands.h"
#include "cli/line_reader.h"
#include "cli/number_arg.h"
#include "keys/key.h"
#include "keys/key_json.h"
#include "keys/testing/key_mix.h"

namespace blockrt::cli {
namespace {

constexpr size_t kMaxLine = 1 << 20;

const char kKeysHelp[] =
    "usage: blockrt keys <parse|check|gen|derive> [options]\n"
    "\n"
    "  parse [--base BASE] [--json-input] [KEY...]\n"
    "      Parse keys given as arguments, else one per line on stdin, and print one JSON\n"
    "      object per key: input, valid, kind, namespace, deprecated, canonical, fields,\n"
    "      error. --json-input reads one JSON string per line (for keys holding '\\n').\n"
    "  check [--base BASE] [--json] [--max-findings N] FILE...\n"
    "      Validate a file of keys (one per line; '-' is stdin) in constant memory:\n"
    "      counts per kind and each invalid line as FILE:LINE with the reason.\n"
    "      Text output lists the first N invalid lines (default 100, 0 = all);\n"
    "      --json prints every finding and a summary as JSON lines.\n"
    "  gen [--seed S] N\n"
    "      Print N keys of a realistic mix (for benchmarks and demos).\n"
    "  derive [--json] [SOURCE PARENT]\n"
    "      DERIVE_ID: the usage key of library block SOURCE copied under PARENT;\n"
    "      without keys, one SOURCE<TAB>PARENT pair per stdin line (derive --help).\n"
    "\n"
    "BASE is the opaque-keys class whose from_string is called: auto (default),\n"
    "LearningContextKey, CourseKey, UsageKey, UsageKeyV2, AsideUsageKey, AssetKey,\n"
    "DefinitionKey, AsideDefinitionKey, ContainerKey, CollectionKey, BlockTypeKey,\n"
    "CourseLocator, LibraryLocator, LibraryLocatorV2, BlockUsageLocator,\n"
    "LibraryUsageLocatorV2, LibraryContainerLocator, LibraryCollectionLocator.\n"
    "Exit codes: 0 all keys valid, 1 some key invalid, 2 usage or I/O error.\n";

int Usage(const Invocation& inv, const std::string& msg) {
  return PrintUsageError(inv, "keys", msg, kKeysHelp);
}

// The key as it would appear in Python source: printable, escapes for the rest.
std::string Quote(std::string_view s) {
  return nlohmann::json(std::string(s))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ErrorText(std::string_view input, keys::KeyBase base, const keys::KeyError& err) {
  std::string msg = "invalid ";
  msg += base == keys::KeyBase::kAuto ? "key" : std::string(keys::KeyBaseName(base));
  msg += " at position " + std::to_string(err.position) + ": expected ";
  msg += err.expected;
  (void)input;
  return msg;
}

// Options shared by the keys subcommands; each accepts a subset (`allowed`).
struct KeysOptions {
  keys::KeyBase base = keys::KeyBase::kAuto;
  bool json = false;
  bool json_input = false;
  uint64_t max_findings = 100;
  uint64_t seed = 42;
  std::vector<std::string> positional;
};

enum OptionBit : unsigned {
  kOptBase = 1,
  kOptJson = 2,
  kOptJsonInput = 4,
  kOptMax = 8,
  kOptSeed = 16
};

// `keys gen` writes about 40 bytes a key: 10^9 keys is already ~40 GB.
constexpr uint64_t kMaxGenCount = 1000000000;

// Returns an exit code when the command must stop here (help or usage error).
std::optional<int> ParseKeysOptions(const Invocation& inv, const std::vector<std::string>& args,
                                    unsigned allowed, KeysOptions* o) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (IsHelpFlag(a)) {
      *inv.out << kKeysHelp;
      return kExitOk;
    } else if ((allowed & kOptBase) && a == "--base" && has_value) {
      auto b = keys::KeyBaseFromName(args[++i]);
      if (!b) return Usage(inv, "unknown base '" + args[i] + "'");
      o->base = *b;
    } else if ((allowed & kOptJson) && a == "--json") {
      o->json = true;
    } else if ((allowed & kOptJsonInput) && a == "--json-input") {
      o->json_input = true;
    } else if ((allowed & kOptMax) && a == "--max-findings" && has_value) {
      Result<uint64_t> n = ParseUnsignedArg("--max-findings", args[++i]);
      if (!n.ok()) return Usage(inv, n.status().message());
      o->max_findings = *n;
    } else if ((allowed & kOptSeed) && a == "--seed" && has_value) {
      Result<uint64_t> n = ParseUnsignedArg("--seed", args[++i]);
      if (!n.ok()) return Usage(inv, n.status().message());
      o->seed = *n;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return Usage(inv, "unknown option '" + a + "'");
    } else {
      o->positional.push_back(a);
    }
  }
  return std::nullopt;
}

nlohmann::json ParseRecord(const std::string& input, keys::KeyBase base) {
  nlohmann::json j;
  j["input"] = input;
  keys::KeyView view;
  keys::KeyError err;
  if (keys::ParseKey(input, base, &view, &err)) {
    j["valid"] = true;
    nlohmann::json d = keys::DescribeJson(view);
    for (auto& [k, v] : d.items()) j[k] = v;
    j["error"] = nullptr;
  } else {
    j["valid"] = false;
    j["kind"] = nullptr;
    j["namespace"] = nullptr;
    j["deprecated"] = nullptr;
    j["canonical"] = nullptr;
    j["fields"] = nullptr;
    j["error"] = ErrorText(input, base, err);
  }
  return j;
}

int RunParse(const Invocation& inv, const std::vector<std::string>& args) {
  KeysOptions o;
  // --json is accepted for symmetry: parse always prints JSON lines.
  if (auto rc = ParseKeysOptions(inv, args, kOptBase | kOptJson | kOptJsonInput, &o)) return *rc;
  const keys::KeyBase base = o.base;
  const bool json_input = o.json_input;
  const std::vector<std::string>& keys_in = o.positional;
  bool any_invalid = false;
  auto emit = [&](const std::string& key) {
    nlohmann::json j = ParseRecord(key, base);
    any_invalid |= !j["valid"].get<bool>();
    *inv.out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  };
  if (!keys_in.empty()) {
    for (const auto& k : keys_in) emit(k);
    return any_invalid ? kExitFindings : kExitOk;
  }
  std::string line;
  size_t lineno = 0;
  while (std::getline(*inv.in, line)) {
    ++lineno;
    if (json_input) {
      nlohmann::json v = nlohmann::json::parse(line, nullptr, false);
      if (v.is_discarded() || !v.is_string()) {
        return PrintUsageError(inv, "keys parse",
                               "stdin:" + std::to_string(lineno) + ": expected a JSON string");
      }
      emit(v.get<std::string>());
    } else {
      emit(line);
    }
  }
  return any_invalid ? kExitFindings : kExitOk;
}

struct CheckTotals {
  uint64_t keys = 0, invalid = 0, canonical_changed = 0;
  uint64_t per_kind[keys::kNumKeyKinds] = {};
};

// Progress on a terminal only: a single rewritten stderr line.
class Progress {
 public:
  Progress(std::ostream* err, const std::string& name, uint64_t total)
      : err_(err), name_(name), total_(total), enabled_(::isatty(2) && total > 0) {}
  void Update(uint64_t done, uint64_t keys) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    int pct = static_cast<int>(done * 100 / total_);
    std::string bar(static_cast<size_t>(pct / 4), '#');
    bar.resize(25, '.');
    *err_ << "\r" << name_ << " [" << bar << "] " << pct << "% " << keys << " keys" << std::flush;
  }
  void Done() {
    if (enabled_) *err_ << "\r\033[K" << std::flush;
  }

 private:
  std::ostream* err_;
  std::string name_;
  uint64_t total_;
  bool enabled_;
  std::chrono::steady_clock::time_point last_{};
};

// Returns false on an I/O error (already reported).
bool CheckStream(const Invocation& inv, int fd, const std::string& name, keys::KeyBase base,
                 bool json, uint64_t max_findings, CheckTotals* t, uint64_t* shown) {
  struct stat st {};
  uint64_t size = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : 0;
  Progress progress(inv.err, name, size);
  static_assert(LineReader::kPadding >= keys::kKeyParsePadding, "lines are parsed in place");
  LineReader reader(fd, 4 << 20);
  std::string_view line;
  bool overlong = false;
  uint64_t lineno = 0;
  std::string canonical;
  keys::KeyView view;
  keys::KeyError err;
  // Counted in locals (the compiler cannot keep *t in registers across calls).
  uint64_t per_kind[keys::kNumKeyKinds] = {};
  uint64_t canonical_changed = 0;
  // Error details only for the findings that will be shown.
  bool want_reason = json || max_findings == 0 || *shown < max_findings;
  while (reader.Next(&line, &overlong)) {
    ++lineno;
    bool ok = !overlong && keys::ParseKeyInBuffer(line, base, &view, want_reason ? &err : nullptr);
    if (ok) {
      std::string_view canon = view.Canonical(line, &canonical);
      ++per_kind[static_cast<int>(view.kind())];
      canonical_changed += canon.data() != line.data();
    } else {
      ++t->invalid;
      std::string reason;
      if (want_reason) {
        reason = overlong ? "line longer than " + std::to_string(4 << 20) + " bytes"
                          : ErrorText(line, base, err);
      }
      if (json) {
        nlohmann::json j = {{"file", name},
                            {"line", lineno},
                            {"input", std::string(line)},
                            {"error", reason},
                            {"position", overlong ? 0 : err.position}};
        *inv.out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      } else if (want_reason) {
        *inv.out << name << ":" << lineno << ": " << Quote(line) << ": " << reason << "\n";
        ++*shown;
        want_reason = max_findings == 0 || *shown < max_findings;
      }
    }
    if ((lineno & 0xFFFF) == 0) progress.Update(reader.bytes_consumed(), t->keys + lineno);
  }
  t->keys += lineno;
  t->canonical_changed += canonical_changed;
  for (int k = 0; k < keys::kNumKeyKinds; ++k) t->per_kind[k] += per_kind[k];
  progress.Done();
  if (!reader.error().empty()) {
    PrintError(inv, "keys check", Status::IOError(name + ": read error: " + reader.error()), json);
    return false;
  }
  return true;
}

int RunCheck(const Invocation& inv, const std::vector<std::string>& args) {
  KeysOptions o;
  if (auto rc = ParseKeysOptions(inv, args, kOptBase | kOptJson | kOptMax, &o)) return *rc;
  const keys::KeyBase base = o.base;
  const bool json = o.json;
  const uint64_t max_findings = o.max_findings;
  const std::vector<std::string>& files = o.positional;
  if (files.empty()) return Usage(inv, "check needs at least one FILE ('-' for stdin)");
  CheckTotals t;
  uint64_t shown = 0;
  auto start = std::chrono::steady_clock::now();
  for (const auto& f : files) {
    int fd = f == "-" ? 0 : ::open(f.c_str(), O_RDONLY);
    if (fd < 0) {
      return PrintError(inv, "keys check", Status::IOError(f + ": " + std::strerror(errno)), json);
    }
    bool ok = CheckStream(inv, fd, f, base, json, max_findings, &t, &shown);
    if (fd != 0) ::close(fd);
    if (!ok) return kExitUsage;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (json) {
    nlohmann::json kinds = nlohmann::json::object();
    for (int k = 0; k < keys::kNumKeyKinds; ++k) {
      if (t.per_kind[k])
        kinds[std::string(keys::KindName(static_cast<keys::KeyKind>(k)))] = t.per_kind[k];
    }
    nlohmann::json s = {{"summary",
                         {{"keys", t.keys},
                          {"valid", t.keys - t.invalid},
                          {"invalid", t.invalid},
                          {"canonical_changed", t.canonical_changed},
                          {"kinds", kinds},
                          {"seconds", secs}}}};
    *inv.out << JsonText(s) << "\n";
  } else {
    if (t.invalid > shown && max_findings != 0) {
      *inv.out << "... " << (t.invalid - shown)
               << " more invalid lines (--max-findings 0 lists all)\n";
    }
    char buf[160];
    std::snprintf(
        buf, sizeof buf,
        "%llu keys: %llu valid, %llu invalid (%.1f%%), %llu not in canonical form\n",
        static_cast<unsigned long long>(t.keys),
        static_cast<unsigned long long>(t.keys - t.invalid),
        static_cast<unsigned long long>(t.invalid),
        t.keys ? 100.0 * static_cast<double>(t.invalid) / static_cast<double>(t.keys) : 0.0,
        static_cast<unsigned long long>(t.canonical_changed));
    *inv.out << buf;
    for (int k = 0; k < keys::kNumKeyKinds; ++k) {
      if (!t.per_kind[k]) continue;
      std::snprintf(buf, sizeof buf, "  %-26s %10llu\n",
                    std::string(keys::KindName(static_cast<keys::KeyKind>(k))).c_str(),
                    static_cast<unsigned long long>(t.per_kind[k]));
      *inv.out << buf;
    }
    std::snprintf(buf, sizeof buf, "checked in %.3f s (%.1f M keys/s)\n", secs,
                  secs > 0 ? static_cast<double>(t.keys) / secs / 1e6 : 0.0);
    *inv.out << buf;
  }
  return t.invalid ? kExitFindings : kExitOk;
}

int RunGen(const Invocation& inv, const std::vector<std::string>& args) {
  KeysOptions o;
  if (auto rc = ParseKeysOptions(inv, args, kOptSeed, &o)) return *rc;
  if (o.positional.size() != 1) return Usage(inv, "gen needs one count N");
  Result<uint64_t> count = ParseUnsignedArg("N", o.positional[0], 0, kMaxGenCount);
  if (!count.ok()) return Usage(inv, count.status().message());
  const uint64_t n = *count;
  const uint64_t seed = o.seed;
  keys::testing::KeyMix mix(seed);
  std::string buf;
  for (uint64_t i = 0; i < n; ++i) {
    mix.Next(&buf);
    buf.push_back('\n');
    if (buf.size() > (1 << 20)) {
      inv.out->write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  inv.out->write(buf.data(), static_cast<std::streamsize>(buf.size()));
  return inv.out->good() ? kExitOk : kExitUsage;
}

}  // namespace

int RunKeys(const Invocation& inv) {
  if (inv.args.empty() || IsHelpFlag(inv.args[0])) {
    (inv.args.empty() ? *inv.err : *inv.out) << kKeysHelp;
    return inv.args.empty() ? kExitUsage : kExitOk;
  }
  std::vector<std::string> rest(inv.args.begin() + 1, inv.args.end());
  if (inv.args[0] == "parse") return RunParse(inv, rest);
  if (inv.args[0] == "check") return RunCheck(inv, rest);
  if (inv.args[0] == "gen") return RunGen(inv, rest);
  if (inv.args[0] == "derive") return RunKeysDerive(inv, rest);
  return Usage(inv, "unknown subcommand '" + inv.args[0] + "'");
}

int RunKeysDemo(const Invocation& inv, const std::string& workdir) {
  const std::string path = workdir + "/keys.txt";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
      *inv.err << "blockrt demo: cannot write " << path << "\n";
      return kExitUsage;
    }
    Invocation gen = inv;
    gen.out = &out;
    if (RunGen(gen, {"--seed", "42", "1000000"}) != kExitOk) return kExitUsage;
  }
  *inv.out << "== key validation batch: " << path << " (1,000,000 generated keys)\n";
  int rc = RunCheck(inv, {"--max-findings", "5", path});
  // Invalid keys are expected in the mix: the batch found them, which is success here.
  return rc == kExitUsage ? kExitUsage : kExitOk;
}

}  // namespace blockrt::cli
