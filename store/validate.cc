#include "store/internal/validate.h"

#include <cstdint>
#include <string>

#include "base/utf8.h"

namespace blockrt::store {

size_t Utf8SequenceLength(std::string_view s, size_t i) {
  return ::blockrt::Utf8SequenceLength(s, i);
}

bool IsValidUtf8(std::string_view s) { return ::blockrt::IsValidUtf8(s); }

bool LooksLikeUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

Status ValidateSlug(std::string_view slug) {
  if (slug.empty()) return Status::InvalidArgument("slug is empty");
  if (slug.size() > kMaxNameBytes) {
    return Status::InvalidArgument("slug is longer than " + std::to_string(kMaxNameBytes) +
                                   " bytes");
  }
  if (LooksLikeUuid(slug)) {
    return Status::InvalidArgument("slug '" + std::string(slug) +
                                   "' looks like a uuid, which would make it ambiguous");
  }
  for (size_t i = 0; i < slug.size(); ++i) {
    auto c = static_cast<unsigned char>(slug[i]);
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c >= 0x80;
    if (!ok) {
      return Status::InvalidArgument("slug '" + std::string(slug) + "' has '" +
                                     std::string(1, static_cast<char>(c)) + "' at byte " +
                                     std::to_string(i) + "; expected letters, digits, '-' or '_'");
    }
  }
  if (!IsValidUtf8(slug)) return Status::InvalidArgument("slug is not valid UTF-8");
  return Status::OK();
}

Status ValidateText(std::string_view what, std::string_view text, size_t max_bytes) {
  if (text.size() > max_bytes) {
    return Status::InvalidArgument(std::string(what) + " is " + std::to_string(text.size()) +
                                   " bytes; the limit is " + std::to_string(max_bytes));
  }
  if (!IsValidUtf8(text)) return Status::InvalidArgument(std::string(what) + " is not valid UTF-8");
  return Status::OK();
}

Status ValidateName(std::string_view what, std::string_view name) {
  if (name.empty()) return Status::InvalidArgument(std::string(what) + " name is empty");
  BLOCKRT_RETURN_IF_ERROR(ValidateText(std::string(what) + " name", name, kMaxNameBytes));
  for (size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x20 || c == 0x7f) {
      return Status::InvalidArgument(std::string(what) + " name has a control character at byte " +
                                     std::to_string(i));
    }
  }
  return Status::OK();
}

Status ValidateTableName(std::string_view table) {
  if (table.empty() || table.size() > 64) {
    return Status::InvalidArgument("record table name must be 1..64 bytes");
  }
  for (char c : table) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) {
      return Status::InvalidArgument("record table name '" + std::string(table) +
                                     "' may only hold [a-z0-9_.]");
    }
  }
  return Status::OK();
}

}  // namespace blockrt::store
