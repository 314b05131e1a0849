#include <ostream>

#include "cli/command.h"

namespace blockrt::cli {

int RunDemo(const Invocation& inv) {
  *inv.err << "blockrt: not built yet\n";
  return kExitUsage;
}

}  // namespace blockrt::cli
