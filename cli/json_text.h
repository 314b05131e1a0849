// The one way the CLI turns JSON into text. nlohmann's plain dump() throws
// (type_error 316) on invalid UTF-8, and every string a command prints may
// carry bytes from the command line or from content: invalid sequences are
// written as U+FFFD instead.
#ifndef BLOCKRT_CLI_JSON_TEXT_H_
#define BLOCKRT_CLI_JSON_TEXT_H_

#include <nlohmann/json.hpp>
#include <string>

namespace blockrt::cli {

inline std::string JsonText(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_JSON_TEXT_H_
