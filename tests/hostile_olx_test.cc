// Hostile inputs for olx (issue 10, group olx): course exports and OLX built
// by an attacker. Each test names the defect it pins; all run in well under
// a second in a Release build.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "olx/course/course.h"
#include "olx/definition.h"

namespace blockrt::olx {
namespace {

namespace fs = std::filesystem;

class HostileOlx : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::path(::testing::TempDir()) /
            ("hostile_olx_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    dir_ = (base_ / "exp").string();
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(base_); }

  void Put(const std::string& rel, const std::string& text) {
    fs::path p = fs::path(dir_) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  void PutCourse(const std::string& body) {
    Put("course.xml", "<course url_name=\"r\" org=\"o\" course=\"c\"/>");
    Put("course/r.xml", "<course>" + body + "</course>");
  }
  static std::string Slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static bool HasMessage(const Course& c, const std::string& part, Diagnostic* found = nullptr) {
    for (const Diagnostic& d : c.diagnostics) {
      if (d.message.find(part) != std::string::npos) {
        if (found != nullptr) *found = d;
        return true;
      }
    }
    return false;
  }
  static const CourseBlock* Find(const Course& c, std::string_view type, std::string_view name) {
    for (const CourseBlock& b : c.blocks) {
      if (b.definition.block_type == type && b.url_name == name) return &b;
    }
    return nullptr;
  }

  fs::path base_;
  std::string dir_;
};

// Defect 1: filename= and url_name with ".." never read outside the export.
TEST_F(HostileOlx, D01_TraversalOnLoadIsRefusedWithALocatedError) {
  std::ofstream(base_ / "outside.xml") << "<problem><p>SECRET</p></problem>";
  fs::create_directories(base_ / "problem");
  std::ofstream(base_ / "problem" / "outside.xml") << "<problem><p>SECRET</p></problem>";
  PutCourse(
      "<chapter url_name=\"ch\"><sequential url_name=\"s\"><vertical url_name=\"v\">"
      "<problem filename=\"../../outside\" url_name=\"a\"/>"
      "<problem url_name=\"..:outside\"/>"
      "<html url_name=\"h\" filename=\"../../outside\"/>"
      "</vertical></sequential></chapter>");
  auto course = LoadCourse(dir_);
  ASSERT_TRUE(course.ok()) << course.status().ToString();
  for (const CourseBlock& b : course->blocks) {
    for (const CourseField& f : b.definition.fields) {
      EXPECT_EQ(f.value.find("SECRET"), std::string_view::npos) << b.url_name;
    }
  }
  Diagnostic d;
  ASSERT_TRUE(HasMessage(*course, "unsafe path", &d));
  EXPECT_EQ(d.path, "course/r.xml");
  EXPECT_GT(d.line, 0u);
  EXPECT_GT(d.column, 0u);
}

// Defect 1: an inline block whose url_name climbs out is skipped, so export
// cannot write outside OUT.
TEST_F(HostileOlx, D01_InlineUrlNameCannotWriteOutsideTheExport) {
  PutCourse(
      "<chapter url_name=\"ch\"><sequential url_name=\"..:..:..:PWNED\">"
      "<vertical url_name=\"v\"><done url_name=\"d\" xblock-family=\"xblock.v1\"/></vertical>"
      "</sequential></chapter>");
  auto course = LoadCourse(dir_);
  ASSERT_TRUE(course.ok());
  EXPECT_TRUE(HasMessage(*course, "not a safe file name"));
  EXPECT_EQ(Find(*course, "sequential", "..:..:..:PWNED"), nullptr);
  fs::path out = base_ / "a" / "b" / "out";
  ASSERT_TRUE(ExportCourse(*course, out.string()).ok());
  EXPECT_FALSE(fs::exists(base_ / "a" / "PWNED.xml"));
  EXPECT_FALSE(fs::exists(base_ / "PWNED.xml"));
  for (auto& e : fs::recursive_directory_iterator(base_)) {
    EXPECT_EQ(e.path().filename().string().find("PWNED"), std::string::npos) << e.path();
  }
}

// Defect 1: symlinks that leave the export are neither read nor copied.
TEST_F(HostileOlx, D01_SymlinksOutOfTheExportAreRefused) {
  std::ofstream(base_ / "secret.txt") << "<problem><p>SECRET</p></problem>";
  PutCourse(
      "<chapter url_name=\"ch\"><sequential url_name=\"s\"><vertical url_name=\"v\">"
      "<problem url_name=\"p\"/></vertical></sequential></chapter>");
  fs::create_directories(fs::path(dir_) / "problem");
  fs::create_symlink(base_ / "secret.txt", fs::path(dir_) / "problem" / "p.xml");
  auto course = LoadCourse(dir_);
  ASSERT_TRUE(course.ok());
  EXPECT_TRUE(HasMessage(*course, "leads out of"));
  EXPECT_EQ(Find(*course, "problem", "p"), nullptr);
  // A static/ asset linking out fails the export, leaving nothing behind.
  fs::create_directories(fs::path(dir_) / "static");
  fs::create_symlink(base_ / "secret.txt", fs::path(dir_) / "static" / "leak.txt");
  fs::path out = base_ / "out";
  Status st = ExportCourse(*course, out.string());
  EXPECT_FALSE(st.ok());
  EXPECT_FALSE(fs::exists(out));
  for (auto& e : fs::directory_iterator(base_)) {
    EXPECT_EQ(e.path().filename().string().find(".export-"), std::string::npos) << e.path();
  }
}

// Defect 13: OUT inside DIR is refused before anything is written, also
// through a symlink; a refused export leaves no folder.
TEST_F(HostileOlx, D13_ExportIntoItselfIsRefused) {
  PutCourse("<chapter url_name=\"ch\"/>");
  Put("chapter/ch.xml", "<chapter/>");
  Put("static/a.txt", "asset");
  auto course = LoadCourse(dir_);
  ASSERT_TRUE(course.ok());
  for (std::string out : {dir_ + "/static/out", dir_, dir_ + "/", dir_ + "/x/../static/y"}) {
    Status st = ExportCourse(*course, out);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument) << out << ": " << st.ToString();
  }
  fs::create_directory_symlink(fs::path(dir_) / "static", base_ / "link");
  EXPECT_FALSE(ExportCourse(*course, (base_ / "link" / "out").string()).ok());
  EXPECT_FALSE(fs::exists(fs::path(dir_) / "static" / "out"));
  EXPECT_FALSE(fs::exists(fs::path(dir_) / "static" / "y"));
  // Outside DIR it works, and the result is complete.
  ASSERT_TRUE(ExportCourse(*course, (base_ / "good").string()).ok());
  EXPECT_EQ(Slurp(base_ / "good" / "static" / "a.txt"), "asset");
}

// Defect 14: an invalid grading_policy.json (and every copied file) is
// exported byte for byte.
TEST_F(HostileOlx, D14_InvalidGradingPolicyIsCopiedUnchanged) {
  PutCourse("<chapter url_name=\"ch\"/>");
  Put("chapter/ch.xml", "<chapter/>");
  const std::string grading =
      "{\"GRADER\": [{\"type\": \"HW\", \"weight\": \"lots\", \"min_count\": -3,"
      " \"extra\": [1,2]}],\n \"GRADE_CUTOFFS\": {\"Pass\": 7}}\n";
  const std::string policy = "{\"course/r\": {\"display_name\": \"x\",  \"zz\": 1.50}}\n";
  Put("policies/r/grading_policy.json", grading);
  Put("policies/r/policy.json", policy);
  auto course = LoadCourse(dir_);
  ASSERT_TRUE(course.ok());
  ASSERT_TRUE(ExportCourse(*course, (base_ / "out").string()).ok());
  EXPECT_EQ(Slurp(base_ / "out" / "policies" / "r" / "grading_policy.json"), grading);
  EXPECT_EQ(Slurp(base_ / "out" / "policies" / "r" / "policy.json"), policy);
}

// Defect 16: JSON nested 200k deep in every JSON olx reads is an error with
// a position, not a crash.
TEST_F(HostileOlx, D16_DeepJsonIsAnErrorNotACrash) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  PutCourse("<chapter url_name=\"ch\"/>");
  Put("chapter/ch.xml", "<chapter/>");
  Put("policies/r/policy.json", "{\"course/r\": {\"tabs\": " + deep + "}}");
  Put("policies/r/grading_policy.json", "{\"GRADER\": " + deep + "}");
  Put("info/updates.items.json", deep);
  auto course = LoadCourse(dir_);
  ASSERT_TRUE(course.ok());
  size_t deep_errors = 0;
  for (const Diagnostic& d : course->diagnostics) {
    if (d.message.find("nested deeper than") != std::string::npos) {
      ++deep_errors;
      EXPECT_EQ(d.line, 1u);
      EXPECT_GT(d.column, 1u);
    }
  }
  EXPECT_EQ(deep_errors, 2u);  // the SLUG.FIELD.json is skipped, as invalid JSON is
  EXPECT_TRUE(ExportCourse(*course, (base_ / "out").string()).ok());
}

// Defect 16: deeply nested XML is a located error in both OLX parsers.
TEST_F(HostileOlx, D16_DeepXmlIsALocatedError) {
  std::string xml = "<problem>";
  for (int i = 0; i < 100000; ++i) xml += "<b>";
  auto def = ParseDefinition("p.xml", xml, ParseOptions{});
  ASSERT_FALSE(def.ok());
  EXPECT_NE(def.status().message().find("p.xml:1:"), std::string::npos) << def.status().message();
  PutCourse("<chapter url_name=\"ch\"/>");
  Put("chapter/ch.xml", "<chapter>" + xml + "</chapter>");
  auto course = LoadCourse(dir_);
  ASSERT_TRUE(course.ok());
  EXPECT_GT(course->error_count(), 0u);
}

double SecondsOf(const std::function<void()>& f) {
  auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Defect 19: 40k attributes (one duplicated at the end) parse in linear time.
TEST_F(HostileOlx, D19_ManyAttributesAreLinear) {
  std::string xml = "<problem";
  for (int i = 0; i < 40000; ++i) xml += " a" + std::to_string(i) + "=\"v\"";
  std::string dup = xml + " a17=\"w\"/>";
  xml += "/>";
  double s = SecondsOf([&] {
    EXPECT_TRUE(ParseDefinition("p.xml", xml, ParseOptions{}).ok());
    auto bad = ParseDefinition("p.xml", dup, ParseOptions{});
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("duplicate attribute 'a17'"), std::string::npos);
  });
  EXPECT_LT(s, 2.0);
}

// Defect 19: 100k duplicate sibling pointers (renamed problems, shared html,
// nameless blocks) load in linear time, and so does a 100k-field policy.
TEST_F(HostileOlx, D19_ManyDuplicateSiblingsAreLinear) {
  std::string body =
      "<chapter url_name=\"ch\"><sequential url_name=\"s\"><vertical url_name=\"v\">\n";
  for (int i = 0; i < 40000; ++i) body += "<problem url_name=\"p\"/>\n";
  for (int i = 0; i < 30000; ++i) body += "<html url_name=\"h\"/>\n";
  for (int i = 0; i < 30000; ++i) body += "<problem><p>x</p></problem>\n";
  body += "</vertical></sequential></chapter>";
  PutCourse(body);
  Put("problem/p.xml", "<problem><p>x</p></problem>");
  Put("html/h.xml", "<html filename=\"h\"/>");
  Put("html/h.html", "<p>h</p>");
  std::string policy = "{\"course/r\": {";
  for (int i = 0; i < 100000; ++i) policy += "\"f" + std::to_string(i) + "\": 1,";
  policy += "\"display_name\": \"x\"}}";
  Put("policies/r/policy.json", policy);
  CourseLoadOptions options;
  options.max_blocks = 200000;
  Result<Course> course = Status::NotFound("");
  double s = SecondsOf([&] { course = LoadCourse(dir_, options); });
  ASSERT_TRUE(course.ok());
  // The 39,999 repeated problem pointers are renamed (make_name_unique), name
  // no file and are dropped; the rest load.
  EXPECT_GE(course->blocks.size(), 60000u);
  EXPECT_LT(s, 3.0) << "100k siblings took " << s << " s";
  double e = SecondsOf([&] { EXPECT_TRUE(ExportCourse(*course, (base_ / "out").string()).ok()); });
  EXPECT_LT(e, 5.0);
}

// Defect 24: policy values of the wrong JSON type are reported at
// path:line:col; an integer no double holds stays as written.
TEST_F(HostileOlx, D24_PolicyValueTypesAndRanges) {
  PutCourse(
      "<chapter url_name=\"ch\"><sequential url_name=\"s\"><vertical url_name=\"v\">"
      "<problem url_name=\"p\"><p>x</p></problem></vertical></sequential></chapter>");
  Put("policies/r/policy.json",
      "{\n"
      "  \"chapter/ch\": {\"display_name\": [\"x\"],\n"
      "                 \"start\": 12345},\n"
      "  \"problem/p\": {\"max_attempts\": 99999999999999999999999999999, \"weight\": 0.10}\n"
      "}\n");
  auto course = LoadCourse(dir_);
  ASSERT_TRUE(course.ok());
  Diagnostic d;
  ASSERT_TRUE(HasMessage(*course, "'display_name' of chapter/ch is a list", &d));
  EXPECT_EQ(d.path, "policies/r/policy.json");
  EXPECT_EQ(d.line, 2u);
  EXPECT_EQ(d.column, 34u);  // the "[" of the value
  ASSERT_TRUE(HasMessage(*course, "'start' of chapter/ch is a number", &d));
  EXPECT_EQ(d.line, 3u);
  ASSERT_TRUE(HasMessage(*course, "out of range for an integer", &d));
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.line, 4u);
  const CourseBlock* p = Find(*course, "problem", "p");
  ASSERT_NE(p, nullptr);
  ASSERT_NE(p->definition.attribute("max_attempts"), nullptr);
  EXPECT_EQ(*p->definition.attribute("max_attempts"), "99999999999999999999999999999");
  EXPECT_EQ(*p->definition.attribute("weight"), "0.10");
}

// The tree a course means: every block's type, id and definition, in order.
std::string TreeOf(const Course& c, uint32_t i = 0) {
  const CourseBlock& b = c.blocks[i];
  std::string out = "(" + std::string(b.definition.block_type) + "/" + std::string(b.url_name);
  for (const CourseAttribute& a : b.definition.attributes) {
    out += " " + std::string(a.name) + "=" + std::string(a.value);
  }
  out += " [" + std::string(b.definition.body) + "]";
  if (const std::string_view* data = b.definition.data()) out += " {" + std::string(*data) + "}";
  for (uint32_t k : b.children) out += TreeOf(c, k);
  return out + ")";
}

// Defect 27: a usage defined twice (edx-platform's xml_dag) means its last
// definition; load(export(load(x))) == load(x).
TEST_F(HostileOlx, D27_DuplicateUsagesSurviveARoundTrip) {
  PutCourse(
      "<chapter url_name=\"ch\"><sequential><vertical filename=\"vt\" url_name=\"vt\"/>"
      "</sequential><sequential><vertical url_name=\"zeta\"><html url_name=\"toy\"/>"
      "<discussion discussion_id=\"dup\" url_name=\"dup\" discussion_category=\"Lectures\"/>"
      "</vertical></sequential></chapter>");
  Put("vertical/vt.xml",
      "<sequential><html url_name=\"toy\"/><discussion for=\"topic 0\" id=\"dup\" slug=\"dup\" "
      "discussion_category=\"Lecture\"/></sequential>");
  Put("html/toy.xml", "<html filename=\"toy\"/>");
  Put("html/toy.html", "<p>toy</p>");
  auto first = LoadCourse(dir_);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(HasMessage(*first, "duplicate usage discussion/dup"));
  ASSERT_TRUE(ExportCourse(*first, (base_ / "out").string()).ok());
  auto again = LoadCourse((base_ / "out").string());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(TreeOf(*again), TreeOf(*first));
  EXPECT_NE(TreeOf(*first).find("Lectures"), std::string::npos);
  EXPECT_EQ(TreeOf(*first).find("Lecture "), std::string::npos);
}

TEST_F(HostileOlx, D27_XmlDagCorpusRoundTrips) {
  const std::string dag =
      std::string(BLOCKRT_CORPORA_DIR) + "/edx-platform-test-data/common/test/data/xml_dag";
  if (!fs::exists(dag)) GTEST_SKIP() << "no corpus at " << dag;
  auto first = LoadCourse(dag);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(ExportCourse(*first, (base_ / "out").string()).ok());
  auto again = LoadCourse((base_ / "out").string());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(TreeOf(*again), TreeOf(*first));
}

}  // namespace
}  // namespace blockrt::olx
