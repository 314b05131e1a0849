#include "contexts/library_content/capa_types.h"

#include <algorithm>
#include <array>

namespace blockrt::contexts::library_content {
namespace {

// capa's responsetypes registry (LoncapaResponse.tags), sorted.
constexpr std::array<std::string_view, 15> kResponseTags = {
    "annotationresponse",     "choiceresponse",    "choicetextresponse", "coderesponse",
    "customresponse",         "externalresponse",  "formularesponse",    "imageresponse",
    "multiplechoiceresponse", "numericalresponse", "optionresponse",     "schematicresponse",
    "stringresponse",         "symbolicresponse",  "truefalseresponse",
};

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':';
}

}  // namespace

std::set<std::string> ProblemTypes(std::string_view markup) {
  std::set<std::string> out;
  for (size_t i = markup.find('<'); i != std::string_view::npos; i = markup.find('<', i)) {
    std::string_view rest = markup.substr(i);
    if (rest.substr(0, 4) == "<!--") {
      size_t end = markup.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (rest.substr(0, 9) == "<![CDATA[") {
      size_t end = markup.find("]]>", i + 9);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    size_t j = i + 1;
    while (j < markup.size() && IsNameChar(markup[j])) ++j;
    std::string_view name = markup.substr(i + 1, j - i - 1);
    if (std::binary_search(kResponseTags.begin(), kResponseTags.end(), name)) {
      out.emplace(name);
    }
    i = j;
  }
  return out;
}

bool PassesCapaFilter(std::string_view capa_type, std::string_view block_type,
                      std::string_view markup) {
  if (capa_type.empty() || capa_type == "any") return true;
  return block_type == "problem" && ProblemTypes(markup).count(std::string(capa_type)) != 0;
}

}  // namespace blockrt::contexts::library_content
