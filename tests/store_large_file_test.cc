// A 50 MB file goes in from disk, out through streaming reads and export,
// verified, in bounded memory (checked as the peak RSS of a child process).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "store/digest.h"
#include "store/store.h"
#include "store/testing/temp_dir.h"

namespace blockrt::store {
namespace {

// Sanitized debug builds hash ~50x slower and ASan's shadow memory inflates
// RSS, so they run a smaller file and skip the memory bound.
#if defined(__SANITIZE_ADDRESS__)
#define BLOCKRT_STORE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BLOCKRT_STORE_SANITIZED 1
#endif
#endif
#ifdef BLOCKRT_STORE_SANITIZED
constexpr int64_t kBytes = 5 * 1000 * 1000 + 17;
constexpr bool kCheckRss = false;
#else
constexpr int64_t kBytes = 50 * 1000 * 1000 + 17;
constexpr bool kCheckRss = true;
#endif

// Writes kBytes of a position-dependent pattern, 1 MiB at a time; returns the digest.
std::string WritePattern(const std::string& file) {
  FILE* f = std::fopen(file.c_str(), "wb");
  std::string piece(1 << 20, '\0');
  Blake2b h(20);
  for (int64_t off = 0; off < kBytes; off += static_cast<int64_t>(piece.size())) {
    size_t n = static_cast<size_t>(std::min<int64_t>(piece.size(), kBytes - off));
    for (size_t i = 0; i < n; ++i) piece[i] = static_cast<char>(((off + i) * 2654435761u) >> 13);
    std::fwrite(piece.data(), 1, n, f);
    h.Update(std::string_view(piece.data(), n));
  }
  std::fclose(f);
  return ToHex(h.Final());
}

// Everything the child does; exit code 0 = all checks passed.
int LargeFileRoundTrip(const testing::TempDir& tmp, const std::string& digest) {
  StoreOptions small_cache;
  small_cache.cache_bytes = 2 << 20;
  auto s = Store::Open(tmp.File("s.db"), small_cache);
  if (!s.ok()) return 10;
  Store& st = **s;
  if (!st.CreateBundle(NewBundle{"", "big", "Big", ""}).ok()) return 11;
  if (!st.WriteFileFromDisk("big", "d", "video/lecture.mp4", tmp.File("big.bin")).ok()) return 12;
  if (!st.Commit("big", "d").ok()) return 13;
  auto stat = st.StatFile("big", Ref::Latest(), "video/lecture.mp4");
  if (!stat.ok() || stat->size != kBytes || stat->digest != digest) return 14;
  Blake2b h(20);
  int64_t seen = 0;
  Status read = st.ReadFileTo("big", Ref::Latest(), "video/lecture.mp4", [&](std::string_view c) {
    h.Update(c);
    seen += static_cast<int64_t>(c.size());
    return Status::OK();
  });
  if (!read.ok() || seen != kBytes || ToHex(h.Final()) != digest) return 15;
  if (!st.ExportDirectory("big", Ref::Latest(), tmp.File("out")).ok()) return 16;
  auto report = st.Verify();
  if (!report.ok() || !report->problems.empty() || report->bytes_checked != kBytes) return 17;
  return 0;
}

TEST(StoreLargeFileTest, FiftyMegabytesInBoundedMemory) {
  testing::TempDir tmp;
  std::string digest = WritePattern(tmp.File("big.bin"));
  pid_t kid = fork();
  if (kid == 0) _exit(LargeFileRoundTrip(tmp, digest));
  int status = 0;
  struct rusage usage {};
  ASSERT_EQ(wait4(kid, &status, 0, &usage), kid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // ru_maxrss is in KiB. The file is 48 MiB; with a 2 MiB page cache,
  // streaming keeps the child far below.
  if (kCheckRss) {
    EXPECT_LT(usage.ru_maxrss, 32 * 1024) << "peak RSS " << usage.ru_maxrss << " KiB";
  }
  std::string exported = tmp.File("out/video/lecture.mp4");
  FILE* f = std::fopen(exported.c_str(), "rb");
  ASSERT_NE(f, nullptr);
  Blake2b h(20);
  std::string buf(1 << 20, '\0');
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0)
    h.Update(std::string_view(buf.data(), n));
  std::fclose(f);
  EXPECT_EQ(ToHex(h.Final()), digest);
}

}  // namespace
}  // namespace blockrt::store
