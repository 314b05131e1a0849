#include "olx/internal/url_name.h"

#include <openssl/sha.h>

namespace blockrt::olx::internal {

std::string CleanUrlName(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    // Non-ASCII bytes are kept: Python's \w is Unicode-aware.
    bool keep = (u >= 0x80) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '%' || c == '-';
    char put = keep ? c : '_';
    if (put == '_' && !out.empty() && out.back() == '_') continue;
    out += put;
  }
  return out;
}

std::string UrlNameToPath(std::string_view url_name) {
  std::string out(url_name);
  for (char& c : out) {
    if (c == ':') c = '/';
  }
  return out;
}

std::string FallbackUrlName(std::string_view tag, std::string_view xml,
                            std::string_view orig_name) {
  auto is_hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  bool looks_like_fallback = orig_name.size() >= 12 && orig_name.substr(0, tag.size()) == tag;
  for (size_t i = orig_name.size() - (orig_name.size() >= 12 ? 12 : 0);
       looks_like_fallback && i < orig_name.size(); ++i) {
    looks_like_fallback = is_hex(orig_name[i]);
  }
  if (looks_like_fallback) {
    // Python's orig[len(tag) + 1:-12]: empty when the bounds cross.
    size_t begin = tag.size() + 1, end = orig_name.size() - 12;
    orig_name = begin < end ? orig_name.substr(begin, end - begin) : std::string_view();
  }
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(xml.data()), xml.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(tag);
  if (!orig_name.empty()) {
    out += '_';
    out += orig_name;
  }
  out += '_';
  for (int i = 0; i < 6; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

bool IsPlainKeyId(std::string_view id) {
  static constexpr struct Table {
    bool plain[256] = {};
    constexpr Table() {
      for (int c = 'a'; c <= 'z'; ++c) plain[c] = true;
      for (int c = 'A'; c <= 'Z'; ++c) plain[c] = true;
      for (int c = '0'; c <= '9'; ++c) plain[c] = true;
      for (char c : {'_', '-', '~', '.', ':'}) plain[static_cast<unsigned char>(c)] = true;
    }
  } kTable;
  if (id.empty()) return false;
  for (char c : id) {
    if (!kTable.plain[static_cast<unsigned char>(c)]) return false;
  }
  return true;
}

bool RequiresUniqueUrlName(std::string_view tag) {
  return tag == "problem" || tag == "sequential" || tag == "video" || tag == "course" ||
         tag == "chapter" || tag == "poll_question" || tag == "vertical";
}

}  // namespace blockrt::olx::internal
