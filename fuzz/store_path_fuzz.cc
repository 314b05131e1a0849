// Fuzzes the bundle path validator: it must never crash, and every path it
// accepts must satisfy the rules independently re-checked here.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "store/internal/validate.h"
#include "store/path.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view path(reinterpret_cast<const char*>(data), size);
  blockrt::Status st = blockrt::store::ValidatePath(path);
  if (!st.ok()) {
    if (st.message().empty()) std::abort();  // a rejection must say why
    return 0;
  }
  if (path.empty() || path.size() > blockrt::store::kMaxPathBytes) std::abort();
  if (path.front() == '/' || path.back() == '/') std::abort();
  if (path.find("//") != std::string_view::npos) std::abort();
  if (!blockrt::store::IsValidUtf8(path)) std::abort();
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7f || c == '\\') std::abort();
  }
  // An accepted path is already in normal form: no "." or ".." survives.
  std::string normal = std::filesystem::path(std::string(path)).lexically_normal().generic_string();
  if (normal != path) std::abort();
  return 0;
}
