// Benchmarks for olx/ (figures go in the module note, not in tests):
//   BM_ParseDefinitions  every *.xml under BLOCKRT_OLX_CORPUS, parsed from memory
//   BM_CourseLoad        LoadCourse(BLOCKRT_OLX_COURSE): read + scan + parse + tree
//   BM_CourseLoadMemory  the same files from a MemoryFileSource: the loader without I/O
//   BM_ResolveFields     ResolveFields for every block of that course (items = blocks)
//   BM_ReadAndPugixml    the floor: read the same files and run pugixml on the XML
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

#include "olx/course/course.h"
#include "olx/course/field_resolution.h"
#include "olx/definition.h"
#include "olx/file_source.h"

namespace {

namespace fs = std::filesystem;

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

std::string CorpusDir() {
  return EnvOr("BLOCKRT_OLX_CORPUS", std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/olx");
}
std::string CourseDir() {
  return EnvOr("BLOCKRT_OLX_COURSE",
               std::string(BLOCKRT_SOURCE_DIR) + "/fixtures/olx/course_basic");
}

std::string Slurp(const std::string& path) {
  std::string out;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return out;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

struct File {
  std::string path;
  std::string bytes;
};

const std::vector<File>& CorpusFiles() {
  static const std::vector<File> files = [] {
    std::vector<File> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(CorpusDir(), ec), end; !ec && it != end;
         it.increment(ec)) {
      if (!it->is_regular_file() || it->path().extension() != ".xml") continue;
      if (it->path().filename().string().rfind("._", 0) == 0) continue;  // AppleDouble
      out.push_back(File{it->path().string(), Slurp(it->path().string())});
    }
    return out;
  }();
  return files;
}

void BM_ParseDefinitions(benchmark::State& state) {
  const std::vector<File>& files = CorpusFiles();
  blockrt::olx::ParseOptions options;
  options.bundle = false;  // course-export files: children are blocks, not includes
  size_t bytes = 0, ok = 0;
  for (const File& f : files) bytes += f.bytes.size();
  for (auto _ : state) {
    ok = 0;
    for (const File& f : files) {
      auto def = blockrt::olx::ParseDefinition(f.path, f.bytes, options);
      ok += def.ok();
      benchmark::DoNotOptimize(def);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * files.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["files"] = static_cast<double>(files.size());
  state.counters["parsed_ok"] = static_cast<double>(ok);
}
BENCHMARK(BM_ParseDefinitions)->Unit(benchmark::kMillisecond);

void BM_CourseLoad(benchmark::State& state) {
  size_t blocks = 0;
  for (auto _ : state) {
    auto course = blockrt::olx::LoadCourse(CourseDir());
    if (!course.ok()) {
      state.SkipWithError(course.status().ToString().c_str());
      return;
    }
    blocks = course->blocks.size();
    benchmark::DoNotOptimize(course);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * blocks));
  state.counters["blocks"] = static_cast<double>(blocks);
}
BENCHMARK(BM_CourseLoad)->Unit(benchmark::kMillisecond);

void BM_CourseLoadMemory(benchmark::State& state) {
  blockrt::olx::MemoryFileSource files(CourseDir() + "/");
  blockrt::Status copied =
      blockrt::olx::CopyFiles(*blockrt::olx::OpenDirectorySource(CourseDir()), 64u << 20, &files);
  if (!copied.ok()) {
    state.SkipWithError(copied.ToString().c_str());
    return;
  }
  size_t blocks = 0;
  for (auto _ : state) {
    auto course = blockrt::olx::LoadCourse(files);
    if (!course.ok()) {
      state.SkipWithError(course.status().ToString().c_str());
      return;
    }
    blocks = course->blocks.size();
    benchmark::DoNotOptimize(course);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * blocks));
  state.counters["blocks"] = static_cast<double>(blocks);
}
BENCHMARK(BM_CourseLoadMemory)->Unit(benchmark::kMillisecond);

void BM_ResolveFields(benchmark::State& state) {
  auto course = blockrt::olx::LoadCourse(CourseDir());
  if (!course.ok()) {
    state.SkipWithError(course.status().ToString().c_str());
    return;
  }
  std::vector<blockrt::olx::ResolvedField> fields;
  size_t resolved = 0;
  for (auto _ : state) {
    for (uint32_t i = 0; i < course->blocks.size(); ++i) {
      blockrt::olx::ResolveFields(*course, i, &fields);
      resolved += fields.size();
    }
    benchmark::DoNotOptimize(resolved);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * course->blocks.size()));
}
BENCHMARK(BM_ResolveFields)->Unit(benchmark::kMicrosecond);

// The files one load touches: every block's file, html bodies, root, policy.
std::vector<std::string> TouchedFiles() {
  std::set<std::string> rel;
  auto course = blockrt::olx::LoadCourse(CourseDir());
  if (!course.ok()) return {};
  for (const auto& b : course->blocks) {
    rel.insert(std::string(b.file));
    if (!b.html_file.empty()) rel.insert(std::string(b.html_file));
  }
  if (!course->policy_path.empty()) rel.insert(course->policy_path);
  rel.insert(course->kind == blockrt::olx::Course::Kind::kCourse ? "course.xml" : "library.xml");
  std::vector<std::string> out;
  for (const std::string& r : rel) out.push_back(CourseDir() + "/" + r);
  return out;
}

void BM_ReadAndPugixml(benchmark::State& state) {
  const std::vector<std::string> files = TouchedFiles();
  for (auto _ : state) {
    for (const std::string& path : files) {
      std::string bytes = Slurp(path);
      if (path.size() > 4 && path.compare(path.size() - 4, 4, ".xml") == 0) {
        pugi::xml_document doc;
        benchmark::DoNotOptimize(
            doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8));
      }
      benchmark::DoNotOptimize(bytes);
    }
  }
  state.counters["files"] = static_cast<double>(files.size());
}
BENCHMARK(BM_ReadAndPugixml)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
