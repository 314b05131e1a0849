// blockrt demo: the README's main job, end to end.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ostream>
#include <string>

#include "cli/command.h"

namespace blockrt::cli {

int RunDemo(const Invocation& inv) {
  std::string workdir = "demo";
  for (size_t i = 0; i < inv.args.size(); ++i) {
    if (IsHelpFlag(inv.args[i])) {
      *inv.out << "usage: blockrt demo [--workdir DIR]\n"
                  "  Runs the main job end to end in DIR (default ./demo).\n";
      return kExitOk;
    }
    if (inv.args[i] == "--workdir" && i + 1 < inv.args.size()) {
      workdir = inv.args[++i];
    } else {
      *inv.err << "blockrt demo: unknown argument '" << inv.args[i] << "'\n";
      return kExitUsage;
    }
  }
  if (::mkdir(workdir.c_str(), 0755) != 0 && errno != EEXIST) {
    *inv.err << "blockrt demo: " << workdir << ": " << std::strerror(errno) << "\n";
    return kExitUsage;
  }
  return RunKeysDemo(inv, workdir);
}

}  // namespace blockrt::cli
