// Result<T>: a value or a non-OK Status. Accessing value() of an error Result is
// a programming error (asserted in debug builds). Use BLOCKRT_ASSIGN_OR_RETURN to
// unwrap or propagate.
#ifndef BLOCKRT_BASE_RESULT_H_
#define BLOCKRT_BASE_RESULT_H_

#include <cassert>
#include <optional>
#include <utility>

#include "base/status.h"

namespace blockrt {

template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "Result built from an OK status has no value");
    if (status_.ok()) status_ = Status::Internal("Result constructed from OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace blockrt

#define BLOCKRT_CONCAT_INNER_(a, b) a##b
#define BLOCKRT_CONCAT_(a, b) BLOCKRT_CONCAT_INNER_(a, b)
#define BLOCKRT_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()
// BLOCKRT_ASSIGN_OR_RETURN(auto x, MakeX()); returns the Status on failure.
#define BLOCKRT_ASSIGN_OR_RETURN(lhs, expr) \
  BLOCKRT_ASSIGN_OR_RETURN_IMPL_(BLOCKRT_CONCAT_(_result_, __LINE__), lhs, expr)

#endif  // BLOCKRT_BASE_RESULT_H_
