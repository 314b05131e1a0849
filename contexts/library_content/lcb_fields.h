// The library_content block's own fields as its OLX sets them (policy.json
// merged), with the class defaults of LibraryContentBlock: the one place
// sync, selection, duplication and status read them.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTENT_LCB_FIELDS_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTENT_LCB_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "olx/course/course.h"
#include "olx/definition.h"

namespace blockrt::contexts::library_content {

inline constexpr std::string_view kLibraryContentType = "library_content";

struct LcbFields {
  std::string library_id;         // source_library_id ("" none)
  std::string version;            // source_library_version as written ("" none)
  std::string capa_type = "any";  // capa_type
  int64_t max_count = 1;          // max_count (-1: all)
  bool allow_resetting_children = false;
  std::string display_name;  // "" when unset
};

LcbFields FieldsOf(const olx::CourseBlock& block);
LcbFields FieldsOf(const olx::Definition& definition);

// InvalidArgument "KEY is a TYPE block, not library_content" for any other type.
Status CheckLibraryContent(const olx::CourseBlock& block);

}  // namespace blockrt::contexts::library_content

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTENT_LCB_FIELDS_H_
