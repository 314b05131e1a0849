#include "cli/line_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

namespace blockrt::cli {
namespace {

struct Line {
  std::string text;
  bool overlong;
  bool operator==(const Line& o) const { return text == o.text && overlong == o.overlong; }
};

// Writes `input` into a pipe in `write_size` pieces (so reads return short
// counts) and collects every line the reader hands out.
std::vector<Line> ReadAll(const std::string& input, size_t buffer_size, size_t write_size,
                          uint64_t* consumed) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  std::thread writer([&] {
    for (size_t i = 0; i < input.size(); i += write_size) {
      size_t n = std::min(write_size, input.size() - i);
      EXPECT_EQ(::write(fds[1], input.data() + i, n), static_cast<ssize_t>(n));
    }
    ::close(fds[1]);
  });
  std::vector<Line> lines;
  {
    LineReader reader(fds[0], buffer_size);
    std::string_view line;
    bool overlong = false;
    while (reader.Next(&line, &overlong)) lines.push_back({std::string(line), overlong});
    EXPECT_EQ(reader.error(), "");
    *consumed = reader.bytes_consumed();
  }
  writer.join();
  ::close(fds[0]);
  return lines;
}

std::vector<Line> Expected(const std::string& input, size_t buffer_size) {
  std::vector<Line> out;
  size_t s = 0;
  while (s < input.size()) {
    size_t e = input.find('\n', s);
    if (e == std::string::npos) e = input.size();
    if (e - s >= buffer_size) {
      out.push_back({input.substr(s, 64), true});
    } else {
      out.push_back({input.substr(s, e - s), false});
    }
    s = e + 1;
  }
  return out;
}

TEST(LineReaderTest, SplitsLinesAcrossRefillsAndSlices) {
  std::string many;
  for (int i = 0; i < 40000; ++i) many += std::string(static_cast<size_t>(i % 97), 'k') + "\n";
  struct Case {
    const char* name;
    std::string input;
    size_t buffer_size;
  };
  const Case cases[] = {
      {"empty", "", 128},
      {"one line, no newline", "course-v1:a+b+c", 128},
      {"trailing newline", "a\nb\n", 128},
      {"empty lines", "\n\n\na\n\n", 128},
      {"carriage return kept", "a\r\nb\r\n", 128},
      {"line fills the buffer exactly minus newline", std::string(127, 'x') + "\nz", 128},
      {"overlong line in the middle", "a\n" + std::string(300, 'y') + "\nb\n", 128},
      {"overlong last line without newline", "a\n" + std::string(1000, 'y'), 128},
      {"newlines on 64-byte block edges", std::string(63, 'a') + "\n" + std::string(64, 'b') + "\n",
       256},
      {"many lines through a small buffer", many, 4096},
      {"many lines through slices of the index", many, 1 << 20},
  };
  for (const Case& c : cases) {
    for (size_t write_size : {size_t{1}, size_t{7}, size_t{4096}}) {
      if (write_size == 1 && c.input.size() > 100000) continue;
      uint64_t consumed = 0;
      EXPECT_EQ(ReadAll(c.input, c.buffer_size, write_size, &consumed),
                Expected(c.input, c.buffer_size))
          << c.name << " (writes of " << write_size << ")";
      EXPECT_EQ(consumed, c.input.size()) << c.name;
    }
  }
}

// Regular files are mapped in windows; lines cross window edges, overlong
// lines sit inside windows, and the file's last stretch is read.
TEST(LineReaderTest, MappedWindowsGiveTheSameLines) {
  std::string input;
  for (int i = 0; i < 60000; ++i) {
    input += std::string(static_cast<size_t>((i * 7919) % 113), 'm') + std::to_string(i) + "\n";
    if (i % 9000 == 0) input += std::string(5000, 'L') + "\n";  // longer than the buffer
  }
  input += "last line without newline";
  char path[] = "/tmp/line_reader_test_XXXXXX";
  int fd = ::mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, input.data(), input.size()), static_cast<ssize_t>(input.size()));
  struct Case {
    size_t buffer_size, window_size;
    off_t start;
  };
  const long page = ::sysconf(_SC_PAGESIZE);
  const auto pages = [page](size_t n) { return n * static_cast<size_t>(page); };
  for (const Case& c :
       {Case{4096, pages(1), 0}, Case{4096, pages(16), 0}, Case{1 << 20, 64 << 20, 0},
        Case{4096, pages(16), 12345}, Case{2000, pages(3), 777}}) {
    ASSERT_EQ(::lseek(fd, c.start, SEEK_SET), c.start);
    LineReader reader(fd, c.buffer_size, c.window_size);
    std::vector<Line> lines;
    std::string_view line;
    bool overlong = false;
    while (reader.Next(&line, &overlong)) lines.push_back({std::string(line), overlong});
    EXPECT_EQ(reader.error(), "");
    const std::string rest = input.substr(static_cast<size_t>(c.start));
    EXPECT_EQ(reader.bytes_consumed(), rest.size());
    std::vector<Line> want = Expected(rest, c.buffer_size);
    ASSERT_EQ(lines.size(), want.size()) << c.window_size;
    for (size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(lines[i], want[i]) << "line " << i << " window " << c.window_size;
    }
  }
  ::close(fd);
  ::unlink(path);
}

TEST(LineReaderTest, ReportsReadErrors) {
  LineReader reader(-1, 128);
  std::string_view line;
  bool overlong = false;
  EXPECT_FALSE(reader.Next(&line, &overlong));
  EXPECT_NE(reader.error(), "");
}

}  // namespace
}  // namespace blockrt::cli
