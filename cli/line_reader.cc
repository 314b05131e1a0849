#include "cli/line_reader.h"

#include <emmintrin.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace blockrt::cli {

namespace {

// Newlines are indexed this many bytes at a time, which bounds ends_.
constexpr size_t kSlice = 64 << 10;
// Files under kMinMapped are read. Windows (16 MB by default) are big enough
// that remapping is rare, small enough that mapped pages (counted in RSS) stay
// bounded.
constexpr uint64_t kMinMapped = 1 << 20;
// The last stretch of a file is read, not mapped: mapped pages past the end of
// the file fault, and every line needs kPadding readable bytes after it.
constexpr uint64_t kReadTail = 64 << 10;

uint64_t PageSize() { return static_cast<uint64_t>(::sysconf(_SC_PAGESIZE)); }

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

LineReader::LineReader(int fd, size_t buffer_size, size_t window_size)
    : fd_(fd),
      buf_(new char[buffer_size + kPadding]),
      capacity_(buffer_size),
      data_(buf_.get()),
      ends_(new uint32_t[kSlice + 64]),
      window_size_(window_size) {
  std::memset(buf_.get(), 0, kPadding);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return;
  const auto size = static_cast<uint64_t>(st.st_size);
  const off_t start = ::lseek(fd, 0, SEEK_CUR);
  if (size < kMinMapped || start < 0) return;
  window_limit_ = (size - kReadTail) & ~(PageSize() - 1);
  const auto pos = static_cast<uint64_t>(start);
  if (pos >= window_limit_) return;
  if (!MapWindow(pos & ~(PageSize() - 1))) return;
  begin_ = scanned_ = static_cast<size_t>(pos - map_offset_);
  mapped_mode_ = true;
}

LineReader::~LineReader() { Unmap(); }

bool LineReader::MapWindow(uint64_t file_offset) {
  Unmap();
  const size_t length =
      static_cast<size_t>(std::min<uint64_t>(window_size_, window_limit_ - file_offset));
  // One page more than the lines handed out, for their padding; it lies
  // inside the file because window_limit_ is kReadTail short of its end.
  void* p = ::mmap(nullptr, length + PageSize(), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd_,
                   static_cast<off_t>(file_offset));
  if (p == MAP_FAILED) return false;
  ::madvise(p, length + PageSize(), MADV_SEQUENTIAL);
  map_ = static_cast<char*>(p);
  map_length_ = length + PageSize();
  map_offset_ = file_offset;
  data_ = map_;
  end_ = length;
  count_ = next_ = 0;
  return true;
}

void LineReader::Unmap() {
  if (map_ != nullptr) ::munmap(map_, map_length_);
  map_ = nullptr;
}

void LineReader::SwitchToBuffer(uint64_t file_offset) {
  Unmap();
  mapped_mode_ = false;
  data_ = buf_.get();
  begin_ = end_ = scanned_ = 0;
  count_ = next_ = 0;
  if (::lseek(fd_, static_cast<off_t>(file_offset), SEEK_SET) < 0) error_ = std::strerror(errno);
}

void LineReader::IndexNewlines() {
  const size_t limit = std::min(end_, scanned_ + kSlice);
  uint32_t* out = ends_.get();
  size_t count = 0;
  // Loads may run up to 63 bytes past `limit`, into data or the padding; bits
  // at and past `limit` are cleared.
  for (size_t b = scanned_; b < limit; b += 64) {
    __builtin_prefetch(data_ + b + 2048);
    uint64_t w = NewlineMask(data_ + b);
    if (limit - b < 64) w &= (uint64_t{1} << (limit - b)) - 1;
    // Two positions per step, each stored unconditionally and kept only when
    // a bit was left: the common case (one or two newlines per 64 bytes) runs
    // without data-dependent branches. The top bit keeps ctz defined on zero.
    uint32_t* o = out + count;
    do {
#pragma GCC unroll 2
      for (int i = 0; i < 2; ++i) {
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
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scanned_ -= begin_;
    begin_ = 0;
  }
  while (end_ < capacity_) {
    ssize_t n = ::read(fd_, buf_.get() + end_, capacity_ - end_);
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
    std::memset(buf_.get() + end_, 0, kPadding);
    break;  // hand out what we have; refill on demand
  }
  return true;
}

bool LineReader::NextSlow(std::string_view* line, bool* overlong) {
  if (!error_.empty()) return false;
  return mapped_mode_ ? NextFromWindow(line, overlong) : NextFromBuffer(line, overlong);
}

bool LineReader::NextFromWindow(std::string_view* line, bool* overlong) {
  while (true) {
    if (next_ < count_) {
      // Indexed, but too long for the buffer: report it as the buffer would.
      const uint32_t end = ends_[next_++];
      *overlong = true;
      overlong_prefix_.assign(data_ + begin_, 64);
      *line = overlong_prefix_;
      consumed_ += end - begin_ + 1;
      begin_ = end + 1;
      return true;
    }
    if (scanned_ < end_) {
      IndexNewlines();
      if (count_ > 0) return Next(line, overlong);
      continue;
    }
    // The window holds no further newline: continue the partial line in the
    // next window, or in the buffer near the end of the file.
    const uint64_t pos = map_offset_ + begin_;
    // Remap only with progress (a window smaller than the line would map
    // the same page again).
    const uint64_t next_map = pos & ~(PageSize() - 1);
    if (map_offset_ + end_ < window_limit_ && end_ - begin_ < capacity_ && next_map > map_offset_) {
      if (!MapWindow(next_map)) {
        SwitchToBuffer(pos);
        return NextSlow(line, overlong);
      }
      begin_ = scanned_ = static_cast<size_t>(pos - map_offset_);
      continue;
    }
    SwitchToBuffer(pos);
    return NextSlow(line, overlong);
  }
}

bool LineReader::NextFromBuffer(std::string_view* line, bool* overlong) {
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
      *line = std::string_view(buf_.get() + begin_, end_ - begin_);
      consumed_ += end_ - begin_;
      begin_ = scanned_ = end_;
      return true;
    }
    if (begin_ == 0 && end_ == capacity_) {
      // No newline in a full buffer: report a prefix, skip to the line's end.
      *overlong = true;
      overlong_prefix_.assign(buf_.get(), 64);
      *line = overlong_prefix_;
      consumed_ += end_;
      begin_ = end_ = scanned_ = 0;
      while (true) {
        if (!Fill()) return false;
        const void* nl = std::memchr(buf_.get(), '\n', end_);
        if (nl != nullptr) {
          const size_t skip = static_cast<size_t>(static_cast<const char*>(nl) - buf_.get()) + 1;
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
