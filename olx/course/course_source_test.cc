// LoadCourse over a FileSource: the same files give the same course whether
// they come from a directory or from memory, and the loader reads nothing
// except through the source.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "olx/course/course.h"
#include "olx/course/course_text.h"
#include "olx/file_source.h"

namespace blockrt::olx {
namespace {

const std::string kFixtures = std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/olx/";

TEST(CourseSourceTest, MemoryLoadEqualsDiskLoad) {
  for (std::string name : {"course_basic", "course_extras", "library_v1"}) {
    SCOPED_TRACE(name);
    std::string dir = kFixtures + name;
    auto disk = LoadCourse(dir);
    ASSERT_TRUE(disk.ok()) << disk.status().ToString();
    // Named like the directory, so diagnostics and messages match byte for byte.
    MemoryFileSource memory(dir + "/");
    ASSERT_TRUE(CopyFiles(*OpenDirectorySource(dir), 16u << 20, &memory).ok());
    auto from_memory = LoadCourse(memory);
    ASSERT_TRUE(from_memory.ok()) << from_memory.status().ToString();
    EXPECT_GE(disk->blocks.size(), 3u);
    EXPECT_EQ(CourseText(*from_memory), CourseText(*disk));
    EXPECT_EQ(from_memory->root_dir, disk->root_dir);
    EXPECT_EQ(disk->root_dir, dir + "/");
  }
}

// A course that exists only in memory: pointers, drafts/ and about/ are all
// found through the source's reads and listings.
TEST(CourseSourceTest, LoadsACourseHeldOnlyInMemory) {
  MemoryFileSource m;
  ASSERT_TRUE(m.Put("course.xml", R"(<course url_name="R" org="O" course="C"/>)").ok());
  ASSERT_TRUE(m.Put("course/R.xml", R"(<course><chapter url_name="ch"/></course>)").ok());
  ASSERT_TRUE(
      m.Put("chapter/ch.xml", R"(<chapter display_name="Ch"><problem url_name="p"/></chapter>)")
          .ok());
  ASSERT_TRUE(m.Put("problem/p.xml", R"(<problem max_attempts="2"><p>Q</p></problem>)").ok());
  ASSERT_TRUE(m.Put("policies/R/policy.json", R"({"problem/p": {"weight": 3}})").ok());
  ASSERT_TRUE(m.Put("drafts/vertical/dv.xml",
                    R"(<vertical parent_url="block-v1:O+C+R+type@chapter+block@ch" )"
                    R"(index_in_children_list="0"/>)")
                  .ok());
  ASSERT_TRUE(m.Put("about/overview.html", "<p>About</p>").ok());
  auto course = LoadCourse(m);
  ASSERT_TRUE(course.ok()) << course.status().ToString();
  EXPECT_EQ(course->context_key, "course-v1:O+C+R");
  EXPECT_EQ(course->root_dir, "memory:");
  std::map<std::string, size_t> want = {
      {"about", 1}, {"chapter", 1}, {"course", 1}, {"problem", 1}};
  EXPECT_EQ(course->CountByType(false), want);
  EXPECT_EQ(course->CountByType(true), (std::map<std::string, size_t>{{"vertical", 1}}));
  const CourseField* weight = nullptr;
  for (const CourseBlock& b : course->blocks) {
    if (b.definition.block_type == "problem") weight = b.definition.field("weight");
  }
  ASSERT_NE(weight, nullptr);
  EXPECT_EQ(weight->value, "3");
}

// A problem's data is its element without settings attributes, whichever
// way it was written (own file, inline with url_name, legacy filename=), and
// without what the policy added.
TEST(CourseSourceTest, ProblemDataHasNoSettingsAttributes) {
  MemoryFileSource m;
  ASSERT_TRUE(m.Put("course.xml", R"(<course url_name="R" org="O" course="C"/>)").ok());
  ASSERT_TRUE(m.Put("course/R.xml", R"(<course><chapter url_name="ch"/></course>)").ok());
  ASSERT_TRUE(
      m.Put(
           "chapter/ch.xml",
           R"(<chapter><vertical url_name="v">)"
           R"(<problem url_name="p"/>)"
           R"(<problem url_name="inl" display_name="I" showanswer="never" type="t"><p>i</p></problem>)"
           R"(<problem filename="legacy" weight="4"/>)"
           R"(</vertical></chapter>)")
          .ok());
  ASSERT_TRUE(m.Put("problem/p.xml",
                    R"(<problem display_name="P" markdown="m" rerandomize="always" due="2030" )"
                    R"(extra="kept"><p>Q</p></problem>)")
                  .ok());
  ASSERT_TRUE(m.Put("problem/legacy.xml", R"(<problem max_attempts="1"><p>L</p></problem>)").ok());
  ASSERT_TRUE(
      m.Put("policies/R/policy.json", R"({"problem/p": {"weight": 3, "zz_policy": "x"}})").ok());
  auto course = LoadCourse(m);
  ASSERT_TRUE(course.ok()) << course.status().ToString();
  std::map<std::string, std::string> data;
  for (const CourseBlock& b : course->blocks) {
    if (b.definition.block_type == "problem") data[std::string(b.url_name)] = *b.definition.data();
  }
  ASSERT_EQ(data.size(), 3u);  // the legacy one is named by its hash
  EXPECT_EQ(data["p"], R"(<problem extra="kept"><p>Q</p></problem>)");
  EXPECT_EQ(data["inl"], R"(<problem type="t"><p>i</p></problem>)");
  data.erase("p");
  data.erase("inl");
  EXPECT_EQ(data.begin()->second, R"(<problem><p>L</p></problem>)");
}

TEST(CourseSourceTest, ErrorsNameTheSource) {
  MemoryFileSource empty("mem:/x/");
  auto none = LoadCourse(empty);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(none.status().message(), "mem:/x/: no course.xml or library.xml");

  MemoryFileSource m("mem:/x/");
  ASSERT_TRUE(
      m.Put("course.xml", R"(<course url_name="R" org="O"><chapter url_name="gone"/></course>)")
          .ok());
  auto course = LoadCourse(m);
  ASSERT_TRUE(course.ok()) << course.status().ToString();
  EXPECT_EQ(course->course, "x");  // no course= attribute: the root's name, as on disk
  ASSERT_FALSE(course->diagnostics.empty());
  EXPECT_EQ(course->diagnostics[0].path, "course.xml");
  // A file over the limit is refused through the source like on disk.
  CourseLoadOptions small;
  small.max_file_bytes = 10;
  auto refused = LoadCourse(m, small);
  EXPECT_FALSE(refused.ok());
}

}  // namespace
}  // namespace blockrt::olx
