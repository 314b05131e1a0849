// The content-library authoring API (Studio): every change goes to the
// library's "studio_draft" until Publish(). Errors follow the reference's
// rules and wording (duplicate ids, root-tag mismatch, asset name rules).
//
// Who may do what, when an actor is named (As()): creating a library is open
// to any valid user id; reading drafts (OLX, assets, status), writing them
// (blocks, OLX, assets, links, import), publishing and discarding need the
// author role; roles and public learning need admin. With no actor (the
// embedding application or a local batch tool) nothing is checked. Denials
// are PermissionDenied.
//
// Writes that read what they change (includes, roles, deletions, imports)
// run in one store write transaction, so concurrent writers in other threads
// or processes never lose each other's changes. OLX is checked when written
// and published: it must parse, have its type as root tag, and include only
// existing definitions through existing links, without cycles.
#ifndef BLOCKRT_CONTEXTS_LIBRARY_AUTHORING_H_
#define BLOCKRT_CONTEXTS_LIBRARY_AUTHORING_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "contexts/library.h"
#include "contexts/library_context.h"
#include "contexts/user.h"
#include "keys/key.h"

namespace blockrt::contexts {

struct NewLibrary {
  std::string key;  // "lib:ORG:SLUG"
  std::string title;
  bool allow_public_learning = false;
  std::string admin;  // user id given the admin role; may be empty
};

// What an import did to the draft.
struct ImportReport {
  int64_t files_seen = 0;
  std::vector<std::string> deleted;  // draft paths the (mirroring) import removed, sorted
};

class LibraryAuthoring {
 public:
  explicit LibraryAuthoring(LibraryContext* context, User actor = {})
      : ctx_(context), actor_(std::move(actor)) {}

  // This API acting as `actor` (checked against the library roles above).
  LibraryAuthoring As(User actor) const { return LibraryAuthoring(ctx_, std::move(actor)); }
  const User& actor() const { return actor_; }
  // OK when no actor is named or the actor holds at least `needed` on the
  // library (kLearner is also met by public learning). PermissionDenied
  // otherwise; InvalidArgument for an invalid actor id; NotFound for no library.
  Status Authorize(std::string_view library_key, LibraryRole needed) const;

  // AlreadyExists for a taken key; InvalidArgument for a malformed one. A
  // named actor becomes the admin when spec.admin is empty.
  Result<LibraryInfo> CreateLibrary(const NewLibrary& spec);
  // With an actor: only the libraries it holds a role on or may learn from.
  Result<std::vector<LibraryInfo>> ListLibraries() const;
  // kNone removes the user's role.
  Status SetRole(std::string_view library_key, std::string_view user_id, LibraryRole role);
  Status SetPublicLearning(std::string_view library_key, bool allow);

  // Writes "<TYPE/>" to TYPE/ID/definition.xml. InvalidArgument for a bad id
  // (unicode slug rules); AlreadyExists when the id resolves already.
  Result<keys::Key> CreateBlock(std::string_view library_key, std::string_view block_type,
                                std::string_view block_id);
  // Creates a block in `library_key` and appends an include of it to `parent`
  // (a block of that same library whose type has children), in one
  // transaction. NotFound when the library does not exist, InvalidArgument
  // when `parent` belongs to another library.
  Result<keys::Key> CreateChildBlock(std::string_view library_key, const keys::KeyView& parent,
                                     std::string_view block_type, std::string_view block_id);
  // The same in `parent`'s own library.
  Result<keys::Key> CreateChildBlock(const keys::KeyView& parent, std::string_view block_type,
                                     std::string_view block_id);
  // Appends <xblock-include> to `parent`'s OLX. The child must exist (in the
  // draft, or in the link's version for a `source` link); no cycle.
  Status AddChildInclude(const keys::KeyView& parent, const ChildInclude& include);
  // The root tag must equal the block's type ("Invalid root tag in OLX, expected TYPE").
  Status SetOlx(const keys::KeyView& usage, std::string_view olx);
  Result<std::string> GetOlx(const keys::KeyView& usage) const;
  // Deletes a top-level block with its assets and the children only it
  // includes (a child another remaining block includes stays). NotSupported
  // for a block another block includes.
  Status DeleteBlock(const keys::KeyView& usage);

  // Stored at TYPE/ID/static/NAME. Name rules as the reference.
  Status AddAsset(const keys::KeyView& usage, std::string_view name, std::string_view bytes);
  Status DeleteAsset(const keys::KeyView& usage, std::string_view name);
  // Asset names under TYPE/ID/static/, in the draft.
  Result<std::vector<std::string>> ListAssets(const keys::KeyView& usage) const;

  // Links another bundle (pinned to a published version) under `name`.
  Status SetLink(std::string_view library_key, std::string_view name,
                 std::string_view target_bundle, int64_t version);
  // Loads a directory in bundle layout into the draft. Mirroring (the
  // default) deletes draft files the directory lacks and reports them;
  // `merge` only adds and replaces. The resulting draft must pass the OLX
  // checks, else nothing is imported.
  Result<ImportReport> ImportDirectory(std::string_view library_key, const std::string& dir,
                                       bool merge = false);

  // Commits the draft as a new version. FailedPrecondition when nothing
  // changed; InvalidArgument when the draft's OLX fails the checks.
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
  // PermissionDenied unless the actor (if any) holds `needed` on `lib`.
  Status Require(const LibraryInfo& lib, LibraryRole needed, std::string_view what) const;
  // The library of `usage` after Require(needed).
  Result<std::shared_ptr<const LibraryInfo>> LibFor(const keys::KeyView& usage, LibraryRole needed,
                                                    std::string_view what) const;
  // Runs `fn` in one store write transaction that reads the library's bundle
  // afresh (views cached before it may predate another process's write).
  Status InTransaction(const LibraryInfo& lib, const std::function<Status()>& fn);
  // CheckDefinitions on the current draft of `lib`.
  Status CheckDraft(const LibraryInfo& lib, const std::vector<std::string>& paths,
                    const std::map<std::string, std::string, std::less<>>& overrides);
  Status AddIncludeLocked(const LibraryInfo& lib, const keys::KeyView& parent,
                          const ChildInclude& include);
  // The draft definition of an own block; NotFound like the reference's
  // ContentLibraryBlockNotFound.
  Result<DefinitionLocator> Lookup(const keys::KeyView& usage) const;
  Status WriteDraft(const LibraryInfo& lib, std::string_view path, std::string_view bytes);

  LibraryContext* ctx_;
  User actor_;
};

// validate_unicode_slug: letters, digits, '_' and '-' (Unicode letters allowed;
// the bytes must be valid UTF-8).
bool IsUnicodeSlug(std::string_view s);
// The reference's asset name rules; InvalidArgument with its messages.
Status ValidateAssetName(std::string_view name);

}  // namespace blockrt::contexts

#endif  // BLOCKRT_CONTEXTS_LIBRARY_AUTHORING_H_
