// Whole-file reads and writes for the course loader and exporter. Paths are
// plain strings; nothing here throws.
#ifndef BLOCKRT_OLX_INTERNAL_FILE_IO_H_
#define BLOCKRT_OLX_INTERNAL_FILE_IO_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace blockrt::olx::internal {

// NotFound for a missing file, InvalidArgument over max_bytes, IOError otherwise.
Result<std::string> ReadFile(const std::string& path, size_t max_bytes);
// ReadFile for `path` relative to `dir_fd` (or AT_FDCWD), into *out (its
// capacity is reused); messages name shown(), built only on failure.
Status ReadFileAt(int dir_fd, const char* path, size_t max_bytes, std::string* out,
                  const std::function<std::string()>& shown);
// ReadFileAt's checks and read for an open descriptor, which it closes.
Status ReadOpenFile(int fd, size_t max_bytes, std::string* out,
                    const std::function<std::string()>& shown);
// The refusal of a file of `size` bytes over max_bytes (InvalidArgument).
Status OversizeError(const std::string& shown, size_t size, size_t max_bytes);
// Copies the rest of `from` (left open) to the new file `to` (O_EXCL).
Status CopyOpenFile(int from, const std::string& to);
bool IsRegularFile(const std::string& path);
bool IsDirectory(const std::string& path);
// Regular files directly in `dir`, sorted by name ("" list when missing).
std::vector<std::string> ListFiles(const std::string& dir);
// Subdirectories directly in `dir`, sorted by name.
std::vector<std::string> ListDirectories(const std::string& dir);
// ListFiles / ListDirectories of the open directory `fd`, which it closes.
// Symlinked entries are listed by what they point at.
std::vector<std::string> ListOpenDirectory(int fd, bool want_dirs);
// Writes via a temporary file and rename, creating parent directories.
Status WriteFile(const std::string& path, std::string_view bytes);

}  // namespace blockrt::olx::internal

#endif  // BLOCKRT_OLX_INTERNAL_FILE_IO_H_
