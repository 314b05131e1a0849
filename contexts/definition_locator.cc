#include "contexts/definition_locator.h"

#include <charconv>

namespace blockrt::contexts {
namespace {

constexpr std::string_view kPrefix = "bundle-olx:";
constexpr std::string_view kDefinitionFile = "/definition.xml";

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The reference's olx_path regexp ^[\w\-./]+$ (ASCII subset plus any UTF-8 byte,
// since \w is Unicode-aware there).
bool ValidOlxPath(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.' || c == '/' || c >= 0x80;
    if (!ok) return false;
  }
  return true;
}

// A canonical lower-case hyphenated UUID, as str(UUID(s)) prints it.
bool CanonicalUuid(std::string_view s) {
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

}  // namespace

std::string DefinitionLocator::ToString() const {
  std::string out;
  out.reserve(kPrefix.size() + bundle_uuid.size() + block_type.size() + olx_path.size() + 24);
  out.append(kPrefix).append(bundle_uuid).push_back(':');
  if (is_draft()) {
    out.append(draft_name);
  } else {
    out.append(std::to_string(version));
  }
  out.append(":").append(block_type).append(":").append(olx_path);
  return out;
}

Result<DefinitionLocator> DefinitionLocator::Parse(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("invalid definition locator '" + std::string(text) +
                                   "': " + std::string(why));
  };
  if (text.substr(0, kPrefix.size()) != kPrefix) return bad("expected 'bundle-olx:' prefix");
  std::string_view rest = text.substr(kPrefix.size());
  std::string_view parts[3];
  for (auto& part : parts) {
    size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return bad("expected 4 ':'-separated fields");
    part = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  DefinitionLocator loc;
  if (!CanonicalUuid(parts[0])) return bad("bundle uuid is not in standard form");
  loc.bundle_uuid = std::string(parts[0]);
  if (AllDigits(parts[1])) {
    auto [end, ec] =
        std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), loc.version);
    if (ec != std::errc() || std::to_string(loc.version) != parts[1]) {
      return bad("version is not a canonical integer");
    }
  } else if (parts[1].empty()) {
    return bad("empty draft name");
  } else {
    loc.draft_name = std::string(parts[1]);
  }
  if (parts[2].empty()) return bad("empty block type");
  loc.block_type = std::string(parts[2]);
  if (!ValidOlxPath(rest)) return bad("invalid olx path");
  loc.olx_path = std::string(rest);
  return loc;
}

Result<std::string_view> DefinitionLocator::OlxPrefix() const {
  std::string_view path = olx_path;
  if (path.size() <= kDefinitionFile.size() ||
      path.substr(path.size() - kDefinitionFile.size()) != kDefinitionFile) {
    return Status::InvalidArgument("olx path '" + olx_path + "' does not end in /definition.xml");
  }
  return path.substr(0, path.size() - kDefinitionFile.size() + 1);
}

}  // namespace blockrt::contexts
