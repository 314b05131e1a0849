// The one parser for numbers given on the command line (counts, seeds,
// versions, revisions, depths, limits). Plain decimal only: no sign unless
// negatives are allowed, no spaces, no '+', no hex; the value must fit the
// given range, so "99999999999999999999" is refused instead of saturating.
#ifndef BLOCKRT_CLI_NUMBER_ARG_H_
#define BLOCKRT_CLI_NUMBER_ARG_H_

#include <cstdint>
#include <limits>
#include <string_view>

#include "base/result.h"

namespace blockrt::cli {

// `what` names the value in the error ("--seed", "N"). InvalidArgument when
// `text` is not a decimal integer in [min, max].
Result<uint64_t> ParseUnsignedArg(std::string_view what, std::string_view text, uint64_t min = 0,
                                  uint64_t max = std::numeric_limits<uint64_t>::max());
Result<int64_t> ParseIntArg(std::string_view what, std::string_view text,
                            int64_t min = std::numeric_limits<int64_t>::min(),
                            int64_t max = std::numeric_limits<int64_t>::max());

}  // namespace blockrt::cli

#endif  // BLOCKRT_CLI_NUMBER_ARG_H_
