// The content-library authoring API (Studio): every change goes to the
// library's "studio_draft" until Publish(). Errors follow the reference's
// rules and wording (duplicate ids, root-tag mismatch, asset name rules).
#ifndef BLOCKRT_CONTEXTS_LIBRARY_AUTHORING_H_
#define BLOCKRT_CONTEXTS_LIBRARY_AUTHORING_H_

#include <string>
#include <string_view>

#include "base/result.h"
#include "contexts/library.h"
#include "contexts/library_context.h"
#include "keys/key.h"

namespace blockrt::contexts {

struct NewLibrary {
  std::string key;  // "lib:ORG:SLUG"
  std::string title;
  bool allow_public_learning = false;
  std::string admin;  // user id given the admin role; may be empty
};

class LibraryAuthoring {
 public:
  explicit LibraryAuthoring(LibraryContext* context) : ctx_(context) {}

  // AlreadyExists for a taken key; InvalidArgument for a malformed one.
  Result<LibraryInfo> CreateLibrary(const NewLibrary& spec);
  Result<std::vector<LibraryInfo>> ListLibraries() const;
  // kNone removes the user's role.
  Status SetRole(std::string_view library_key, std::string_view user_id, LibraryRole role);
  Status SetPublicLearning(std::string_view library_key, bool allow);

  // Writes "<TYPE/>" to TYPE/ID/definition.xml. InvalidArgument for a bad id
  // (unicode slug rules); AlreadyExists when the id resolves already.
  Result<keys::Key> CreateBlock(std::string_view library_key, std::string_view block_type,
                                std::string_view block_id);
  // Creates a block and appends an include of it to `parent`, which must be a
  // type that has children.
  Result<keys::Key> CreateChildBlock(const keys::KeyView& parent, std::string_view block_type,
                                     std::string_view block_id);
  // Appends <xblock-include> to `parent`'s OLX (the child need not exist yet,
  // like the reference; a `source` link must exist).
  Status AddChildInclude(const keys::KeyView& parent, const ChildInclude& include);
  // The root tag must equal the block's type ("Invalid root tag in OLX, expected TYPE").
  Status SetOlx(const keys::KeyView& usage, std::string_view olx);
  Result<std::string> GetOlx(const keys::KeyView& usage) const;
  // Deletes a top-level block, its own children recursively and its assets.
  // NotSupported for a block another block includes.
  Status DeleteBlock(const keys::KeyView& usage);

  // Stored at TYPE/ID/static/NAME. Name rules as the reference.
  Status AddAsset(const keys::KeyView& usage, std::string_view name, std::string_view bytes);
  Status DeleteAsset(const keys::KeyView& usage, std::string_view name);
  // Asset names under TYPE/ID/static/, in the draft.
  Result<std::vector<std::string>> ListAssets(const keys::KeyView& usage) const;

  // Links another bundle (pinned to a published version) under `name`.
  Status SetLink(std::string_view library_key, std::string_view name,
                 std::string_view target_bundle, int64_t version);
  // Loads a directory in bundle layout into the draft (mirroring it).
  Result<int64_t> ImportDirectory(std::string_view library_key, const std::string& dir);

  // Commits the draft as a new version. FailedPrecondition when nothing changed.
  Result<int64_t> Publish(std::string_view library_key, std::string_view author = {});
  // Deletes the library: its record and its bundle (every version, draft and
  // asset) in one transaction. A library whose bundle is already gone (a
  // "zombie" left by an older build's `store bundle delete`) just loses its
  // record. FailedPrecondition while another bundle links to its bundle.
  Status DeleteLibrary(std::string_view library_key);
  // Drops unpublished changes (no-op without a draft).
  Status Discard(std::string_view library_key);
  Result<bool> HasUnpublishedChanges(std::string_view library_key) const;

 private:
  Result<std::shared_ptr<const LibraryInfo>> Lib(std::string_view library_key) const;
  // The draft definition of an own block; NotFound like the reference's
  // ContentLibraryBlockNotFound.
  Result<DefinitionLocator> Lookup(const keys::KeyView& usage) const;
  Status WriteDraft(const LibraryInfo& lib, std::string_view path, std::string_view bytes);
  Status DeleteRecursive(const LibraryInfo& lib, const keys::KeyView& usage, int depth);

  LibraryContext* ctx_;
};

// validate_unicode_slug: letters, digits, '_' and '-' (Unicode letters allowed).
bool IsUnicodeSlug(std::string_view s);
// The reference's asset name rules; InvalidArgument with its messages.
Status ValidateAssetName(std::string_view name);

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_LIBRARY_AUTHORING_H_
