// The html and generic fallback views.
#include "runtime/internal/html_escape.h"
#include "runtime/internal/renderers.h"

namespace blockrt::runtime::internal {

bool IsContainerType(std::string_view t) {
  return t == "vertical" || t == "unit" || t == "sequential" || t == "chapter" ||
         t == "library_content" || t == "split_test" || t == "conditional";
}

namespace {

// The stored inner markup keeps CDATA sections as written; lxml's
// stringify_children (the reference) yields their text, so unwrap them.
void AppendWithoutCdata(std::string_view markup, std::string* html) {
  constexpr std::string_view kOpen = "<![CDATA[", kClose = "]]>";
  while (true) {
    size_t open = markup.find(kOpen);
    if (open == std::string_view::npos) break;
    size_t close = markup.find(kClose, open + kOpen.size());
    if (close == std::string_view::npos) break;
    html->append(markup.substr(0, open));
    html->append(markup.substr(open + kOpen.size(), close - open - kOpen.size()));
    markup.remove_prefix(close + kClose.size());
  }
  html->append(markup);
}

}  // namespace

void RenderHtmlBody(const Block& block, std::string_view file_body, std::string* html) {
  const std::string* data = block.olx().data();
  html->append("<div class=\"html-content\">");
  AppendWithoutCdata(data != nullptr && !data->empty() ? std::string_view(*data) : file_body, html);
  html->append("</div>");
}

void RenderGenericBody(const Block& block, std::string* html) {
  html->append("<div class=\"xblock-generic\"><h3 class=\"display-name\">");
  AppendEscaped(block.display_name_view(), html);
  html->append("</h3><p class=\"unsupported\">This block type (");
  AppendEscaped(block.block_type(), html);
  html->append(") has no view in this runtime.</p></div>");
}

}  // namespace blockrt::runtime::internal
