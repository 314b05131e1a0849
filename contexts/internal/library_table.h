// The "libraries" record table: LibraryInfo <-> JSON, cached in memory. Reads
// are cached until Forget(); the authoring API forgets what it writes.
#ifndef BLOCKRT_CONTEXTS_INTERNAL_LIBRARY_TABLE_H_
#define BLOCKRT_CONTEXTS_INTERNAL_LIBRARY_TABLE_H_

#include <string>
#include <string_view>

#include "base/result.h"
#include "contexts/internal/record_table.h"
#include "contexts/library.h"
#include "store/store.h"

namespace blockrt::contexts::internal {

inline constexpr std::string_view kLibraryTable = "libraries";

std::string EncodeLibrary(const LibraryInfo& info);
Result<LibraryInfo> DecodeLibrary(std::string_view key, std::string_view json);

class LibraryTable : public RecordTable<LibraryInfo> {
 public:
  explicit LibraryTable(store::Store* store)
      : RecordTable(store, {kLibraryTable, "content library", &EncodeLibrary, &DecodeLibrary}) {}
};

}  // namespace blockrt::contexts::internal

#endif  // BLOCKRT_CONTEXTS_INTERNAL_LIBRARY_TABLE_H_
