// The record tables of libraries and courses: one implementation, two codecs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "contexts/internal/course_table.h"
#include "contexts/internal/library_table.h"

namespace blockrt::contexts::internal {
namespace {

namespace fs = std::filesystem;

TEST(RoleNames, RoundTripAndRefuseUnknown) {
  for (CourseRole r : {CourseRole::kNone, CourseRole::kLearner, CourseRole::kStaff}) {
    EXPECT_EQ(CourseRoleFromName(CourseRoleName(r)), r);
  }
  for (LibraryRole r :
       {LibraryRole::kNone, LibraryRole::kLearner, LibraryRole::kAuthor, LibraryRole::kAdmin}) {
    EXPECT_EQ(LibraryRoleFromName(LibraryRoleName(r)), r);
  }
  EXPECT_EQ(CourseRoleName(CourseRole::kStaff), "staff");
  EXPECT_FALSE(CourseRoleFromName("author").has_value());
  EXPECT_FALSE(CourseRoleFromName("").has_value());
  EXPECT_FALSE(LibraryRoleFromName("staff").has_value());
}

TEST(CourseInfoRoleOf, UnknownAndEmptyUsersHoldNone) {
  CourseInfo info;
  info.roles["alice"] = CourseRole::kStaff;
  EXPECT_EQ(info.RoleOf("alice"), CourseRole::kStaff);
  EXPECT_EQ(info.RoleOf("bob"), CourseRole::kNone);
  EXPECT_EQ(info.RoleOf(""), CourseRole::kNone);
}

TEST(CourseCodec, RoundTrips) {
  CourseInfo info;
  info.key = "course-v1:O+C+R";
  info.bundle_uuid = "u-1";
  info.title = "T \xc3\xa9";
  info.allow_public_learning = true;
  info.roles = {{"alice", CourseRole::kStaff}, {"bob", CourseRole::kLearner}};
  Result<CourseInfo> back = DecodeCourse(info.key, EncodeCourse(info));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->key, info.key);
  EXPECT_EQ(back->bundle_uuid, info.bundle_uuid);
  EXPECT_EQ(back->title, info.title);
  EXPECT_TRUE(back->allow_public_learning);
  EXPECT_EQ(back->roles, info.roles);
}

TEST(CourseCodec, RefusesBadRecordsAsCorruption) {
  struct Case {
    const char* json;
    const char* why;
  } cases[] = {
      {"", "not a JSON object"},
      {"[]", "not a JSON object"},
      {"{}", "missing bundle"},
      {R"({"bundle": 3})", "missing bundle"},
      {R"({"bundle": "u", "roles": []})", "roles is not an object"},
      {R"({"bundle": "u", "roles": {"a": "author"}})", "bad role for user 'a'"},
      {R"({"bundle": "u", "roles": {"a": 1}})", "bad role for user 'a'"},
  };
  for (const Case& c : cases) {
    Result<CourseInfo> r = DecodeCourse("course-v1:O+C+R", c.json);
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.status().code(), Status::Code::kCorruption) << c.json;
    EXPECT_NE(r.status().message().find("course record 'course-v1:O+C+R'"), std::string::npos);
    EXPECT_NE(r.status().message().find(c.why), std::string::npos) << r.status().ToString();
  }
}

class TableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("blockrt_rt_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto st = store::Store::Open((dir_ / "a.db").string());
    ASSERT_TRUE(st.ok());
    store_ = std::move(*st);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(TableTest, CourseTableGetPutUpdateRemoveList) {
  CourseTable table(store_.get());
  Result<std::shared_ptr<const CourseInfo>> missing = table.Get("course-v1:O+C+R");
  ASSERT_TRUE(missing.status().IsNotFound());
  EXPECT_EQ(missing.status().message(), "course 'course-v1:O+C+R' does not exist");

  CourseInfo info;
  info.key = "course-v1:O+C+R";
  info.bundle_uuid = "b";
  ASSERT_TRUE(table.Put(info).ok());
  auto got = table.Get(info.key);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ((*got)->bundle_uuid, "b");
  EXPECT_EQ(table.Get(info.key)->get(), got->get());  // cached

  const uint64_t gen = table.generation();
  ASSERT_TRUE(table
                  .Update(info.key,
                          [](CourseInfo* c) {
                            c->roles["u"] = CourseRole::kLearner;
                            return Status::OK();
                          })
                  .ok());
  EXPECT_GT(table.generation(), gen);
  EXPECT_EQ((*table.Get(info.key))->RoleOf("u"), CourseRole::kLearner);
  // A failing change writes nothing.
  EXPECT_FALSE(table
                   .Update(info.key,
                           [](CourseInfo* c) {
                             c->title = "lost";
                             return Status::InvalidArgument("no");
                           })
                   .ok());
  EXPECT_EQ((*table.Get(info.key))->title, "");
  EXPECT_TRUE(
      table.Update("course-v1:O+C+X", [](CourseInfo*) { return Status::OK(); }).IsNotFound());

  ASSERT_EQ(table.List()->size(), 1u);
  ASSERT_TRUE(table.Remove(info.key).ok());
  EXPECT_TRUE(table.Get(info.key).status().IsNotFound());
  Status again = table.Remove(info.key);
  EXPECT_EQ(again.message(), "course 'course-v1:O+C+R' does not exist");
}

TEST_F(TableTest, TablesKeepTheirRecordsApart) {
  CourseTable courses(store_.get());
  LibraryTable libraries(store_.get());
  CourseInfo c;
  c.key = "k";
  c.bundle_uuid = "course-bundle";
  ASSERT_TRUE(courses.Put(c).ok());
  EXPECT_TRUE(libraries.Get("k").status().IsNotFound());
  EXPECT_EQ(libraries.Get("k").status().message(), "content library 'k' does not exist");
  EXPECT_EQ(*store_->GetRecord(kCourseTable, "k"),
            R"({"allow_public_learning":false,"bundle":"course-bundle","roles":{},"title":""})");
}

}  // namespace
}  // namespace blockrt::contexts::internal
