// blockrt: one thin binary over the library, git-style subcommands.
#include <algorithm>
#include <cstring>
#include <iostream>
#include <string>

#include "cli/command.h"

namespace blockrt::cli {
namespace {

const Command kCommands[] = {
    {"keys", "Open edX opaque keys: parse, check, gen, derive (DERIVE_ID)", RunKeys},
    {"store", "versioned bundle store: init, bundle, draft, commit, log, cat, export...", RunStore},
    {"olx", "parse OLX definitions and include graphs (parse, graph)", RunOlx},
    {"course", "course exports (load, export) and stored courses (create, import, edit, publish)",
     RunCourse},
    {"lib", "content libraries: create, add-block, set-olx, add-asset, publish...", RunLib},
    {"load", "load a block by usage key (Studio or LMS mode) as JSON", RunLoad},
    {"render", "render a block's view as an HTML fragment", RunRender},
    {"state", "a learner's state of a block: get, set", RunState},
    {"library-content", "library_content blocks: sync/upgrade, status, duplicate, mapping, reset",
     RunLibraryContent},
    {"validate", "validate course and library exports (rules, reports, batches)", RunValidate},
    {"demo", "the end-to-end main job shown in the README", RunDemo},
};

void PrintUsage(std::ostream& os) {
  os << "usage: blockrt <command> [args] [--help]\n\ncommands:\n";
  size_t width = 0;
  for (const Command& c : kCommands) width = std::max(width, std::strlen(c.name) + 2);
  for (const Command& c : kCommands) {
    os << "  " << c.name << std::string(width - std::strlen(c.name), ' ') << c.summary << "\n";
  }
  os << "\nexit codes: 0 ok, 1 findings (invalid input found), 2 usage or I/O error\n";
}

}  // namespace

bool IsHelpFlag(const std::string& a) { return a == "-h" || a == "--help"; }

}  // namespace blockrt::cli

int main(int argc, char** argv) {
  using namespace blockrt::cli;
  std::ios::sync_with_stdio(false);
  if (argc < 2 || IsHelpFlag(argv[1])) {
    PrintUsage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? kExitUsage : kExitOk;
  }
  for (const Command& c : kCommands) {
    if (std::strcmp(argv[1], c.name) == 0) {
      Invocation inv{std::vector<std::string>(argv + 2, argv + argc), &std::cin, &std::cout,
                     &std::cerr};
      return c.run(inv);
    }
  }
  std::cerr << "blockrt: unknown command '" << argv[1] << "'\n";
  PrintUsage(std::cerr);
  return kExitUsage;
}
