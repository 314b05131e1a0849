// Fuzzes course import: the input is split on "\n===\n" into the files of a
// small export (course.xml, course/r.xml, chapter/c.xml, vertical/v.xml,
// html/h.xml, html/h.html, policies/r/policy.json, drafts/vertical/d.xml,
// policies/r/grading_policy.json, about/overview.html, info/updates.items.json,
// tabs/t.html),
// written to a private temporary directory, then loaded and exported.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>

#include "olx/course/course.h"

namespace {

const char* const kFiles[] = {"course.xml",
                              "course/r.xml",
                              "chapter/c.xml",
                              "vertical/v.xml",
                              "html/h.xml",
                              "html/h.html",
                              "policies/r/policy.json",
                              "drafts/vertical/d.xml",
                              "policies/r/grading_policy.json",
                              "about/overview.html",
                              "info/updates.items.json",
                              "tabs/t.html"};

std::string& WorkDir() {
  static std::string dir = [] {
    std::string base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
    return base + "/olx_course_fuzz." + std::to_string(getpid());
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::error_code ec;
  const std::string& dir = WorkDir();
  fs::remove_all(dir, ec);
  size_t pos = 0;
  for (const char* name : kFiles) {
    if (pos > in.size()) break;
    size_t end = in.find("\n===\n", pos);
    std::string_view part = in.substr(pos, end == std::string_view::npos ? in.npos : end - pos);
    fs::path p = fs::path(dir) / name;
    fs::create_directories(p.parent_path(), ec);
    std::ofstream(p, std::ios::binary)
        .write(part.data(), static_cast<std::streamsize>(part.size()));
    if (end == std::string_view::npos) break;
    pos = end + 5;
  }
  blockrt::olx::CourseLoadOptions options;
  options.max_file_bytes = 1 << 16;
  options.max_blocks = 20000;  // shared files may still fan out (a DAG); keep RSS small
  auto course = blockrt::olx::LoadCourse(dir, options);
  if (course.ok()) {
    (void)course->Depth();
    (void)course->CountByType(false);
    std::string out = dir + ".out";
    fs::remove_all(out, ec);
    if (blockrt::olx::ExportCourse(*course, out).ok()) {
      auto again = blockrt::olx::LoadCourse(out, options);
      // An export must load again, with the same blocks when usage ids are
      // unique (duplicates share one file, so the last definition wins).
      std::set<std::pair<std::string, std::string>> ids;
      for (const auto& b : course->blocks) {
        ids.emplace(std::string(b.definition.block_type) + (b.draft ? "@draft" : ""),
                    std::string(b.url_name));
      }
      bool unique = ids.size() == course->blocks.size();
      if (!again.ok() || (unique && again->blocks.size() != course->blocks.size())) std::abort();
    }
    fs::remove_all(out, ec);
  }
  fs::remove_all(dir, ec);
  return 0;
}
