// The video student view: a player placeholder carrying its sources; playback
// itself belongs to the embedding page.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/json_depth.h"
#include "runtime/internal/html_escape.h"
#include "runtime/internal/renderers.h"

namespace blockrt::runtime::internal {
namespace {

// <source src="..."/> children in the authored markup (the OLX body).
void BodySources(std::string_view body, std::vector<std::string_view>* out) {
  size_t pos = 0;
  while ((pos = body.find("<source", pos)) != std::string_view::npos) {
    size_t end = body.find('>', pos);
    if (end == std::string_view::npos) return;
    std::string_view tag = body.substr(pos, end - pos);
    size_t src = tag.find("src=");
    if (src != std::string_view::npos && src + 5 < tag.size()) {
      char quote = tag[src + 4];
      size_t close = tag.find(quote, src + 5);
      if (close != std::string_view::npos) out->emplace_back(tag.substr(src + 5, close - src - 5));
    }
    pos = end;
  }
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A JSON array of plain strings (ASCII, no escapes): the common shape of
// html5_sources, read as views into `raw` without building a JSON document.
// False, leaving *out as it was, for anything else (the full parser's job).
bool PlainStringArray(std::string_view raw, std::vector<std::string_view>* out) {
  const size_t had = out->size();
  auto fail = [&] {
    out->resize(had);
    return false;
  };
  size_t i = 0;
  const size_t n = raw.size();
  auto skip = [&] {
    while (i < n && IsJsonSpace(raw[i])) ++i;
  };
  skip();
  if (i == n || raw[i++] != '[') return fail();
  skip();
  bool first = true;
  while (true) {
    if (i == n) return fail();
    if (raw[i] == ']') {
      ++i;
      break;
    }
    if (!first) {
      if (raw[i++] != ',') return fail();
      skip();
    }
    first = false;
    if (i == n || raw[i++] != '"') return fail();
    const size_t start = i;
    while (i < n && raw[i] != '"') {
      const unsigned char c = static_cast<unsigned char>(raw[i]);
      if (c == '\\' || c < 0x20 || c >= 0x80) return fail();
      ++i;
    }
    if (i == n) return fail();
    out->push_back(raw.substr(start, i - start));
    ++i;
    skip();
  }
  skip();
  return i == n ? true : fail();
}

// String fields are stored raw; their class defaults are constants here.
std::string_view StringField(const Block& block, std::string_view name, std::string_view fallback) {
  const std::string* raw = block.RawField(name);
  return raw != nullptr ? std::string_view(*raw) : fallback;
}

// The schema's class default ("3_yD_cEKoCk" in edx-platform); the schema is
// constant, so it is parsed once.
const std::string& DefaultYoutubeId() {
  static const std::string id = [] {
    const olx::BlockSchema* schema = olx::FindBlockSchema("video");
    const olx::FieldSpec* spec = schema ? olx::FindFieldSpec(*schema, "youtube_id_1_0") : nullptr;
    if (spec == nullptr) return std::string();
    nlohmann::json j = nlohmann::json::parse(spec->default_json, nullptr, false);
    return j.is_string() ? j.get<std::string>() : std::string();
  }();
  return id;
}

}  // namespace

Status RenderVideoBody(const Block& block, std::string* html) {
  thread_local std::vector<std::string_view> sources;  // views into the block
  sources.clear();
  std::vector<std::string> parsed;  // what the full JSON parser decoded
  const std::string* raw = block.RawField("html5_sources");
  if (raw != nullptr && !PlainStringArray(*raw, &sources)) {
    BLOCKRT_RETURN_IF_ERROR(CheckJsonDepth(*raw, "html5_sources of " + block.usage_key().text()));
    nlohmann::json j = nlohmann::json::parse(*raw, nullptr, false);
    if (j.is_array()) {
      for (const auto& s : j) {
        if (s.is_string()) parsed.push_back(s.get<std::string>());
      }
    }
    for (const std::string& s : parsed) sources.push_back(s);
  }
  BodySources(block.olx().body, &sources);
  std::string_view source = StringField(block, "source", "");
  if (!source.empty()) sources.push_back(source);
  std::string_view youtube = StringField(block, "youtube_id_1_0", DefaultYoutubeId());

  html->append("<div class=\"video\" data-block-type=\"video\"");
  if (!youtube.empty()) {
    html->append(" data-youtube-id=\"");
    AppendEscaped(youtube, html);
    html->append("\"");
  }
  html->append("><h3 class=\"display-name\">");
  AppendEscaped(block.display_name_view(), html);
  html->append("</h3><div class=\"video-player-placeholder\">");
  if (!sources.empty()) {
    html->append("<video controls preload=\"none\">");
    for (std::string_view s : sources) {
      html->append("<source src=\"");
      AppendEscaped(s, html);
      html->append("\"/>");
    }
    html->append("</video>");
  }
  if (!youtube.empty()) {
    html->append("<a class=\"youtube\" href=\"https://www.youtube.com/watch?v=");
    AppendEscaped(youtube, html);
    html->append("\">YouTube: ");
    AppendEscaped(youtube, html);
    html->append("</a>");
  }
  if (sources.empty() && youtube.empty()) html->append("<p>No video source.</p>");
  html->append("</div>");
  const std::string* download = block.RawField("download_video");
  if (download != nullptr && (*download == "true" || *download == "True") && !sources.empty()) {
    html->append("<a class=\"download\" href=\"");
    AppendEscaped(sources.front(), html);
    html->append("\">Download video</a>");
  }
  html->append("</div>");
  return Status::OK();
}

}  // namespace blockrt::runtime::internal
