#include "cli/line_reader.h"

#include <emmintrin.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace blockrt::cli {

namespace {

// Newlines are indexed this many bytes at a time, which bounds ends_.
constexpr size_t kSlice = 64 << 10;

// Bit i set when p[i] == '\n', for 64 bytes.
inline uint64_t NewlineMask(const char* p) {
  const __m128i nl = _mm_set1_epi8('\n');
  uint64_t m = 0;
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    m |= static_cast<uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl))))
         << (16 * i);
  }
  return m;
}

}  // namespace

LineReader::LineReader(int fd, size_t buffer_size)
    : fd_(fd),
      buf_(buffer_size + kPadding),
      capacity_(buffer_size),
      ends_(kSlice + 64) {}

void LineReader::IndexNewlines() {
  const size_t limit = std::min(end_, scanned_ + kSlice);
  uint32_t* out = ends_.data();
  size_t count = 0;
  // Loads may run up to 63 bytes past `limit`, into data or the padding; bits
  // at and past `limit` are cleared.
  for (size_t b = scanned_; b < limit; b += 64) {
    uint64_t w = NewlineMask(buf_.data() + b);
    if (limit - b < 64) w &= (uint64_t{1} << (limit - b)) - 1;
    // Four positions per step, each stored unconditionally and kept only when
    // a bit was left: the common case (one or two newlines per 64 bytes) runs
    // without data-dependent branches. The top bit keeps ctz defined on zero.
    uint32_t* o = out + count;
    do {
#pragma GCC unroll 4
      for (int i = 0; i < 4; ++i) {
        *o = static_cast<uint32_t>(b + __builtin_ctzll(w | (uint64_t{1} << 63)));
        o += w != 0;
        w &= w - 1;
      }
    } while (w != 0);
    count = static_cast<size_t>(o - out);
  }
  scanned_ = limit;
  count_ = count;
  next_ = 0;
}

bool LineReader::Fill() {
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    scanned_ -= begin_;
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
    break;  // hand out what we have; refill on demand
  }
  return true;
}

bool LineReader::NextSlow(std::string_view* line, bool* overlong) {
  *overlong = false;
  count_ = next_ = 0;
  while (true) {
    if (scanned_ < end_) {
      IndexNewlines();
      if (count_ > 0) return Next(line, overlong);
      continue;
    }
    // No newline in [begin_, end_).
    if (eof_) {
      if (begin_ == end_) return false;
      *line = std::string_view(buf_.data() + begin_, end_ - begin_);
      consumed_ += end_ - begin_;
      begin_ = scanned_ = end_;
      return true;
    }
    if (begin_ == 0 && end_ == capacity_) {
      // No newline in a full buffer: report a prefix, skip to the line's end.
      *overlong = true;
      overlong_prefix_.assign(buf_.data(), 64);
      *line = overlong_prefix_;
      consumed_ += end_;
      begin_ = end_ = scanned_ = 0;
      while (true) {
        if (!Fill()) return false;
        const void* nl = std::memchr(buf_.data(), '\n', end_);
        if (nl != nullptr) {
          const size_t skip = static_cast<size_t>(static_cast<const char*>(nl) - buf_.data()) + 1;
          consumed_ += skip;
          begin_ = scanned_ = skip;
          return true;
        }
        consumed_ += end_;
        begin_ = end_ = scanned_ = 0;
        if (eof_) return true;
      }
    }
    if (!Fill()) return false;
  }
}

}  // namespace blockrt::cli
