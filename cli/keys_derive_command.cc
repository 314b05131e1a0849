// blockrt keys derive: DERIVE_ID (the ids of library_content children) for one
// SOURCE PARENT pair or a stream of SOURCE<TAB>PARENT lines.
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "cli/keys_commands.h"
#include "cli/line_reader.h"
#include "keys/derive.h"

namespace blockrt::cli {
namespace {

const char kDeriveHelp[] =
    "usage: blockrt keys derive [--json] [SOURCE PARENT]\n"
    "\n"
    "Prints the usage key edx-platform gives library block SOURCE once copied under\n"
    "PARENT (a library_content block): DERIVE_ID, sha1(b'CONTEXT':SOURCE_ID:PARENT_ID)[:20]\n"
    "in PARENT's context, where lb:ORG:SLUG:... hashes as library-v1:ORG+SLUG+branch@library.\n"
    "A descendant derives under its parent's derived key.\n"
    "Without keys, reads SOURCE<TAB>PARENT lines on stdin and prints one derived key per\n"
    "line; a line that fails prints an empty line and its error on stderr (stdin:LINE).\n"
    "--json prints one object per pair instead: source, parent, derived, block_id, error\n"
    "(null or {code, message}), plus line when reading stdin.\n"
    "Exit codes: 0 all derived, 1 some pair failed, 2 usage or I/O error.\n";

int Usage(const Invocation& inv, const std::string& msg) {
  *inv.err << "blockrt keys derive: " << msg << "\n" << kDeriveHelp;
  return kExitUsage;
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// One pair as a JSON record; `lineno` 0 when the pair came from arguments.
nlohmann::json Record(std::string_view source, std::string_view parent, size_t lineno,
                      const Result<keys::Key>& derived) {
  nlohmann::json j;
  if (lineno) j["line"] = lineno;
  j["source"] = std::string(source);
  j["parent"] = std::string(parent);
  if (derived.ok()) {
    j["derived"] = derived->ToString();
    j["block_id"] = std::string(*derived->view().block_id());
    j["error"] = nullptr;
  } else {
    j["derived"] = nullptr;
    j["block_id"] = nullptr;
    j["error"] = {{"code", std::string(Status::CodeName(derived.status().code()))},
                  {"message", derived.status().message()}};
  }
  return j;
}

// Splits "SOURCE\tPARENT" at its first tab; false when there is none.
bool SplitPair(std::string_view line, std::string_view* source, std::string_view* parent) {
  size_t tab = line.find('\t');
  *source = line.substr(0, tab);
  *parent = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
  return tab != std::string_view::npos;
}

const Status& NoTab() {
  static const Status st = Status::InvalidArgument("expected SOURCE<TAB>PARENT, found no tab");
  return st;
}

// A text-mode line: the derived key appended to *out, or the reason it failed.
// Both keys are parsed in place (LineReader's padding follows every line) into
// the caller's views, reused from line to line (zeroing two fresh ones showed
// in profiles); only a failure goes through the parsing that words the error.
Status DeriveInto(std::string_view line, keys::KeyView* s, keys::KeyView* p, std::string* out) {
  std::string_view source, parent;
  if (!SplitPair(line, &source, &parent)) return NoTab();
  static_assert(LineReader::kPadding >= keys::kKeyParsePadding, "keys are parsed in place");
  if (!keys::ParseKeyInBuffer(source, keys::KeyBase::kAuto, s, nullptr) ||
      !keys::ParseKeyInBuffer(parent, keys::KeyBase::kAuto, p, nullptr)) {
    return keys::DeriveUsageKey(source, parent).status();
  }
  return keys::AppendDerivedUsageKey(*s, *p, out);
}

}  // namespace

int RunKeysDerive(const Invocation& inv, const std::vector<std::string>& args) {
  bool json = false;
  std::vector<std::string> keys_in;
  for (const std::string& a : args) {
    if (IsHelpFlag(a)) {
      *inv.out << kDeriveHelp;
      return kExitOk;
    } else if (a == "--json") {
      json = true;
    } else if (!a.empty() && a[0] == '-') {
      return Usage(inv, "unknown option '" + a + "'");
    } else {
      keys_in.push_back(a);
    }
  }
  if (!keys_in.empty()) {
    if (keys_in.size() != 2) return Usage(inv, "derive takes SOURCE PARENT, or no keys (stdin)");
    Result<keys::Key> derived = keys::DeriveUsageKey(keys_in[0], keys_in[1]);
    if (json) {
      *inv.out << Dump(Record(keys_in[0], keys_in[1], 0, derived)) << "\n";
    } else if (derived.ok()) {
      *inv.out << derived->ToString() << "\n";
    } else {
      *inv.err << "blockrt keys derive: " << derived.status().message() << "\n";
    }
    return derived.ok() ? kExitOk : kExitFindings;
  }
  // Batches: lines straight from fd 0, output gathered and written in blocks.
  LineReader reader(0);
  std::string_view line;
  bool overlong = false;
  size_t lineno = 0;
  bool any_failed = false;
  std::string buf;
  keys::KeyView source_view, parent_view;
  while (reader.Next(&line, &overlong)) {
    ++lineno;
    Status st;
    if (overlong) {
      st = Status::InvalidArgument("line longer than 4 MiB");
    } else if (json) {
      std::string_view source, parent;
      Result<keys::Key> derived = SplitPair(line, &source, &parent)
                                      ? keys::DeriveUsageKey(source, parent)
                                      : Result<keys::Key>(NoTab());
      buf += Dump(Record(source, parent, lineno, derived));
      st = derived.ok() ? Status::OK() : derived.status();
    } else {
      st = DeriveInto(line, &source_view, &parent_view, &buf);
    }
    if (!st.ok()) {
      any_failed = true;
      if (!json) {
        *inv.err << "blockrt keys derive: stdin:" << lineno << ": " << st.message() << "\n";
      }
    }
    buf += '\n';
    if (buf.size() >= (1 << 16)) {
      inv.out->write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  inv.out->write(buf.data(), static_cast<std::streamsize>(buf.size()));
  if (!reader.error().empty()) {
    *inv.err << "blockrt keys derive: stdin: read error: " << reader.error() << "\n";
    return kExitUsage;
  }
  if (!inv.out->good()) return kExitUsage;
  return any_failed ? kExitFindings : kExitOk;
}

}  // namespace blockrt::cli
