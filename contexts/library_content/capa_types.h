// capa problem types: which response types a problem's markup uses
// (ProblemBlock.problem_types, the registered LoncapaResponse tags), for
// library_content's capa_type filter.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTENT_CAPA_TYPES_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTENT_CAPA_TYPES_H_

#include <set>
#include <string>
#include <string_view>

namespace blockrt::contexts::library_content {

// The response tags (multiplechoiceresponse, optionresponse, coderesponse...)
// the markup contains as elements; comments and CDATA are skipped.
std::set<std::string> ProblemTypes(std::string_view markup);

// The v1 sync's filter: "any" (or empty) keeps every block; any other value
// keeps only problem blocks whose ProblemTypes contain it.
bool PassesCapaFilter(std::string_view capa_type, std::string_view block_type,
                      std::string_view markup);

}  // namespace blockrt::contexts::library_content

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTENT_CAPA_TYPES_H_
