// The randomness of a learner's selection, injectable: edx-platform draws
// with random.Random().sample and random.shuffle (tests mock both). The
// default source is deterministic per (user, block, reset generation), so a
// learner's selection reproduces in fixtures and a reset draws anew.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_CONTENT_RANDOM_SOURCE_H_
#define BLOCKRT_CONTEXTS_LIBRARY_CONTENT_RANDOM_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace blockrt::contexts::library_content {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // `k` distinct indices of [0, n) (k <= n), in the order drawn.
  virtual std::vector<size_t> Sample(size_t n, size_t k) = 0;
  // A permutation of [0, n): position i of the result takes element out[i].
  virtual std::vector<size_t> Shuffle(size_t n) = 0;
};

// Makes the source for one selection of `usage` for `user`; `generation`
// moves with every reset of the block's selection.
using RandomSourceFactory = std::function<std::unique_ptr<RandomSource>(
    std::string_view user, std::string_view usage, int64_t generation)>;

// A xoshiro256** stream seeded from SHA-1(user "\n" usage "\n" generation).
std::unique_ptr<RandomSource> DeterministicRandom(std::string_view user, std::string_view usage,
                                                  int64_t generation);

}  // namespace blockrt::contexts::library_content

#endif  // BLOCKRT_CONTEXTS_LIBRARY_CONTENT_RANDOM_SOURCE_H_
