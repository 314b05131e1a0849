#include "olx/internal/root_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "olx/internal/file_io.h"
#include "olx/internal/olx_path.h"

namespace blockrt::olx::internal {
namespace {
constexpr size_t kMaxSubdirs = 64;

// realpath of an open descriptor (the fallback check when openat2 is missing).
std::string RealPathOf(int fd) {
  char link[64], buf[PATH_MAX];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = ::readlink(link, buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

// openat(dir, path) refusing any resolution that leaves `dir`: ".." and
// symlinks (relative or absolute) that point outside it. EXDEV when it would.
int OpenBeneath(int dir, const char* path, int flags) {
  static bool no_openat2 = false;
  if (!no_openat2) {
    struct open_how how;
    std::memset(&how, 0, sizeof how);
    how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    for (;;) {
      long fd = ::syscall(SYS_openat2, dir, path, &how, sizeof how);
      if (fd >= 0) return static_cast<int>(fd);
      if (errno == EAGAIN || errno == EINTR) continue;
      if (errno != ENOSYS && errno != EPERM) return -1;
      break;
    }
    no_openat2 = true;  // old kernel or a sandbox that filters it
  }
  int fd = ::openat(dir, path, flags | O_CLOEXEC);
  if (fd < 0) return -1;
  std::string base = RealPathOf(dir), got = RealPathOf(fd);
  if (base.empty() || got.empty() ||
      !(got == base || (got.size() > base.size() && got.compare(0, base.size(), base) == 0 &&
                        (base == "/" || got[base.size()] == '/')))) {
    ::close(fd);
    errno = EXDEV;
    return -1;
  }
  return fd;
}
}  // namespace

RootDir::RootDir(std::string root) : root_(std::move(root)) {
  fd_ = ::open(root_.empty() ? "." : root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) open_errno_ = errno;
}

RootDir::~RootDir() {
  for (const auto& [name, fd] : subdirs_) {
    if (fd >= 0) ::close(fd);
  }
  if (fd_ >= 0) ::close(fd_);
}

int RootDir::Subdir(std::string_view name) const {
  for (const auto& [have, fd] : subdirs_) {
    if (have == name) return fd;
  }
  if (subdirs_.size() >= kMaxSubdirs) return -1;  // bounded descriptors, whatever the export
  std::string owned(name);
  int fd = OpenBeneath(fd_, owned.c_str(), O_RDONLY | O_DIRECTORY);
  subdirs_.emplace_back(std::move(owned), fd);
  return fd;
}

Status RootDir::Open(std::string_view rel, int extra_flags, int* fd) const {
  Status safe = CheckRelativePath(rel);
  if (!safe.ok()) return Status::InvalidArgument(Full(rel) + ": unsafe path: " + safe.message());
  // NUL-terminated for the kernel without an allocation: the rule bounds
  // the length (and refuses NUL bytes inside).
  char path[kMaxRelativePathBytes + 1];
  std::memcpy(path, rel.data(), rel.size());
  path[rel.size()] = '\0';
  if (fd_ < 0) {
    if (open_errno_ == ENOENT || open_errno_ == ENOTDIR) {
      return Status::NotFound(Full(rel) + ": no such file");
    }
    return Status::IOError(root_ + ": " + std::strerror(open_errno_));
  }
  int flags = O_RDONLY | extra_flags;
  *fd = -1;
  // TYPE/NAME through the held-open TYPE/ (a symlink from there to elsewhere
  // inside the root comes back EXDEV and is retried from the root).
  size_t slash = rel.find('/');
  if (slash != std::string_view::npos && rel.find('/', slash + 1) == std::string_view::npos) {
    int sub = Subdir(rel.substr(0, slash));
    if (sub >= 0) *fd = OpenBeneath(sub, path + slash + 1, flags);
  }
  if (*fd < 0) *fd = OpenBeneath(fd_, path, flags);
  if (*fd >= 0) return Status::OK();
  if (errno == ENOENT || errno == ENOTDIR) return Status::NotFound(Full(rel) + ": no such file");
  if (errno == EXDEV || errno == ELOOP) {
    return Status::InvalidArgument(Full(rel) + ": leads out of " + root_ + " (symlink); refused");
  }
  return Status::IOError(Full(rel) + ": " + std::strerror(errno));
}

Status RootDir::Read(std::string_view rel, size_t max_bytes, std::string* out) const {
  int fd = -1;
  BLOCKRT_RETURN_IF_ERROR(Open(rel, 0, &fd));
  return ReadOpenFile(fd, max_bytes, out, [this, &rel] { return Full(rel); });
}

bool RootDir::IsRegularFile(std::string_view rel) const { return S_ISREG(ModeOf(rel)); }

bool RootDir::IsDirectory(std::string_view rel) const { return S_ISDIR(ModeOf(rel)); }

std::vector<std::string> RootDir::List(std::string_view rel, bool dirs) const {
  int fd = -1;
  if (rel.empty()) {
    if (fd_ < 0) return {};
    fd = ::openat(fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  } else if (!Open(rel, O_DIRECTORY, &fd).ok()) {
    return {};
  }
  if (fd < 0) return {};
  return ListOpenDirectory(fd, dirs);
}

unsigned RootDir::ModeOf(std::string_view rel) const {
  int fd = -1;
  if (!Open(rel, O_PATH, &fd).ok()) return 0;
  struct stat st;
  unsigned mode = ::fstat(fd, &st) == 0 ? st.st_mode : 0;
  ::close(fd);
  return mode;
}

Status RootDir::CopyTo(const std::string& rel, const std::string& to) const {
  int fd = -1;
  BLOCKRT_RETURN_IF_ERROR(Open(rel, 0, &fd));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IOError(Full(rel) + ": " + std::strerror(errno));
  }
  if (S_ISREG(st.st_mode)) {
    Status copied = CopyOpenFile(fd, to);
    ::close(fd);
    return copied.ok() ? copied : Status::IOError(Full(rel) + ": copy failed: " + copied.message());
  }
  if (!S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::OK();  // sockets, fifos, devices: not content
  }
  std::vector<std::string> names;
  DIR* d = ::fdopendir(fd);
  if (d == nullptr) {
    ::close(fd);
    return Status::IOError(Full(rel) + ": " + std::strerror(errno));
  }
  while (const struct dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  if (::mkdir(to.c_str(), 0755) != 0 && errno != EEXIST) {
    return Status::IOError(to + ": " + std::strerror(errno));
  }
  for (const std::string& name : names) {
    BLOCKRT_RETURN_IF_ERROR(CopyTo(rel + "/" + name, to + "/" + name));
  }
  return Status::OK();
}

}  // namespace blockrt::olx::internal
