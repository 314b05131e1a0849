#include "olx/internal/root_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "olx/internal/file_io.h"

namespace blockrt::olx::internal {
namespace {
constexpr size_t kMaxSubdirs = 64;
}  // namespace

RootDir::RootDir(std::string root) : root_(std::move(root)) {
  fd_ = ::open(root_.empty() ? "." : root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

RootDir::~RootDir() {
  for (const auto& [name, fd] : subdirs_) {
    if (fd >= 0) ::close(fd);
  }
  if (fd_ >= 0) ::close(fd_);
}

int RootDir::Resolve(const std::string& rel, std::string* full, const char** path) const {
  if (fd_ >= 0 && !rel.empty() && rel[0] != '/') {
    size_t slash = rel.find('/');
    if (slash != std::string::npos && slash + 1 < rel.size() &&
        rel.find('/', slash + 1) == std::string::npos) {
      std::string_view dir(rel.data(), slash);
      if (dir != "." && dir != "..") {
        int sub = Subdir(dir);
        if (sub >= 0) {
          *path = rel.c_str() + slash + 1;
          return sub;
        }
      }
    }
    *path = rel.c_str();
    return fd_;
  }
  *full = Full(rel);
  *path = full->c_str();
  return AT_FDCWD;
}

int RootDir::Subdir(std::string_view name) const {
  for (const auto& [have, fd] : subdirs_) {
    if (have == name) return fd;
  }
  if (subdirs_.size() >= kMaxSubdirs) return -1;  // bounded descriptors, whatever the export
  std::string owned(name);
  int fd = ::openat(fd_, owned.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  subdirs_.emplace_back(std::move(owned), fd);
  return fd;
}

Status RootDir::Read(const std::string& rel, size_t max_bytes, std::string* out) const {
  std::string full;
  const char* path = nullptr;
  int dir = Resolve(rel, &full, &path);
  return ReadFileAt(dir, path, max_bytes, out, [this, &rel] { return Full(rel); });
}

bool RootDir::IsRegularFile(const std::string& rel) const { return S_ISREG(ModeOf(rel)); }

bool RootDir::IsDirectory(const std::string& rel) const { return S_ISDIR(ModeOf(rel)); }

unsigned RootDir::ModeOf(const std::string& rel) const {
  std::string full;
  const char* path = nullptr;
  int dir = Resolve(rel, &full, &path);
  struct stat st;
  return ::fstatat(dir, path, &st, 0) == 0 ? st.st_mode : 0;
}

}  // namespace blockrt::olx::internal
