#include "contexts/user.h"

#include "base/utf8.h"

namespace blockrt::contexts {

Status ValidateUserId(std::string_view id) {
  constexpr size_t kMaxBytes = 255;
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("invalid user id '" + PrintableBytes(id) + "': " + why);
  };
  if (id.empty()) return Status::InvalidArgument("invalid user id: it is empty");
  if (id.size() > kMaxBytes) {
    return bad("it is " + std::to_string(id.size()) + " bytes, over the " +
               std::to_string(kMaxBytes) + "-byte limit");
  }
  size_t at = 0;
  if (!IsValidUtf8(id, &at)) return bad("byte " + std::to_string(at) + " is not valid UTF-8");
  for (size_t i = 0; i < id.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(id[i]);
    if (c <= 0x20 || c == 0x7f) {
      return bad("byte " + std::to_string(i) + " is a control character or whitespace");
    }
  }
  return Status::OK();
}

}  // namespace blockrt::contexts
