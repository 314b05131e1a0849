#include "cli/line_reader.h"

#include <emmintrin.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace blockrt::cli {

namespace {

// Lines are short, so a 16-byte-at-a-time scan beats a libc call per line.
// `end` must be followed by at least 15 readable bytes (the buffer's padding).
const char* FindNewline(const char* p, const char* end) {
  const __m128i nl = _mm_set1_epi8('\n');
  for (; p < end; p += 16) {
    unsigned m = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), nl)));
    if (m) {
      const char* hit = p + __builtin_ctz(m);
      return hit < end ? hit : nullptr;
    }
  }
  return nullptr;
}

constexpr size_t kPadding = 16;

}  // namespace

LineReader::LineReader(int fd, size_t buffer_size)
    : fd_(fd), buf_(buffer_size + kPadding), capacity_(buffer_size) {}

bool LineReader::Fill() {
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  while (end_ < capacity_) {
    ssize_t n = ::read(fd_, buf_.data() + end_, capacity_ - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = std::strerror(errno);
      return false;
    }
    if (n == 0) {
      eof_ = true;
      break;
    }
    end_ += static_cast<size_t>(n);
    if (end_ - begin_ > 0) break;  // hand out what we have; refill on demand
  }
  return true;
}

bool LineReader::Next(std::string_view* line, bool* overlong) {
  *overlong = false;
  while (true) {
    const char* start = buf_.data() + begin_;
    const char* nl = FindNewline(start, buf_.data() + end_);
    if (nl != nullptr) {
      size_t len = static_cast<size_t>(nl - start);
      *line = std::string_view(start, len);
      begin_ += len + 1;
      consumed_ += len + 1;
      return true;
    }
    if (eof_) {
      if (begin_ == end_) return false;
      *line = std::string_view(start, end_ - begin_);
      consumed_ += end_ - begin_;
      begin_ = end_;
      return true;
    }
    if (begin_ == 0 && end_ == capacity_) {
      // No newline in a full buffer: skip to the end of this line.
      *overlong = true;
      overlong_prefix_.assign(buf_.data(), 64);
      *line = overlong_prefix_;
      consumed_ += end_;
      begin_ = end_ = 0;
      while (true) {
        if (!Fill()) return false;
        const void* n2 = std::memchr(buf_.data(), '\n', end_);
        if (n2 != nullptr) {
          size_t skip = static_cast<const char*>(n2) - buf_.data() + 1;
          consumed_ += skip;
          begin_ = skip;
          return true;
        }
        consumed_ += end_;
        begin_ = end_ = 0;
        if (eof_) return true;
      }
    }
    if (!Fill()) return false;
  }
}

}  // namespace blockrt::cli
