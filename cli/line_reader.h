// Streams lines from a file descriptor in constant memory. Regular files are
// mapped a window at a time (no copy into user space); pipes, and the last
// stretch of a file, go through one fixed buffer. Lines longer than the
// buffer are reported as overlong instead of growing it. Newlines are found
// for a whole slice at once, so handing out a line is a load from that index
// rather than a scan with a hard-to-predict exit.
#ifndef BLOCKRT_CLI_LINE_READER_H_
#define BLOCKRT_CLI_LINE_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace blockrt::cli {

class LineReader {
 public:
  // Takes ownership of nothing: `fd` stays open after the reader is gone.
  // `window_size` (a multiple of the page size) is for tests.
  explicit LineReader(int fd, size_t buffer_size = 4 << 20, size_t window_size = 16 << 20);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Sets *line to the next line without its '\n' (valid until the next call;
  // at least kPadding readable bytes follow it) and returns true; false at end
  // of input or on a read error (see error()). *overlong is set when the line
  // was at least buffer_size bytes: *line is then its first 64 bytes.
  bool Next(std::string_view* line, bool* overlong) {
    if (next_ < count_) {
      const uint32_t end = ends_[next_];
      if (end - begin_ < capacity_) {
        ++next_;
        *line = std::string_view(data_ + begin_, end - begin_);
        consumed_ += end - begin_ + 1;
        begin_ = end + 1;
        *overlong = false;
        return true;
      }
    }
    return NextSlow(line, overlong);
  }

  const std::string& error() const { return error_; }
  uint64_t bytes_consumed() const { return consumed_; }

  static constexpr size_t kPadding = 64;

 private:
  bool NextSlow(std::string_view* line, bool* overlong);
  bool NextFromWindow(std::string_view* line, bool* overlong);
  bool NextFromBuffer(std::string_view* line, bool* overlong);
  bool MapWindow(uint64_t file_offset);
  void SwitchToBuffer(uint64_t file_offset);
  void Unmap();
  bool Fill();
  void IndexNewlines();

  int fd_;
  // capacity_ bytes of data plus kPadding, left uninitialized (zeroing 4 MB
  // cost a start-up millisecond of page faults): the kPadding bytes after the
  // data read so far are zeroed after each read instead.
  std::unique_ptr<char[]> buf_;
  size_t capacity_;
  const char* data_;                  // buf_ or the mapped window
  size_t begin_ = 0, end_ = 0;        // unread bytes of data_
  size_t scanned_ = 0;                // newlines in [begin_, scanned_) are in ends_
  std::unique_ptr<uint32_t[]> ends_;  // offsets of indexed newlines in data_
  size_t next_ = 0, count_ = 0;
  bool eof_ = false;
  uint64_t consumed_ = 0;
  std::string error_;
  std::string overlong_prefix_;
  // Mapping of a regular file: [map_offset_, map_offset_ + map_length_) with
  // lines handed out up to end_; window_limit_ is where mapping stops and the
  // buffer takes over, so the final bytes still get their padding.
  bool mapped_mode_ = false;
  char* map_ = nullptr;
  size_t map_length_ = 0;
  uint64_t map_offset_ = 0;
  uint64_t window_limit_ = 0;
  size_t window_size_;
};

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_LINE_READER_H_
