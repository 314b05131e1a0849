// The "courses" record table: CourseInfo <-> JSON, cached in memory. Reads
// are cached until Forget(); the authoring API forgets what it writes. v1
// libraries keep the same records in a table of their own.
#ifndef BLOCKRT_CONTEXTS_INTERNAL_COURSE_TABLE_H_
#define BLOCKRT_CONTEXTS_INTERNAL_COURSE_TABLE_H_

#include <string>
#include <string_view>

#include "base/result.h"
#include "contexts/course.h"
#include "contexts/internal/record_table.h"
#include "store/store.h"

namespace blockrt::contexts::internal {

inline constexpr std::string_view kCourseTable = "courses";

std::string EncodeCourse(const CourseInfo& info);
Result<CourseInfo> DecodeCourse(std::string_view key, std::string_view json);

class CourseTable : public RecordTable<CourseInfo> {
 public:
  explicit CourseTable(store::Store* store, std::string_view table = kCourseTable,
                       std::string_view noun = "course")
      : RecordTable(store, {table, noun, &EncodeCourse, &DecodeCourse}) {}
};

}  // namespace blockrt::contexts::internal

#endif  // BLOCKRT_CONTEXTS_INTERNAL_COURSE_TABLE_H_
