// The "courses" record table: CourseInfo <-> JSON, cached in memory. Reads
// are cached until Forget(); the authoring API forgets what it writes.
#ifndef BLOCKRT_CONTEXTS_INTERNAL_COURSE_TABLE_H_
#define BLOCKRT_CONTEXTS_INTERNAL_COURSE_TABLE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "contexts/course.h"
#include "store/store.h"

namespace blockrt::contexts::internal {

inline constexpr std::string_view kCourseTable = "courses";

std::string EncodeCourse(const CourseInfo& info);
Result<CourseInfo> DecodeCourse(std::string_view key, std::string_view json);

class CourseTable {
 public:
  explicit CourseTable(store::Store* store) : store_(store) {}

  // NotFound when no course has that key.
  Result<std::shared_ptr<const CourseInfo>> Get(std::string_view key) const;
  Status Put(const CourseInfo& info);
  // Read-modify-write of one record in a single store write transaction
  // (BEGIN IMMEDIATE: other processes wait for it), reading the stored record,
  // not the cache, so a concurrent grant or revocation is never overwritten
  // by a stale copy. `change` returning an error writes nothing.
  Status Update(std::string_view key, const std::function<Status(CourseInfo*)>& change);

  // NotFound when no course has that key.
  Status Remove(std::string_view key);
  Result<std::vector<CourseInfo>> List() const;
  void Forget(std::string_view key);
  // Moves on with every Forget(): callers keeping CourseInfo of their own
  // compare it to know they must look again.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  // The stored record of `key` (not the cache); NotFound names the course.
  Result<CourseInfo> ReadStored(std::string_view key) const;
  store::Store* store_;
  mutable std::shared_mutex mu_;
  mutable std::unordered_map<std::string, std::shared_ptr<const CourseInfo>> cache_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace blockrt::contexts::internal

#endif  // BLOCKRT_CONTEXTS_INTERNAL_COURSE_TABLE_H_
