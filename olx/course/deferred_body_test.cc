// Deferred html bodies: located but not read at load, and read later to the
// very data a full load gives.
#include <gtest/gtest.h>

#include "olx/course/course.h"
#include "olx/file_source.h"

namespace blockrt::olx {
namespace {

MemoryFileSource Export() {
  MemoryFileSource files;
  EXPECT_TRUE(files.Put("course.xml", "<course url_name=\"R\" org=\"O\" course=\"C\"/>").ok());
  EXPECT_TRUE(files
                  .Put("course/R.xml",
                       "<course><chapter url_name=\"c\"><html url_name=\"a\"/>"
                       "<html url_name=\"b\"><p>inline</p></html><html url_name=\"m\"/>"
                       "</chapter></course>")
                  .ok());
  EXPECT_TRUE(files.Put("html/a.xml", "<html filename=\"a\" display_name=\"A\"/>").ok());
  EXPECT_TRUE(files.Put("html/a.html", "<p>body &amp; more</p>\n").ok());
  EXPECT_TRUE(files.Put("html/m.xml", "<html filename=\"missing\"/>").ok());
  return files;
}

const CourseBlock* Find(const Course& c, std::string_view id) {
  for (const CourseBlock& b : c.blocks) {
    if (b.url_name == id) return &b;
  }
  return nullptr;
}

TEST(DeferredHtmlBody, ReadLaterEqualsAFullLoad) {
  MemoryFileSource files = Export();
  auto full = LoadCourse(files);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  CourseLoadOptions options;
  options.defer_html_bodies = true;
  auto lazy = LoadCourse(files, options);
  ASSERT_TRUE(lazy.ok()) << lazy.status().ToString();
  ASSERT_EQ(lazy->blocks.size(), full->blocks.size());

  const CourseBlock* a = Find(*lazy, "a");
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->body_deferred);
  EXPECT_EQ(a->html_file, "html/a.html");
  ASSERT_NE(a->definition.data(), nullptr);
  EXPECT_TRUE(a->definition.data()->empty());
  auto body = ReadDeferredHtmlBody(files, *a);
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, *Find(*full, "a")->definition.data());

  const CourseBlock* b = Find(*lazy, "b");  // inline markup: nothing to defer
  EXPECT_FALSE(b->body_deferred);
  EXPECT_EQ(ReadDeferredHtmlBody(files, *b).status().code(), Status::Code::kInvalidArgument);
  // A body that does not exist is reported at load either way.
  EXPECT_FALSE(Find(*lazy, "m")->body_deferred);
  EXPECT_EQ(lazy->error_count(), full->error_count());
  EXPECT_GE(lazy->error_count(), 1u);

  // Removed after the load: the later read says so.
  ASSERT_TRUE(files.Remove("html/a.html"));
  EXPECT_TRUE(ReadDeferredHtmlBody(files, *a).status().IsNotFound());
}

}  // namespace
}  // namespace blockrt::olx
