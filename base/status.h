// Status: the outcome of an operation at a module boundary (LevelDB-style).
// An OK status carries no message and costs one byte-sized code; errors carry a
// code and a human-readable message. Cheap to move; the library never throws.
#ifndef BLOCKRT_BASE_STATUS_H_
#define BLOCKRT_BASE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace blockrt {

class Status {
 public:
  // DO NOT REORDER: codes are reported by the CLI's --json output.
  enum class Code : unsigned char {
    kOk = 0,
    kNotFound,
    kInvalidArgument,  // bad input from the caller (malformed key, bad path...)
    kParseError,       // malformed document (XML, JSON) with a location
    kCorruption,       // stored data failed verification
    kIOError,
    kConflict,  // concurrent writer won; retry
    kAlreadyExists,
    kPermissionDenied,
    kNotSupported,
    kFailedPrecondition,  // state forbids the operation (e.g. nothing to commit)
    kInternal,
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status ParseError(std::string msg) { return Status(Code::kParseError, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status Conflict(std::string msg) { return Status(Code::kConflict, std::move(msg)); }
  static Status AlreadyExists(std::string msg) {
    return Status(Code::kAlreadyExists, std::move(msg));
  }
  static Status PermissionDenied(std::string msg) {
    return Status(Code::kPermissionDenied, std::move(msg));
  }
  static Status NotSupported(std::string msg) {
    return Status(Code::kNotSupported, std::move(msg));
  }
  static Status FailedPrecondition(std::string msg) {
    return Status(Code::kFailedPrecondition, std::move(msg));
  }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return msg_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsConflict() const { return code_ == Code::kConflict; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }

  // "NotFound: message", or "OK".
  std::string ToString() const;
  // Stable lowercase name of a code, e.g. "not_found".
  static std::string_view CodeName(Code code);

  // Returns a copy whose message is prefixed with `context + ": "`.
  Status WithContext(std::string_view context) const;

 private:
  Status(Code code, std::string msg) : code_(code), msg_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string msg_;
};

}  // namespace blockrt

// Propagates a non-OK Status (or the Status of a failed Result) to the caller.
#define BLOCKRT_RETURN_IF_ERROR(expr) \
  do {                                \
    ::blockrt::Status _st = (expr);   \
    if (!_st.ok()) return _st;        \
  } while (0)

#endif  // BLOCKRT_BASE_STATUS_H_
