// Fuzzes ParseDefinition (bundle and course modes) and checks that a parsed
// definition survives write -> parse unchanged.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "olx/definition.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (bool bundle : {true, false}) {
    blockrt::olx::ParseOptions options;
    options.bundle = bundle;
    options.max_bytes = 1 << 16;
    auto def = blockrt::olx::ParseDefinition("fuzz.xml", bytes, options);
    if (!def.ok()) continue;
    std::string written = blockrt::olx::WriteDefinition(*def);
    auto again = blockrt::olx::ParseDefinition("fuzz.xml", written, options);
    if (!again.ok() || !(*again == *def)) std::abort();  // round trip must be identity
  }
  return 0;
}
