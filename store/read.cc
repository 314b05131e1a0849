// Reads at a Ref: file bytes (verified), stats, listings, links, history.
#include <algorithm>

#include "store/digest.h"
#include "store/internal/blobs.h"
#include "store/internal/impl.h"
#include "store/internal/snapshot.h"
#include "store/path.h"
#include "store/store.h"

namespace blockrt::store {
namespace {

std::string Where(const BundleRow& b, const Ref& at, int64_t version, std::string_view path) {
  std::string w = "path '" + std::string(path) + "' ";
  if (at.is_draft()) {
    w += "in draft '" + at.draft() + "' (base v" + std::to_string(version) + ")";
  } else {
    w += "at v" + std::to_string(version);
  }
  return w + " of bundle '" + b.slug + "'";
}

// Resolves bundle, ref and path to the visible entry, or NotFound.
Status Locate(Store::Impl& s, std::string_view bundle, const Ref& at, std::string_view path,
              BundleRow* b, int64_t* version, Entry* entry) {
  BLOCKRT_RETURN_IF_ERROR(ValidatePath(path));
  BLOCKRT_ASSIGN_OR_RETURN(*b, s.ResolveBundle(bundle));
  DraftRow draft;
  BLOCKRT_ASSIGN_OR_RETURN(*version, s.VersionFor(*b, at, &draft));
  std::optional<Entry> e =
      LookupVisible(s, b->id, at.is_draft() ? &draft : nullptr, *version, path);
  if (!e) return Status::NotFound("no file " + Where(*b, at, *version, path));
  BLOCKRT_RETURN_IF_ERROR(CheckEntry(*e, [&] { return Where(*b, at, *version, path); }));
  *entry = std::move(*e);
  return Status::OK();
}

}  // namespace

Result<std::string> Store::ReadFile(std::string_view bundle, const Ref& at, std::string_view path,
                                    std::string* digest) {
  std::string out;
  Status st = impl_->Read([&]() -> Status {
    BundleRow b;
    int64_t version = 0;
    Entry e;
    BLOCKRT_RETURN_IF_ERROR(Locate(*impl_, bundle, at, path, &b, &version, &e));
    if (digest != nullptr) *digest = e.digest;
    out.reserve(static_cast<size_t>(e.size));
    return store::ReadBlob(
        *impl_, e.blob_id,
        [&out](std::string_view chunk) {
          out.append(chunk);
          return Status::OK();
        },
        [&] { return Where(b, at, version, path); });
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::string> Store::ReadBlob(std::string_view digest) {
  std::string out;
  Status st = impl_->Read([&]() -> Status {
    Query q = impl_->Prepare("SELECT id, size, inline_data FROM blob WHERE digest = ?");
    q->bind(1, std::string(digest));
    if (!q->executeStep()) return Status::NotFound("no blob " + std::string(digest));
    const int64_t id = q->getColumn(0).getInt64();
    const int64_t size = q->getColumn(1).getInt64();
    auto where = [&] { return "blob " + std::string(digest); };
    if (!q->isColumnNull(2)) {
      // Small files are stored inline: verify them from this one row.
      SQLite::Column col = q->getColumn(2);
      std::string_view data(static_cast<const char*>(col.getBlob()), col.getBytes());
      Blake2b hasher(20);
      hasher.Update(data);
      if (static_cast<int64_t>(data.size()) != size || ToHex(hasher.Final()) != digest) {
        return Status::Corruption(where() + ": stored bytes do not match their digest (size " +
                                  std::to_string(data.size()) + ", expected " +
                                  std::to_string(size) + ")");
      }
      out.assign(data);
      return Status::OK();
    }
    out.reserve(static_cast<size_t>(size));
    return store::ReadBlob(
        *impl_, id,
        [&out](std::string_view chunk) {
          out.append(chunk);
          return Status::OK();
        },
        where);
  });
  if (!st.ok()) return st;
  return out;
}

Status Store::ReadFileTo(std::string_view bundle, const Ref& at, std::string_view path,
                         const std::function<Status(std::string_view)>& sink) {
  return impl_->Read([&]() -> Status {
    BundleRow b;
    int64_t version = 0;
    Entry e;
    BLOCKRT_RETURN_IF_ERROR(Locate(*impl_, bundle, at, path, &b, &version, &e));
    return store::ReadBlob(*impl_, e.blob_id, sink, [&] { return Where(b, at, version, path); });
  });
}

Result<FileInfo> Store::StatFile(std::string_view bundle, const Ref& at, std::string_view path) {
  FileInfo out;
  Status st = impl_->Read([&]() -> Status {
    BundleRow b;
    int64_t version = 0;
    Entry e;
    BLOCKRT_RETURN_IF_ERROR(Locate(*impl_, bundle, at, path, &b, &version, &e));
    out = FileInfo{std::move(e.path), e.size, std::move(e.digest)};
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

bool Store::FileExists(std::string_view bundle, const Ref& at, std::string_view path) {
  return StatFile(bundle, at, path).ok();
}

Result<std::vector<FileInfo>> Store::ListFiles(std::string_view bundle, const Ref& at,
                                               std::string_view prefix) {
  std::vector<FileInfo> out;
  Status st = impl_->Read([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    DraftRow draft;
    BLOCKRT_ASSIGN_OR_RETURN(int64_t version, impl_->VersionFor(b, at, &draft));
    std::vector<Entry> entries =
        ListVisible(*impl_, b.id, at.is_draft() ? &draft : nullptr, version, prefix);
    out.reserve(entries.size());
    for (Entry& e : entries) {
      BLOCKRT_RETURN_IF_ERROR(CheckEntry(e, [&] { return Where(b, at, version, e.path); }));
      out.push_back(FileInfo{std::move(e.path), e.size, std::move(e.digest)});
    }
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<LinkInfo>> Store::ListLinks(std::string_view bundle, const Ref& at) {
  std::vector<LinkInfo> out;
  Status st = impl_->Read([&]() -> Status {
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    DraftRow draft;
    BLOCKRT_ASSIGN_OR_RETURN(int64_t version, impl_->VersionFor(b, at, &draft));
    auto links = LinksVisible(*impl_, b.id, at.is_draft() ? &draft : nullptr, version);
    for (const auto& [name, target] : links) {
      LinkInfo info;
      info.name = name;
      info.direct = LinkTarget{BundleUuid(*impl_, target.bundle_id), target.version};
      for (const LinkRow& dep : Dependencies(*impl_, target.bundle_id, target.version)) {
        info.indirect.push_back(LinkTarget{BundleUuid(*impl_, dep.bundle_id), dep.version});
      }
      std::sort(info.indirect.begin(), info.indirect.end(),
                [](const LinkTarget& a, const LinkTarget& c) {
                  return a.bundle_uuid != c.bundle_uuid ? a.bundle_uuid < c.bundle_uuid
                                                        : a.version < c.version;
                });
      out.push_back(std::move(info));
    }
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<std::pair<VersionInfo, FileInfo>>> Store::History(std::string_view bundle,
                                                                     std::string_view path) {
  std::vector<std::pair<VersionInfo, FileInfo>> out;
  Status st = impl_->Read([&]() -> Status {
    BLOCKRT_RETURN_IF_ERROR(ValidatePath(path));
    BLOCKRT_ASSIGN_OR_RETURN(BundleRow b, impl_->ResolveBundle(bundle));
    Query q = impl_->Prepare(
        "SELECT v.num, v.change_description, v.author, v.created_at, v.files_changed, "
        "       b.digest, b.size, fv.blob_id "
        "FROM path p JOIN file_version fv ON fv.path_id = p.id "
        "JOIN version v ON v.bundle_id = p.bundle_id AND v.num = fv.version "
        "LEFT JOIN blob b ON b.id = fv.blob_id "
        "WHERE p.bundle_id = ? AND p.path = ? ORDER BY fv.version");
    q->bind(1, static_cast<int64_t>(b.id));
    q->bind(2, std::string(path));
    while (q->executeStep()) {
      VersionInfo v{q->getColumn(0).getInt64(), q->getColumn(1).getString(),
                    q->getColumn(2).getString(), q->getColumn(3).getInt64(),
                    q->getColumn(4).getInt64()};
      FileInfo f{std::string(path), -1, ""};
      if (!q->isColumnNull(7)) {
        f.digest = q->getColumn(5).getString();
        f.size = q->getColumn(6).getInt64();
      }
      out.emplace_back(std::move(v), std::move(f));
    }
    if (out.empty()) {
      return Status::NotFound("no version of bundle '" + b.slug + "' ever had path '" +
                              std::string(path) + "'");
    }
    return Status::OK();
  });
  if (!st.ok()) return st;
  return out;
}

}  // namespace blockrt::store
