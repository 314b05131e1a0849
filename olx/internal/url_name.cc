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

std::string FallbackUrlName(std::string_view tag, std::string_view xml) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(xml.data()), xml.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(tag);
  out += '_';
  for (int i = 0; i < 6; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

bool RequiresUniqueUrlName(std::string_view tag) {
  return tag == "problem" || tag == "sequential" || tag == "video" || tag == "course" ||
         tag == "chapter" || tag == "poll_question" || tag == "vertical";
}

}  // namespace blockrt::olx::internal
