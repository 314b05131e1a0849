// Test helpers for course_edit*_test.cc: a course held in memory, edits
// applied and reloaded, and a block-by-block picture of a load to compare.
#ifndef BLOCKRT_OLX_COURSE_COURSE_EDIT_TESTING_H_
#define BLOCKRT_OLX_COURSE_COURSE_EDIT_TESTING_H_

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "olx/course/course.h"
#include "olx/course/course_edit.h"
#include "olx/file_source.h"

namespace blockrt::olx::edit_testing {

using Files = std::map<std::string, std::string>;

inline MemoryFileSource SourceOf(const Files& files) {
  MemoryFileSource m;
  for (const auto& [rel, bytes] : files) EXPECT_TRUE(m.Put(rel, bytes).ok()) << rel;
  return m;
}

// The index of the (first) block TYPE/ID; fails the test when there is none.
inline uint32_t IndexOf(const Course& c, std::string_view type, std::string_view id) {
  for (uint32_t i = 0; i < c.blocks.size(); ++i) {
    if (c.blocks[i].definition.block_type == type && c.blocks[i].url_name == id) return i;
  }
  ADD_FAILURE() << "no block " << type << "/" << id;
  return 0;
}

inline bool Has(const Course& c, std::string_view type, std::string_view id) {
  for (const CourseBlock& b : c.blocks) {
    if (b.definition.block_type == type && b.url_name == id) return true;
  }
  return false;
}

// The attribute (or for "data", the data field) as loaded; "<unset>" when absent.
inline std::string ValueOf(const Course& c, std::string_view type, std::string_view id,
                           std::string_view field) {
  const CourseDefinition& def = c.blocks[IndexOf(c, type, id)].definition;
  const std::string_view* v = field == "data" ? def.data() : def.attribute(field);
  return v != nullptr ? std::string(*v) : "<unset>";
}

// Every block as one line: id, parent, children, attributes and content,
// leaving out `skip_field` (and `skip_also`) and the data (a problem's holds its attributes)
// of block `skip_id` ("TYPE/ID"), so two loads can be compared except for
// what an edit meant to change.
inline std::vector<std::string> Picture(const Course& c, const std::string& skip_id = "",
                                        std::string_view skip_field = "",
                                        std::string_view skip_also = "") {
  auto id = [&c](int64_t i) {
    if (i < 0) return std::string("-");
    const CourseBlock& b = c.blocks[static_cast<size_t>(i)];
    return std::string(b.definition.block_type) + "/" + std::string(b.url_name) +
           (b.draft ? "(draft)" : "");
  };
  std::vector<std::string> out;
  for (size_t i = 0; i < c.blocks.size(); ++i) {
    const CourseBlock& b = c.blocks[i];
    std::string me = id(static_cast<int64_t>(i));
    bool skip = me == skip_id;
    std::string line = me + " key=" + std::string(b.usage_key) + " parent=" + id(b.parent) + " [";
    for (uint32_t k : b.children) line += id(k) + " ";
    line += "]";
    for (const CourseAttribute& a : b.definition.attributes) {
      if (skip && (a.name == skip_field || a.name == skip_also)) continue;
      line += " " + std::string(a.name) + "=" + std::string(a.value);
    }
    const std::string_view* data = b.definition.data();
    if (data != nullptr && !skip) line += " data=" + std::string(*data);
    line += " body=" + std::string(b.definition.body);
    out.push_back(line);
  }
  return out;
}

inline std::set<std::string> PathsOf(const std::vector<FileChange>& changes) {
  std::set<std::string> out;
  for (const FileChange& c : changes) out.insert((c.remove ? "-" : "") + c.path);
  return out;
}

inline std::string Errors(const Course& c) {
  std::string out;
  for (const Diagnostic& d : c.diagnostics) {
    if (d.severity == Severity::kError) out += d.path + ": " + d.message + "\n";
  }
  return out;
}

}  // namespace blockrt::olx::edit_testing

#endif  // BLOCKRT_OLX_COURSE_COURSE_EDIT_TESTING_H_
