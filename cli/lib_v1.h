// blockrt lib for v1 libraries (library-v1:ORG+LIB): the lib subcommands that
// name a library, run by contexts::CourseAuthoring over the library-v1
// context (a library.xml export per bundle). lib_command.cc dispatches here
// when the key's namespace is library-v1.
#ifndef BLOCKRT_CLI_LIB_V1_H_
#define BLOCKRT_CLI_LIB_V1_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/status.h"
#include "cli/runtime_cli.h"
#include "runtime/engine.h"

namespace blockrt::cli {

// True for text in the library-v1 namespace (the key is checked later).
bool IsV1LibraryKey(std::string_view key);

// Subcommands create, delete, role, import, publish, discard, status, blocks
// and export for f.positional[0], a v1 library key; fills *result (--json)
// and *text like the v2 forms. NotSupported for the others.
Status RunLibV1Sub(const std::string& sub, const CommonFlags& f, runtime::Engine& engine,
                   nlohmann::json* result, std::string* text);

// Appends the v1 libraries --user may see to `lib list`'s array and text.
Status ListV1Libraries(const CommonFlags& f, runtime::Engine& engine, nlohmann::json* libraries,
                       std::string* text);

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_LIB_V1_H_
