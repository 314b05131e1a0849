// blockrt store: read-side and maintenance subcommands.
#include <iostream>
#include <map>

#include "cli/store_cli.h"

namespace blockrt::cli::storecli {
namespace {

nlohmann::json BundleJson(const store::BundleInfo& b) {
  return {{"uuid", b.uuid},
          {"slug", b.slug},
          {"title", b.title},
          {"description", b.description},
          {"latest_version", b.latest_version},
          {"created_at", FormatTime(b.created_at)}};
}

nlohmann::json VersionJson(const store::VersionInfo& v) {
  return {{"version", v.version},
          {"message", v.change_description},
          {"author", v.author},
          {"created_at", FormatTime(v.created_at)},
          {"files_changed", v.files_changed}};
}

}  // namespace

int BundleList(Ctx& c) {
  auto bundles = c.store->ListBundles();
  if (!bundles.ok()) return c.Fail(bundles.status());
  for (const store::BundleInfo& b : *bundles) {
    if (c.args.json) {
      c.Json(BundleJson(b));
    } else {
      *c.inv.out << b.uuid << "  v" << b.latest_version << "  " << b.slug << "  " << b.title
                 << "\n";
    }
  }
  return kExitOk;
}

int BundleShow(Ctx& c) {
  auto b = c.store->GetBundle(c.args.pos[0]);
  if (!b.ok()) return c.Fail(b.status());
  auto drafts = c.store->ListDrafts(b->uuid);
  if (!drafts.ok()) return c.Fail(drafts.status());
  nlohmann::json j = BundleJson(*b);
  j["drafts"] = nlohmann::json::array();
  if (!c.args.json) {
    *c.inv.out << "uuid:        " << b->uuid << "\nslug:        " << b->slug
               << "\ntitle:       " << b->title << "\ndescription: " << b->description
               << "\nlatest:      v" << b->latest_version
               << "\ncreated:     " << FormatTime(b->created_at) << "\n";
  }
  for (const store::DraftInfo& d : *drafts) {
    auto changed = c.store->HasChanges(b->uuid, d.name);
    if (!changed.ok()) return c.Fail(changed.status());
    if (c.args.json) {
      j["drafts"].push_back({{"name", d.name},
                             {"base_version", d.base_version},
                             {"revision", d.revision},
                             {"has_changes", *changed},
                             {"updated_at", FormatTime(d.updated_at)}});
    } else {
      *c.inv.out << "draft:       " << d.name << " (base v" << d.base_version << ", revision "
                 << d.revision << (*changed ? ", changes pending" : "") << ")\n";
    }
  }
  if (c.args.json) c.Json(j);
  return kExitOk;
}

// Files the draft shows, marked A (added) or M (modified) against its base.
int DraftLs(Ctx& c) {
  const std::string& bundle = c.args.pos[0];
  auto files = c.store->ListFiles(bundle, store::Ref::Draft(c.args.draft), c.args.prefix);
  if (!files.ok()) return c.Fail(files.status());
  auto diff = c.store->Diff(bundle, c.args.draft);
  if (!diff.ok()) return c.Fail(diff.status());
  std::map<std::string, store::DraftChange::Kind> changed;
  for (const store::DraftChange& ch : *diff) changed[ch.name] = ch.kind;
  for (const store::FileInfo& f : *files) {
    auto it = changed.find(f.path);
    if (c.args.json) {
      nlohmann::json j = FileJson(f);
      j["change"] = it == changed.end() ? nlohmann::json()
                                        : nlohmann::json(store::DraftChangeKindName(it->second));
      c.Json(j);
    } else {
      char mark = it == changed.end()                              ? ' '
                  : it->second == store::DraftChange::Kind::kAdded ? 'A'
                                                                   : 'M';
      *c.inv.out << mark << " " << f.digest << "  " << f.size << "  " << f.path << "\n";
    }
  }
  return kExitOk;
}

int DraftDiff(Ctx& c) {
  auto diff = c.store->Diff(c.args.pos[0], c.args.draft);
  if (!diff.ok()) return c.Fail(diff.status());
  for (const store::DraftChange& ch : *diff) {
    if (c.args.json) {
      nlohmann::json j = {{"change", store::DraftChangeKindName(ch.kind)}, {"name", ch.name}};
      if (!ch.digest.empty()) j["target"] = ch.digest;
      if (ch.kind == store::DraftChange::Kind::kAdded ||
          ch.kind == store::DraftChange::Kind::kModified) {
        j["size"] = ch.size;
      }
      c.Json(j);
    } else {
      static const char kMark[] = {'A', 'M', 'D', 'L', 'l'};
      *c.inv.out << kMark[static_cast<int>(ch.kind)] << "  " << ch.name;
      if (ch.kind == store::DraftChange::Kind::kLinkSet) *c.inv.out << " -> " << ch.digest;
      *c.inv.out << "\n";
    }
  }
  return kExitOk;
}

int LinkLs(Ctx& c) {
  auto links = c.store->ListLinks(c.args.pos[0], c.At());
  if (!links.ok()) return c.Fail(links.status());
  for (const store::LinkInfo& l : *links) {
    if (c.args.json) {
      nlohmann::json ind = nlohmann::json::array();
      for (const auto& t : l.indirect)
        ind.push_back({{"bundle_uuid", t.bundle_uuid}, {"version", t.version}});
      c.Json({{"name", l.name},
              {"direct", {{"bundle_uuid", l.direct.bundle_uuid}, {"version", l.direct.version}}},
              {"indirect", ind}});
    } else {
      *c.inv.out << l.name << " -> " << l.direct.bundle_uuid << "@" << l.direct.version;
      if (!l.indirect.empty()) *c.inv.out << " (+" << l.indirect.size() << " indirect)";
      *c.inv.out << "\n";
    }
  }
  return kExitOk;
}

int Log(Ctx& c) {
  auto versions = c.store->ListVersions(c.args.pos[0]);
  if (!versions.ok()) return c.Fail(versions.status());
  for (auto it = versions->rbegin(); it != versions->rend(); ++it) {
    if (c.args.json) {
      c.Json(VersionJson(*it));
    } else {
      *c.inv.out << "v" << it->version << "  " << FormatTime(it->created_at) << "  "
                 << (it->author.empty() ? "-" : it->author) << "  " << it->files_changed
                 << " files  " << it->change_description << "\n";
    }
  }
  return kExitOk;
}

int History(Ctx& c) {
  auto h = c.store->History(c.args.pos[0], c.args.pos[1]);
  if (!h.ok()) return c.Fail(h.status());
  for (const auto& [v, f] : *h) {
    if (c.args.json) {
      nlohmann::json j = VersionJson(v);
      j["path"] = f.path;
      j["deleted"] = f.size < 0;
      if (f.size >= 0) {
        j["size"] = f.size;
        j["digest"] = f.digest;
      }
      c.Json(j);
    } else {
      *c.inv.out << "v" << v.version << "  " << FormatTime(v.created_at) << "  "
                 << (f.size < 0 ? "deleted" : f.digest + "  " + std::to_string(f.size) + " bytes")
                 << "  " << v.change_description << "\n";
    }
  }
  return kExitOk;
}

int Cat(Ctx& c) {
  // Read whole so only verified bytes ever reach stdout.
  auto bytes = c.store->ReadFile(c.args.pos[0], c.At(), c.args.pos[1]);
  if (!bytes.ok()) return c.Fail(bytes.status());
  c.inv.out->write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  c.inv.out->flush();
  return c.inv.out->good() ? kExitOk : kExitUsage;
}

int Ls(Ctx& c) {
  auto files = c.store->ListFiles(c.args.pos[0], c.At(), c.args.prefix);
  if (!files.ok()) return c.Fail(files.status());
  for (const store::FileInfo& f : *files) {
    if (c.args.json) {
      c.Json(FileJson(f));
    } else {
      *c.inv.out << f.digest << "  " << f.size << "  " << f.path << "\n";
    }
  }
  return kExitOk;
}

int Export(Ctx& c) {
  auto n = c.store->ExportDirectory(c.args.pos[0], c.At(), c.args.pos[1]);
  if (!n.ok()) return c.Fail(n.status());
  if (c.args.json) {
    c.Json({{"exported", *n}, {"dir", c.args.pos[1]}, {"at", c.At().ToString()}});
  } else {
    *c.inv.out << "exported " << *n << " files at " << c.At().ToString() << " to " << c.args.pos[1]
               << "\n";
  }
  return kExitOk;
}

int Gc(Ctx& c) {
  auto gc = c.store->CollectGarbage();
  if (!gc.ok()) return c.Fail(gc.status());
  if (c.args.json) {
    c.Json({{"blobs_removed", gc->blobs_removed}, {"bytes_removed", gc->bytes_removed}});
  } else {
    *c.inv.out << "removed " << gc->blobs_removed << " unreferenced blobs (" << gc->bytes_removed
               << " bytes)\n";
  }
  return kExitOk;
}

int Verify(Ctx& c) {
  auto report = c.store->Verify();
  if (!report.ok()) return c.Fail(report.status());
  for (const store::VerifyProblem& p : report->problems) {
    if (c.args.json) {
      c.Json({{"problem", p.message}, {"digest", p.digest}, {"used_by", p.used_by}});
    } else {
      *c.inv.out << "CORRUPT " << (p.digest.empty() ? "-" : p.digest) << ": " << p.message;
      for (const std::string& u : p.used_by) *c.inv.out << "\n    used by " << u;
      *c.inv.out << "\n";
    }
  }
  if (c.args.json) {
    c.Json({{"blobs_checked", report->blobs_checked},
            {"bytes_checked", report->bytes_checked},
            {"problems", report->problems.size()}});
  } else {
    *c.inv.out << "checked " << report->blobs_checked << " blobs (" << report->bytes_checked
               << " bytes): " << report->problems.size() << " problems\n";
  }
  return report->problems.empty() ? kExitOk : kExitFindings;
}

}  // namespace blockrt::cli::storecli
