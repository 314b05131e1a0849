#include "cli/errors.h"

#include <ostream>
#include <string>

namespace blockrt::cli {

int ExitCodeFor(const Status& st) {
  switch (st.code()) {
    case Status::Code::kOk:
      return kExitOk;
    case Status::Code::kIOError:
    case Status::Code::kInternal:
      return kExitUsage;
    case Status::Code::kNotFound:
    case Status::Code::kInvalidArgument:
    case Status::Code::kParseError:
    case Status::Code::kCorruption:
    case Status::Code::kConflict:
    case Status::Code::kAlreadyExists:
    case Status::Code::kPermissionDenied:
    case Status::Code::kNotSupported:
    case Status::Code::kFailedPrecondition:
      return kExitFindings;
  }
  return kExitUsage;
}

nlohmann::json ErrorJson(const Status& st) {
  return {
      {"error", {{"code", std::string(Status::CodeName(st.code()))}, {"message", st.message()}}}};
}

int PrintError(const Invocation& inv, std::string_view command, const Status& st, bool json) {
  if (json) {
    *inv.out << ErrorJson(st).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
             << "\n";
  } else {
    *inv.err << "blockrt " << command << ": " << st.ToString() << "\n";
  }
  return ExitCodeFor(st);
}

int PrintUsageError(const Invocation& inv, std::string_view command, std::string_view msg,
                    std::string_view help) {
  *inv.err << "blockrt " << command << ": " << msg << "\n" << help;
  return kExitUsage;
}

}  // namespace blockrt::cli
