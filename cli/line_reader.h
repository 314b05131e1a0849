// Streams lines from a file descriptor through one fixed buffer, so a
// 1 GB input is read in constant memory. Lines longer than the limit are
// reported as overlong instead of growing the buffer. Newlines are found for
// a whole slice of the buffer at once, so handing out a line is a load from
// that index rather than a scan with a hard-to-predict exit.
#ifndef BLOCKRT_CLI_LINE_READER_H_
#define BLOCKRT_CLI_LINE_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace blockrt::cli {

class LineReader {
 public:
  // Takes ownership of nothing: `fd` stays open after the reader is gone.
  explicit LineReader(int fd, size_t buffer_size = 4 << 20);

  // Sets *line to the next line without its '\n' (valid until the next call;
  // at least kPadding readable bytes follow it) and returns true; false at end
  // of input or on a read error (see error()). *overlong is set when the line
  // exceeded the buffer and was truncated.
  bool Next(std::string_view* line, bool* overlong) {
    if (next_ < count_) {
      const uint32_t end = ends_[next_++];
      *line = std::string_view(buf_.data() + begin_, end - begin_);
      consumed_ += end - begin_ + 1;
      begin_ = end + 1;
      *overlong = false;
      return true;
    }
    return NextSlow(line, overlong);
  }

  const std::string& error() const { return error_; }
  uint64_t bytes_consumed() const { return consumed_; }

  static constexpr size_t kPadding = 64;

 private:
  bool NextSlow(std::string_view* line, bool* overlong);
  bool Fill();
  void IndexNewlines();
  int fd_;
  std::vector<char> buf_;  // capacity_ bytes of data plus kPadding
  size_t capacity_;
  size_t begin_ = 0, end_ = 0;  // unread bytes
  size_t scanned_ = 0;          // newlines in [begin_, scanned_) are in ends_
  std::vector<uint32_t> ends_;  // offsets of indexed newlines in buf_
  size_t next_ = 0, count_ = 0;
  bool eof_ = false;
  uint64_t consumed_ = 0;
  std::string error_;
  std::string overlong_prefix_;
};

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_LINE_READER_H_
