#include "olx/internal/file_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>

namespace blockrt::olx::internal {

Status ReadFileAt(int dir_fd, const char* path, size_t max_bytes, std::string* out,
                  const std::function<std::string()>& shown) {
  int fd = ::openat(dir_fd, path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Status::NotFound(shown() + ": no such file");
    return Status::IOError(shown() + ": " + std::strerror(errno));
  }
  return ReadOpenFile(fd, max_bytes, out, shown);
}

Status OversizeError(const std::string& shown, size_t size, size_t max_bytes) {
  return Status::InvalidArgument(shown + ": error: file is " + std::to_string(size) +
                                 " bytes, over the " + std::to_string(max_bytes) + "-byte limit");
}

Status ReadOpenFile(int fd, size_t max_bytes, std::string* out,
                    const std::function<std::string()>& shown) {
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::IOError(shown() + ": not a regular file");
  }
  size_t size = static_cast<size_t>(st.st_size);
  if (size > max_bytes) {
    ::close(fd);
    return OversizeError(shown(), size, max_bytes);
  }
  out->resize(size);
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, out->data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  out->resize(done);
  return Status::OK();
}

Status CopyOpenFile(int from, const std::string& to) {
  int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (out < 0) return Status::IOError(to + ": " + std::strerror(errno));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(from, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(out);
      return Status::IOError(to + ": read failed: " + std::strerror(errno));
    }
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      ssize_t w = ::write(out, buf + done, static_cast<size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        ::close(out);
        return Status::IOError(to + ": write failed: " + std::strerror(errno));
      }
      done += w;
    }
  }
  if (::close(out) != 0) return Status::IOError(to + ": " + std::strerror(errno));
  return Status::OK();
}

Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  std::string out;
  BLOCKRT_RETURN_IF_ERROR(
      ReadFileAt(AT_FDCWD, path.c_str(), max_bytes, &out, [&path] { return path; }));
  return out;
}

bool IsRegularFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool IsDirectory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> ListOpenDirectory(int fd, bool want_dirs) {
  std::vector<std::string> out;
  DIR* d = ::fdopendir(fd);
  if (d == nullptr) {
    ::close(fd);
    return out;
  }
  // d_type, statting (and so following) only symlinks and entries of unknown
  // type: std::filesystem's iterator cost several allocations per entry.
  while (const struct dirent* e = ::readdir(d)) {
    const char* name = e->d_name;
    if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
    unsigned char type = e->d_type;
    if (type == DT_LNK || type == DT_UNKNOWN) {
      struct stat st;
      if (::fstatat(fd, name, &st, 0) != 0) continue;
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    if (type == (want_dirs ? DT_DIR : DT_REG)) out.emplace_back(name);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

namespace {
std::vector<std::string> List(const std::string& dir, bool want_dirs) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return {};
  return ListOpenDirectory(fd, want_dirs);
}
}  // namespace

std::vector<std::string> ListFiles(const std::string& dir) { return List(dir, false); }
std::vector<std::string> ListDirectories(const std::string& dir) { return List(dir, true); }

Status WriteFile(const std::string& path, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  if (ec) return Status::IOError(path + ": cannot create directory: " + ec.message());
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError(tmp + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::IOError(path + ": write failed");
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Status::IOError(path + ": " + std::strerror(errno));
  }
  return Status::OK();
}

}  // namespace blockrt::olx::internal
