// Per-type student views: each appends one block's own HTML (without the
// xblock wrapper or children) to *html. Containers live in render.cc since
// they recurse through the runtime.
#ifndef BLOCKRT_RUNTIME_INTERNAL_RENDERERS_H_
#define BLOCKRT_RUNTIME_INTERNAL_RENDERERS_H_

#include <string>
#include <string_view>

#include "base/status.h"
#include "runtime/block.h"

namespace blockrt::runtime::internal {

// html: the inner markup as authored. `file_body` is the content of a legacy
// filename="X" body file when the caller found one (data is then empty).
void RenderHtmlBody(const Block& block, std::string_view file_body, std::string* html);
// problem: the markup as a learner sees it (inputs, no answers, no solutions),
// in two parts: the markup, which depends on the definition only (ParseError
// when it is not well-formed XML), then the actions (the submit button
// carries the user's handler URL).
Status RenderProblemMarkup(const Block& block, std::string* html);
void AppendProblemActions(std::string_view handler_url, std::string* html);
// The learner view of CAPA `markup` (the problem body, without header or
// actions), through pugixml: ParseError "markup at offset N: why" when it is
// not well-formed.
Status WriteProblemMarkupXml(std::string_view markup, std::string* html);
// The same through FlatXml (no allocation), or false, having written
// nothing, when the markup is outside FlatXml's subset.
bool WriteProblemMarkupFlat(std::string_view markup, std::string* html);
// video: a player placeholder with its YouTube id and HTML5 sources.
// InvalidArgument when html5_sources nests deeper than kMaxJsonDepth.
Status RenderVideoBody(const Block& block, std::string* html);
// Anything else: its display name and type.
void RenderGenericBody(const Block& block, std::string* html);

bool IsContainerType(std::string_view block_type);

}  // namespace blockrt::runtime::internal

#endif  // BLOCKRT_RUNTIME_INTERNAL_RENDERERS_H_
