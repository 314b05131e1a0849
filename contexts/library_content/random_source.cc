#include "contexts/library_content/random_source.h"

#include <numeric>
#include <string>

#include "base/sha1.h"

namespace blockrt::contexts::library_content {
namespace {

class Xoshiro : public RandomSource {
 public:
  explicit Xoshiro(const unsigned char seed[kSha1Size]) {
    for (int i = 0; i < 4; ++i) {
      uint64_t v = 0;
      for (int b = 0; b < 5; ++b) v = (v << 8) | seed[i * 5 + b];
      s_[i] = v * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(i);  // never all zero
    }
  }

  std::vector<size_t> Sample(size_t n, size_t k) override {
    // A partial Fisher-Yates over the indices: the first k drawn.
    std::vector<size_t> pool(n);
    std::iota(pool.begin(), pool.end(), size_t{0});
    for (size_t i = 0; i < k && i < n; ++i) std::swap(pool[i], pool[i + Below(n - i)]);
    pool.resize(std::min(k, n));
    return pool;
  }

  std::vector<size_t> Shuffle(size_t n) override {
    std::vector<size_t> out(n);
    std::iota(out.begin(), out.end(), size_t{0});
    for (size_t i = n; i > 1; --i) std::swap(out[i - 1], out[Below(i)]);
    return out;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, bound) without modulo bias (rejection).
  size_t Below(size_t bound) {
    const uint64_t b = bound;
    const uint64_t limit = UINT64_MAX - UINT64_MAX % b;
    uint64_t v;
    do {
      v = Next();
    } while (v >= limit);
    return static_cast<size_t>(v % b);
  }

  uint64_t s_[4];
};

}  // namespace

std::unique_ptr<RandomSource> DeterministicRandom(std::string_view user, std::string_view usage,
                                                  int64_t generation) {
  std::string seed(user);
  seed.push_back('\n');
  seed.append(usage);
  seed.push_back('\n');
  seed.append(std::to_string(generation));
  unsigned char digest[kSha1Size];
  Sha1(seed, digest);
  return std::make_unique<Xoshiro>(digest);
}

}  // namespace blockrt::contexts::library_content
