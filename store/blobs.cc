#include "store/internal/blobs.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "store/digest.h"

namespace blockrt::store {
namespace {

Result<BlobRef> FindBlob(Store::Impl& s, const std::string& digest) {
  Query q = s.Prepare("SELECT id, size FROM blob WHERE digest = ?");
  q->bind(1, digest);
  if (!q->executeStep()) return Status::NotFound(digest);
  return BlobRef{q->getColumn(0).getInt64(), digest, q->getColumn(1).getInt64()};
}

int64_t InsertBlobRow(Store::Impl& s, const std::string& digest, int64_t size,
                      const std::string_view* inline_data) {
  Query q = s.Prepare("INSERT INTO blob(digest, size, inline_data) VALUES(?, ?, ?)");
  q->bind(1, digest);
  q->bind(2, static_cast<int64_t>(size));
  if (inline_data != nullptr) {
    q->bindNoCopy(3, inline_data->data(), static_cast<int>(inline_data->size()));
  } else {
    q->bind(3);  // NULL: bytes live in blob_chunk
  }
  q->exec();
  return s.db.getLastInsertRowid();
}

void InsertChunk(Store::Impl& s, int64_t blob_id, int64_t seq, std::string_view data) {
  Query q = s.Prepare("INSERT INTO blob_chunk(blob_id, seq, data) VALUES(?, ?, ?)");
  q->bind(1, static_cast<int64_t>(blob_id));
  q->bind(2, static_cast<int64_t>(seq));
  q->bindNoCopy(3, data.data(), static_cast<int>(data.size()));
  q->exec();
}

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

Result<File> OpenForRead(const std::string& file) {
  FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) {
    return Status::IOError("cannot open '" + file + "': " + std::strerror(errno));
  }
  return File(f);
}

}  // namespace

Result<BlobRef> PutBlob(Store::Impl& s, std::string_view bytes) {
  if (static_cast<int64_t>(bytes.size()) > kMaxFileBytes) {
    return Status::InvalidArgument("file of " + std::to_string(bytes.size()) +
                                   " bytes exceeds the limit of " + std::to_string(kMaxFileBytes));
  }
  std::string digest = ContentDigest(bytes);
  Result<BlobRef> found = FindBlob(s, digest);
  if (found.ok()) return found;
  auto size = static_cast<int64_t>(bytes.size());
  if (size <= kChunkBytes) {
    return BlobRef{InsertBlobRow(s, digest, size, &bytes), digest, size};
  }
  int64_t id = InsertBlobRow(s, digest, size, nullptr);
  for (int64_t off = 0, seq = 0; off < size; off += kChunkBytes, ++seq) {
    InsertChunk(s, id, seq, bytes.substr(off, kChunkBytes));
  }
  return BlobRef{id, digest, size};
}

Result<BlobRef> PutBlobFromFile(Store::Impl& s, const std::string& file) {
  BLOCKRT_ASSIGN_OR_RETURN(File f, OpenForRead(file));
  // Small files (nearly all OLX) are read once and stored from memory; the
  // buffer is sized from fstat (one byte over, to notice growth) rather than
  // a fixed chunk, which would cost a 1 MiB allocation per file.
  struct stat info;
  size_t guess = kChunkBytes;
  if (fstat(fileno(f.get()), &info) == 0 && info.st_size >= 0 && info.st_size < kChunkBytes) {
    guess = static_cast<size_t>(info.st_size) + 1;
  }
  std::string buf(guess, '\0');
  size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
  if (std::ferror(f.get())) return Status::IOError("cannot read '" + file + "'");
  if (n < buf.size() || std::fgetc(f.get()) == EOF) {
    if (std::ferror(f.get())) return Status::IOError("cannot read '" + file + "'");
    return PutBlob(s, std::string_view(buf.data(), n));
  }
  // Large file: hash pass, then copy pass that rehashes to catch concurrent edits.
  buf.resize(kChunkBytes);
  std::rewind(f.get());
  Blake2b hasher(20);
  int64_t size = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) {
    hasher.Update(std::string_view(buf.data(), n));
    size += static_cast<int64_t>(n);
  }
  if (std::ferror(f.get())) return Status::IOError("cannot read '" + file + "'");
  if (size > kMaxFileBytes) {
    return Status::InvalidArgument("'" + file + "' is " + std::to_string(size) +
                                   " bytes; the limit is " + std::to_string(kMaxFileBytes));
  }
  std::string digest = ToHex(hasher.Final());
  Result<BlobRef> found = FindBlob(s, digest);
  if (found.ok()) return found;
  int64_t id = InsertBlobRow(s, digest, size, nullptr);
  std::rewind(f.get());
  Blake2b check(20);
  int64_t seq = 0, copied = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) {
    std::string_view chunk(buf.data(), n);
    check.Update(chunk);
    InsertChunk(s, id, seq++, chunk);
    copied += static_cast<int64_t>(n);
  }
  if (std::ferror(f.get())) return Status::IOError("cannot read '" + file + "'");
  if (copied != size || ToHex(check.Final()) != digest) {
    return Status::IOError("'" + file + "' changed while it was being imported");
  }
  return BlobRef{id, digest, size};
}

Status ReadBlob(Store::Impl& s, int64_t blob_id,
                const std::function<Status(std::string_view)>& sink,
                const std::function<std::string()>& where) {
  Query q = s.Prepare("SELECT digest, size, inline_data FROM blob WHERE id = ?");
  q->bind(1, static_cast<int64_t>(blob_id));
  if (!q->executeStep()) {
    return Status::Corruption(where() + ": blob " + std::to_string(blob_id) + " is missing");
  }
  std::string digest = q->getColumn(0).getString();
  int64_t size = q->getColumn(1).getInt64();
  Blake2b hasher(20);
  int64_t seen = 0;
  if (!q->isColumnNull(2)) {
    SQLite::Column col = q->getColumn(2);
    std::string_view data(static_cast<const char*>(col.getBlob()), col.getBytes());
    hasher.Update(data);
    seen = static_cast<int64_t>(data.size());
    if (seen == size && ToHex(hasher.Final()) == digest) return sink(data);
    return Status::Corruption(where() + ": stored bytes do not match digest " + digest + " (size " +
                              std::to_string(seen) + ", expected " + std::to_string(size) + ")");
  }
  Query c = s.Prepare("SELECT seq, data FROM blob_chunk WHERE blob_id = ? ORDER BY seq");
  c->bind(1, static_cast<int64_t>(blob_id));
  int64_t expect_seq = 0;
  while (c->executeStep()) {
    if (c->getColumn(0).getInt64() != expect_seq++) {
      return Status::Corruption(where() + ": blob " + digest + " has a missing chunk");
    }
    SQLite::Column col = c->getColumn(1);
    std::string_view data(static_cast<const char*>(col.getBlob()), col.getBytes());
    hasher.Update(data);
    seen += static_cast<int64_t>(data.size());
    BLOCKRT_RETURN_IF_ERROR(sink(data));
  }
  if (seen != size || ToHex(hasher.Final()) != digest) {
    return Status::Corruption(where() + ": stored bytes do not match digest " + digest + " (size " +
                              std::to_string(seen) + ", expected " + std::to_string(size) + ")");
  }
  return Status::OK();
}

}  // namespace blockrt::store
