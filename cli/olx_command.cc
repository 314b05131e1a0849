// `blockrt olx` (parse, graph) and `blockrt course` (load, export).
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/olx_commands.h"

namespace blockrt::cli {
namespace {

struct Sub {
  const char* name;
  const char* usage;
  int (*run)(const Invocation&, const std::vector<std::string>&);
};

const Sub kOlxSubs[] = {
    {"parse", "olx parse [--json] [--course] FILE...   each definition's type, fields, includes",
     RunOlxParse},
    {"graph",
     "olx graph [--json] [--max-depth N] [--link FROM:NAME=DIR]... DIR   include graph (DOT or "
     "JSON)",
     RunOlxGraph},
};
const Sub kCourseSubs[] = {
    {"load", "course load [--json] DIR   summary of a course/library export (--json: full tree)",
     RunCourseLoad},
    {"export",
     "course export DIR OUT   write the loaded tree back as an export (a course key instead of "
     "DIR exports a stored course)",
     RunCourseExport},
};

template <size_t N>
int Dispatch(const Invocation& inv, const char* group, const Sub (&subs)[N]) {
  const std::vector<std::string>& args = inv.args;
  if (args.empty() || IsHelpFlag(args[0])) {
    std::ostream& os = args.empty() ? *inv.err : *inv.out;
    os << "usage:\n";
    for (const Sub& s : subs) os << "  blockrt " << s.usage << "\n";
    os << "\nexit codes: 0 ok, 1 findings (invalid input found), 2 usage or I/O error\n";
    return args.empty() ? kExitUsage : kExitOk;
  }
  for (const Sub& s : subs) {
    if (args[0] == s.name) {
      std::vector<std::string> rest(args.begin() + 1, args.end());
      for (const std::string& a : rest) {
        if (IsHelpFlag(a)) {
          *inv.out << "usage: blockrt " << s.usage << "\n";
          return kExitOk;
        }
      }
      return s.run(inv, rest);
    }
  }
  *inv.err << "blockrt " << group << ": unknown subcommand '" << args[0] << "'\n";
  return kExitUsage;
}

}  // namespace

int RunOlx(const Invocation& inv) { return Dispatch(inv, "olx", kOlxSubs); }
int RunCourse(const Invocation& inv) {
  const std::vector<std::string>& args = inv.args;
  if (args.empty() || IsHelpFlag(args[0])) {
    std::ostream& os = args.empty() ? *inv.err : *inv.out;
    os << "usage:\n";
    for (const Sub& s : kCourseSubs) os << "  blockrt " << s.usage << "\n";
    os << "stored courses (a course-v1:ORG+COURSE+RUN key selects the store; see "
          "'blockrt course SUB --help'):\n";
    PrintCourseStoreUsage(os);
    os << "\nexit codes: 0 ok, 1 findings or refused, 2 usage or I/O error\n";
    return args.empty() ? kExitUsage : kExitOk;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  // `export` takes an export directory, or a course key for the store form.
  bool store = IsCourseStoreSub(args[0]);
  if (args[0] == "export") {
    store = false;
    for (const std::string& a : rest) {
      if (a.rfind("course-v1:", 0) == 0) store = true;
      if (!a.empty() && a[0] != '-') break;
    }
  }
  if (store) return RunCourseStore(inv, args[0], rest);
  return Dispatch(inv, "course", kCourseSubs);
}

}  // namespace blockrt::cli
