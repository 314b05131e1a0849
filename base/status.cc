#include "base/status.h"

namespace blockrt {

std::string_view Status::CodeName(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kNotFound:
      return "not_found";
    case Code::kInvalidArgument:
      return "invalid_argument";
    case Code::kParseError:
      return "parse_error";
    case Code::kCorruption:
      return "corruption";
    case Code::kIOError:
      return "io_error";
    case Code::kConflict:
      return "conflict";
    case Code::kAlreadyExists:
      return "already_exists";
    case Code::kPermissionDenied:
      return "permission_denied";
    case Code::kNotSupported:
      return "not_supported";
    case Code::kFailedPrecondition:
      return "failed_precondition";
    case Code::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(CodeName(code_));
  out += ": ";
  out += msg_;
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string msg(context);
  msg += ": ";
  msg += msg_;
  return Status(code_, std::move(msg));
}

}  // namespace blockrt
