// The real corpora (../shared/corpora, not part of the repository): every
// export loads without crashing, and the per-type counts of the two most
// realistic ones match a count made independently (a Python xml.etree walk of
// the same pointer rules, run while writing this test). Skipped when absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "olx/course/course.h"
#include "olx/course/course_text.h"
#include "olx/course/field_resolution.h"
#include "olx/file_source.h"

namespace {

namespace fs = std::filesystem;
const std::string kCorpora = BLOCKRT_CORPORA_DIR;

TEST(OlxCorporaTest, EveryExportLoads) {
  if (!fs::exists(kCorpora)) GTEST_SKIP() << "no corpora at " << kCorpora;
  size_t roots = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(kCorpora, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name != "course.xml" && name != "library.xml") continue;
    auto course = blockrt::olx::LoadCourse(it->path().parent_path().string());
    ++roots;
    // Either a tree or a located error; never a crash.
    if (course.ok()) {
      EXPECT_FALSE(course->blocks.empty()) << it->path();
    } else {
      EXPECT_FALSE(course.status().message().empty());
    }
  }
  EXPECT_GE(roots, 20u);
}

// The loader reads only through its FileSource: every export copied into
// memory loads to the same course (blocks, fields, diagnostics) as from disk.
TEST(OlxCorporaTest, MemoryLoadEqualsDiskLoad) {
  if (!fs::exists(kCorpora)) GTEST_SKIP() << "no corpora at " << kCorpora;
  size_t compared = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(kCorpora, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name != "course.xml" && name != "library.xml") continue;
    std::string dir = it->path().parent_path().string();
    auto disk = blockrt::olx::LoadCourse(dir);
    if (!disk.ok()) continue;
    blockrt::olx::MemoryFileSource memory(dir + "/");
    blockrt::Status copied =
        blockrt::olx::CopyFiles(*blockrt::olx::OpenDirectorySource(dir), 64u << 20, &memory);
    ASSERT_TRUE(copied.ok()) << copied.ToString();
    auto from_memory = blockrt::olx::LoadCourse(memory);
    ASSERT_TRUE(from_memory.ok()) << from_memory.status().ToString();
    EXPECT_EQ(blockrt::olx::CourseText(*from_memory), blockrt::olx::CourseText(*disk)) << dir;
    ++compared;
  }
  EXPECT_GE(compared, 20u);
}

// Every block of every export resolves: sorted, each field once, own fields
// as overrides.
TEST(OlxCorporaTest, EveryBlockResolvesItsFields) {
  if (!fs::exists(kCorpora)) GTEST_SKIP() << "no corpora at " << kCorpora;
  size_t blocks = 0;
  std::error_code ec;
  std::vector<blockrt::olx::ResolvedField> fields;
  for (fs::recursive_directory_iterator it(kCorpora, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name != "course.xml" && name != "library.xml") continue;
    auto course = blockrt::olx::LoadCourse(it->path().parent_path().string());
    if (!course.ok()) continue;
    for (uint32_t i = 0; i < course->blocks.size(); ++i, ++blocks) {
      blockrt::olx::ResolveFields(*course, i, &fields);
      for (size_t k = 1; k < fields.size(); ++k) ASSERT_LT(fields[k - 1].name, fields[k].name);
      for (const blockrt::olx::CourseField& f : course->blocks[i].definition.fields) {
        const blockrt::olx::ResolvedField* r = blockrt::olx::FindResolvedField(fields, f.name);
        ASSERT_NE(r, nullptr) << f.name;
        EXPECT_EQ(r->source, blockrt::olx::FieldSource::kOverride);
      }
    }
  }
  EXPECT_GT(blocks, 1000u);  // 1,555 when written
}

TEST(OlxCorporaTest, CountsMatchAnIndependentCount) {
  struct Case {
    const char* dir;
    std::map<std::string, size_t> counts;
  } cases[] = {
      // about/ and info/ files count one block per slug (ls about info).
      {"openedx-demo-course/demo-course/course",
       {{"about", 10},
        {"annotatable", 1},
        {"chapter", 6},
        {"course", 1},
        {"course_info", 2},
        {"discussion", 1},
        {"done", 1},
        {"drag-and-drop-v2", 1},
        {"edx_sga", 1},
        {"html", 266},
        {"library_content", 1},
        {"lti", 2},
        {"openassessment", 2},
        {"poll", 1},
        {"problem", 29},
        {"sequential", 17},
        {"staffgradedxblock", 1},
        {"survey", 1},
        {"vertical", 58},
        {"video", 11}}},
      {"cs50-python-studio-export",
       {{"about", 12},
        {"chapter", 12},
        {"course", 1},
        {"course_info", 2},
        {"problem", 144},
        {"sequential", 150},
        {"vertical", 301},
        {"video", 149}}},
  };
  for (const Case& c : cases) {
    std::string dir = kCorpora + "/" + c.dir;
    if (!fs::exists(dir)) GTEST_SKIP() << "no corpus at " << dir;
    auto course = blockrt::olx::LoadCourse(dir);
    ASSERT_TRUE(course.ok()) << course.status().ToString();
    EXPECT_EQ(course->CountByType(false), c.counts) << c.dir;
  }
}

}  // namespace
