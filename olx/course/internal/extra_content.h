// about/, info/, tabs/ and custom_tags/ (XMLModuleStore.load_extra_content):
// each file is one block of the course whose `data` is the file text; the
// per-run subdirectory DIR/RUN/ is read after DIR/ and overrides it.
#ifndef BLOCKRT_OLX_COURSE_INTERNAL_EXTRA_CONTENT_H_
#define BLOCKRT_OLX_COURSE_INTERNAL_EXTRA_CONTENT_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "olx/diagnostic.h"
#include "olx/file_source.h"

namespace blockrt::olx::internal {

struct ExtraFile {
  std::string_view category;  // course_info, static_tab, custom_tag_template, about
  std::string slug;           // the file name without its extension
  std::string rel;            // relative to the export root
  std::string field;          // "data", or FIELD of SLUG.FIELD.json
  std::string text;           // the file text; for a .json field its JSON, compacted
};

// The directory a category is exported to ("info" for course_info...).
std::string_view ExtraContentDir(std::string_view category);

// Every extra-content file under `root` in the reference's
// order: info, tabs, custom_tags, about; each DIR then DIR/RUN; files sorted.
// *~ files, unreadable files and .json files that are not SLUG.FIELD.json with
// valid JSON (or whose FIELD is data/metadata) are skipped, as the importer does.
std::vector<ExtraFile> ListExtraContent(const FileSource& root, const std::string& run,
                                        size_t max_bytes, std::vector<Diagnostic>* diagnostics);

struct StaticTab {
  std::string name;
  bool course_staff_only = false;
};
// Static tabs by url_slug from the course's `tabs` policy value (JSON text).
std::map<std::string, StaticTab> StaticTabsOf(std::string_view tabs_json);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_COURSE_INTERNAL_EXTRA_CONTENT_H_
