// The html and generic fallback views.
#include "runtime/internal/html_escape.h"
#include "runtime/internal/renderers.h"

namespace blockrt::runtime::internal {

bool IsContainerType(std::string_view t) {
  return t == "vertical" || t == "unit" || t == "sequential" || t == "chapter" ||
         t == "library_content" || t == "split_test" || t == "conditional";
}

void RenderHtmlBody(const Block& block, std::string_view file_body, std::string* html) {
  const std::string* data = block.olx().data();
  html->append("<div class=\"html-content\">");
  if (data != nullptr && !data->empty()) {
    html->append(*data);
  } else {
    html->append(file_body);
  }
  html->append("</div>");
}

void RenderGenericBody(const Block& block, std::string* html) {
  html->append("<div class=\"xblock-generic\"><h3 class=\"display-name\">");
  AppendEscaped(block.display_name(), html);
  html->append("</h3><p class=\"unsupported\">This block type (");
  AppendEscaped(block.block_type(), html);
  html->append(") has no view in this runtime.</p></div>");
}

}  // namespace blockrt::runtime::internal
