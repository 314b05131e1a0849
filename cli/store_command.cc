// blockrt store: the versioned bundle store for people (text) and machines
// (--json lines). Write-side subcommands live here; reads in
// store_read_commands.cc.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/errors.h"
#include "cli/number_arg.h"
#include "cli/store_cli.h"

namespace blockrt::cli {
namespace storecli {
namespace {

const char kHelp[] =
    "usage: blockrt store [--db FILE] [--json] <command> [args]\n"
    "\n"
    "The store file is --db FILE, else $BLOCKRT_STORE. BUNDLE is a uuid or slug.\n"
    "Drafts default to 'studio_draft' (--draft NAME). Reads default to the latest\n"
    "published version (--version N or --draft NAME to choose).\n"
    "\n"
    "  init                                  create (or migrate) the store file\n"
    "  bundle create SLUG [--title T] [--description D] [--uuid U]\n"
    "  bundle list | bundle show BUNDLE (with its drafts) | bundle delete BUNDLE\n"
    "  draft write BUNDLE PATH [FILE]        write FILE (default stdin) into the draft\n"
    "  draft rm BUNDLE PATH                  delete PATH in the draft\n"
    "  draft ls BUNDLE [--prefix P]          files in the draft, A/M marking changes\n"
    "  draft diff BUNDLE                     pending changes of the draft\n"
    "  commit BUNDLE [-m MSG] [--author A] [--path P]...   publish the draft (or only P)\n"
    "  discard BUNDLE                        drop the draft and its changes\n"
    "  log BUNDLE                            published versions\n"
    "  history BUNDLE PATH                   versions that changed PATH\n"
    "  cat BUNDLE PATH [--version N | --draft NAME]\n"
    "  ls BUNDLE [--version N | --draft NAME] [--prefix P]\n"
    "  link set BUNDLE NAME TARGET VERSION [--replace]   link TARGET@VERSION in the draft\n"
    "  link rm BUNDLE NAME | link ls BUNDLE [--version N | --draft NAME]\n"
    "  import BUNDLE DIR [--no-mirror]       load DIR into the draft (mirror: delete absent)\n"
    "  export BUNDLE DIR [--version N | --draft NAME]   DIR must not exist or be empty\n"
    "  gc                                    drop blobs no version or draft uses\n"
    "  verify                                rehash every blob\n"
    "  rotate-secrets                        new asset-URL/handler-token signing keys (the\n"
    "                                        previous ones verify until the next rotation)\n"
    "\n"
    "Arguments after '--' are never options (for paths starting with '-').\n"
    "Writes accept --expect-rev N: fail with a conflict unless the draft is at revision N.\n"
    "Exit codes: 0 ok; 1 refused or findings (not found, conflict, invalid input,\n"
    "corruption, nothing to commit); 2 usage or I/O error.\n";

struct Sub {
  const char* word1;
  const char* word2;  // nullptr for one-word commands
  size_t min_pos, max_pos;
  int (*run)(Ctx&);
};

const Sub kSubs[] = {
    {"init", nullptr, 0, 0, nullptr},  // handled in RunStore: the only command that creates
    {"bundle", "create", 1, 1, BundleCreate},
    {"bundle", "list", 0, 0, BundleList},
    {"bundle", "show", 1, 1, BundleShow},
    {"bundle", "delete", 1, 1, BundleDelete},
    {"draft", "write", 2, 3, DraftWrite},
    {"draft", "rm", 2, 2, DraftRm},
    {"draft", "ls", 1, 1, DraftLs},
    {"draft", "diff", 1, 1, DraftDiff},
    {"commit", nullptr, 1, 1, Commit},
    {"discard", nullptr, 1, 1, Discard},
    {"log", nullptr, 1, 1, Log},
    {"history", nullptr, 2, 2, History},
    {"cat", nullptr, 2, 2, Cat},
    {"ls", nullptr, 1, 1, Ls},
    {"link", "set", 4, 4, LinkSet},
    {"link", "rm", 2, 2, LinkRm},
    {"link", "ls", 1, 1, LinkLs},
    {"import", nullptr, 2, 2, Import},
    {"export", nullptr, 2, 2, Export},
    {"gc", nullptr, 0, 0, Gc},
    {"verify", nullptr, 0, 0, Verify},
    {"rotate-secrets", nullptr, 0, 0, RotateSecrets},
};

// Splits flags from positionals. Returns an error message, or "" on success.
std::string ParseArgs(const std::vector<std::string>& in, Args* a) {
  bool only_positionals = false;  // after "--", so paths may start with '-'
  for (size_t i = 0; i < in.size(); ++i) {
    const std::string& s = in[i];
    if (only_positionals) {
      a->pos.push_back(s);
      continue;
    }
    if (s == "--") {
      only_positionals = true;
      continue;
    }
    auto value = [&](std::string* out) -> bool {
      if (i + 1 >= in.size()) return false;
      *out = in[++i];
      return true;
    };
    std::string v;
    if (s == "--json") {
      a->json = true;
    } else if (s == "--replace") {
      a->replace = true;
    } else if (s == "--no-mirror") {
      a->no_mirror = true;
    } else if (s == "--db" || s == "--draft" || s == "--version" || s == "-m" || s == "--message" ||
               s == "--author" || s == "--title" || s == "--description" || s == "--uuid" ||
               s == "--prefix" || s == "--path" || s == "--expect-rev") {
      if (!value(&v)) return s + " needs a value";
      if (s == "--db") a->db = v;
      if (s == "--draft") a->draft = v, a->draft_given = true;
      if (s == "-m" || s == "--message") a->message = v;
      if (s == "--author") a->author = v;
      if (s == "--title") a->title = v;
      if (s == "--description") a->description = v;
      if (s == "--uuid") a->uuid = v;
      if (s == "--prefix") a->prefix = v;
      if (s == "--path") a->paths.push_back(v);
      if (s == "--version" || s == "--expect-rev") {
        // Versions start at 1 (0 is not "latest": omit --version for that);
        // draft revisions start at 0.
        Result<int64_t> n = ParseIntArg(s, v, s == "--version" ? 1 : 0);
        if (!n.ok()) return n.status().message();
        (s == "--version" ? a->version : a->expect_rev) = *n;
      }
    } else if (s.size() > 1 && s[0] == '-' && s != "-") {
      return "unknown option '" + s + "'";
    } else {
      a->pos.push_back(s);
    }
  }
  if (a->version && a->draft_given) return "--version and --draft are exclusive";
  return "";
}

}  // namespace

int Ctx::Fail(const Status& st) const { return PrintError(inv, "store", st, args.json); }

store::Ref Ctx::At() const {
  if (args.draft_given) return store::Ref::Draft(args.draft);
  if (args.version && *args.version > 0) return store::Ref::Version(*args.version);
  return store::Ref::Latest();
}

std::string FormatTime(int64_t micros) {
  std::time_t secs = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::json FileJson(const store::FileInfo& f) {
  return {{"path", f.path}, {"size", f.size}, {"digest", f.digest}};
}

int BundleCreate(Ctx& c) {
  store::NewBundle nb{c.args.uuid, c.args.pos[0], c.args.title, c.args.description};
  if (nb.title.empty()) nb.title = nb.slug;
  auto b = c.store->CreateBundle(nb);
  if (!b.ok()) return c.Fail(b.status());
  if (c.args.json) {
    c.Json({{"uuid", b->uuid}, {"slug", b->slug}, {"title", b->title}});
  } else {
    *c.inv.out << "created bundle " << b->slug << " " << b->uuid << "\n";
  }
  return kExitOk;
}

int BundleDelete(Ctx& c) {
  Status st = c.store->DeleteBundle(c.args.pos[0]);
  if (!st.ok()) return c.Fail(st);
  if (c.args.json) {
    c.Json({{"deleted_bundle", c.args.pos[0]}});
  } else {
    *c.inv.out << "deleted bundle " << c.args.pos[0] << " (run gc to reclaim its bytes)\n";
  }
  return kExitOk;
}

int DraftWrite(Ctx& c) {
  store::WriteOptions wo;
  wo.expected_revision = c.args.expect_rev;
  const std::string& bundle = c.args.pos[0];
  const std::string& path = c.args.pos[1];
  Status st;
  if (c.args.pos.size() == 3 && c.args.pos[2] != "-") {
    st = c.store->WriteFileFromDisk(bundle, c.args.draft, path, c.args.pos[2], wo);
  } else {
    std::string bytes((std::istreambuf_iterator<char>(*c.inv.in)),
                      std::istreambuf_iterator<char>());
    if (c.inv.in->bad()) return c.Fail(Status::IOError("cannot read stdin"));
    st = c.store->WriteFile(bundle, c.args.draft, path, bytes, wo);
  }
  if (!st.ok()) return c.Fail(st);
  auto d = c.store->GetDraft(bundle, c.args.draft);
  if (!d.ok()) return c.Fail(d.status());
  if (c.args.json) {
    c.Json({{"written", path}, {"draft", d->name}, {"revision", d->revision}});
  } else {
    *c.inv.out << "wrote " << path << " (draft " << d->name << ", revision " << d->revision
               << ")\n";
  }
  return kExitOk;
}

int DraftRm(Ctx& c) {
  store::WriteOptions wo;
  wo.expected_revision = c.args.expect_rev;
  Status st = c.store->DeleteFile(c.args.pos[0], c.args.draft, c.args.pos[1], wo);
  if (!st.ok()) return c.Fail(st);
  if (c.args.json) {
    c.Json({{"deleted", c.args.pos[1]}, {"draft", c.args.draft}});
  } else {
    *c.inv.out << "deleted " << c.args.pos[1] << " in draft " << c.args.draft << "\n";
  }
  return kExitOk;
}

int Commit(Ctx& c) {
  store::CommitOptions co;
  co.paths = c.args.paths;
  co.change_description = c.args.message;
  co.author = c.args.author;
  co.expected_revision = c.args.expect_rev;
  auto v = c.store->Commit(c.args.pos[0], c.args.draft, co);
  if (!v.ok()) return c.Fail(v.status());
  if (c.args.json) {
    c.Json({{"version", *v}, {"draft", c.args.draft}});
  } else {
    *c.inv.out << "committed draft " << c.args.draft << " as version " << *v << "\n";
  }
  return kExitOk;
}

int Discard(Ctx& c) {
  Status st = c.store->DiscardDraft(c.args.pos[0], c.args.draft);
  if (!st.ok()) return c.Fail(st);
  if (c.args.json) {
    c.Json({{"discarded", c.args.draft}});
  } else {
    *c.inv.out << "discarded draft " << c.args.draft << "\n";
  }
  return kExitOk;
}

int LinkSet(Ctx& c) {
  Result<int64_t> parsed = ParseIntArg("VERSION", c.args.pos[3], 1);
  if (!parsed.ok()) return c.Fail(parsed.status());
  const int64_t version = *parsed;
  auto target = c.store->GetBundle(c.args.pos[2]);
  if (!target.ok()) return c.Fail(target.status());
  store::WriteOptions wo;
  wo.expected_revision = c.args.expect_rev;
  Status st = c.store->SetLink(c.args.pos[0], c.args.draft, c.args.pos[1],
                               store::LinkTarget{target->uuid, version}, c.args.replace, wo);
  if (!st.ok()) return c.Fail(st);
  if (c.args.json) {
    c.Json({{"link", c.args.pos[1]}, {"bundle_uuid", target->uuid}, {"version", version}});
  } else {
    *c.inv.out << "link " << c.args.pos[1] << " -> " << target->slug << "@" << version << " (draft "
               << c.args.draft << ")\n";
  }
  return kExitOk;
}

int LinkRm(Ctx& c) {
  store::WriteOptions wo;
  wo.expected_revision = c.args.expect_rev;
  Status st = c.store->RemoveLink(c.args.pos[0], c.args.draft, c.args.pos[1], wo);
  if (!st.ok()) return c.Fail(st);
  if (c.args.json) {
    c.Json({{"removed_link", c.args.pos[1]}});
  } else {
    *c.inv.out << "removed link " << c.args.pos[1] << " (draft " << c.args.draft << ")\n";
  }
  return kExitOk;
}

int Import(Ctx& c) {
  store::ImportOptions io;
  io.mirror = !c.args.no_mirror;
  auto stats = c.store->ImportDirectory(c.args.pos[0], c.args.draft, c.args.pos[1], io);
  if (!stats.ok()) return c.Fail(stats.status());
  if (c.args.json) {
    c.Json({{"files", stats->files_seen},
            {"changed", stats->files_changed},
            {"deleted", stats->files_deleted},
            {"bytes", stats->bytes_seen},
            {"draft", c.args.draft}});
  } else {
    *c.inv.out << "imported " << stats->files_seen << " files (" << stats->bytes_seen
               << " bytes): " << stats->files_changed << " changed, " << stats->files_deleted
               << " deleted, into draft " << c.args.draft << "\n";
  }
  return kExitOk;
}

}  // namespace storecli

int RunStore(const Invocation& inv) {
  using namespace storecli;
  if (inv.args.empty()) {
    *inv.err << kHelp;
    return kExitUsage;
  }
  for (const std::string& a : inv.args) {
    if (IsHelpFlag(a)) {
      *inv.out << kHelp;
      return kExitOk;
    }
  }
  Args args;
  std::string err = ParseArgs(inv.args, &args);
  if (!err.empty()) {
    *inv.err << "blockrt store: " << err << "\n" << kHelp;
    return kExitUsage;
  }
  if (args.db.empty()) {
    const char* env = std::getenv("BLOCKRT_STORE");
    if (env != nullptr) args.db = env;
  }
  if (args.pos.empty()) {
    *inv.err << "blockrt store: missing command\n" << kHelp;
    return kExitUsage;
  }
  if (args.db.empty()) {
    *inv.err << "blockrt store: no store file: pass --db FILE or set BLOCKRT_STORE\n";
    return kExitUsage;
  }
  std::string w1 = args.pos[0];
  std::string w2 = args.pos.size() > 1 ? args.pos[1] : "";
  const Sub* sub = nullptr;
  for (const Sub& s : kSubs) {
    if (w1 == s.word1 && (s.word2 == nullptr || w2 == s.word2)) {
      sub = &s;
      break;
    }
  }
  if (sub == nullptr) {
    *inv.err << "blockrt store: unknown command '" << w1 << (w2.empty() ? "" : " " + w2) << "'\n"
             << kHelp;
    return kExitUsage;
  }
  args.pos.erase(args.pos.begin(), args.pos.begin() + (sub->word2 ? 2 : 1));
  if (args.pos.size() < sub->min_pos || args.pos.size() > sub->max_pos) {
    *inv.err << "blockrt store: wrong number of arguments for '" << w1
             << (sub->word2 ? std::string(" ") + sub->word2 : "") << "'\n"
             << kHelp;
    return kExitUsage;
  }
  store::StoreOptions opts;
  opts.create_if_missing = w1 == "init";
  auto opened = store::Store::Open(args.db, opts);
  Ctx ctx{inv, args, nullptr};
  if (!opened.ok()) {
    Status st = opened.status();
    if (st.code() == Status::Code::kIOError && w1 != "init") {
      st = Status::IOError(st.message() + " (run 'blockrt store --db FILE init' first?)");
    }
    return ctx.Fail(st);
  }
  ctx.store = std::move(opened).value();
  if (w1 == "init") {
    if (int rc = EnsureSecrets(ctx); rc != kExitOk) return rc;
    if (args.json) {
      ctx.Json({{"store", args.db}, {"ok", true}});
    } else {
      *inv.out << "store ready at " << args.db << "\n";
    }
    return kExitOk;
  }
  return sub->run(ctx);
}

}  // namespace blockrt::cli
