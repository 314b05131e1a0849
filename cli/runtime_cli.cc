#include "cli/runtime_cli.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "cli/errors.h"
#include "cli/json_text.h"
#include "contexts/user.h"

namespace blockrt::cli {

bool ParseCommonFlags(const std::vector<std::string>& args,
                      const std::vector<std::string>& value_options,
                      const std::vector<std::string>& switch_options, CommonFlags* flags,
                      std::ostream* err, const char* command) {
  auto has = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto need_value = [&]() -> const std::string* {
      if (i + 1 >= args.size()) {
        *err << "blockrt " << command << ": " << a << " needs a value\n";
        return nullptr;
      }
      return &args[++i];
    };
    if (IsHelpFlag(a)) {
      flags->help = true;
    } else if (a == "--json") {
      flags->json = true;
    } else if (a == "--studio") {
      flags->mode = runtime::Mode::kStudio;
    } else if (a == "--lms") {
      flags->mode = runtime::Mode::kLms;
    } else if (a == "--db" || a == "--user" || has(value_options, a)) {
      const std::string* v = need_value();
      if (v == nullptr) return false;
      if (a == "--db") {
        flags->db = *v;
        flags->db_given = true;
      } else if (a == "--user") {
        flags->user = *v;
      } else {
        flags->options.emplace_back(a, *v);
      }
    } else if (has(switch_options, a)) {
      flags->switches.push_back(a);
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      *err << "blockrt " << command << ": unknown option '" << a << "' (see --help)\n";
      return false;
    } else {
      flags->positional.push_back(a);
    }
  }
  return true;
}

const std::string* OptionValue(const CommonFlags& flags, const std::string& name) {
  for (auto it = flags.options.rbegin(); it != flags.options.rend(); ++it) {
    if (it->first == name) return &it->second;
  }
  return nullptr;
}

bool HasSwitch(const CommonFlags& flags, const std::string& name) {
  return std::find(flags.switches.begin(), flags.switches.end(), name) != flags.switches.end();
}

int ReportError(const CommonFlags& flags, const char* command, const Status& st, std::ostream* out,
                std::ostream* err) {
  Invocation inv{{}, nullptr, out, err};
  return PrintError(inv, command, st, flags.json);
}

Result<std::unique_ptr<runtime::Engine>> OpenEngine(const CommonFlags& flags, bool create) {
  // --user is checked where it enters: every command acting for a user opens
  // the engine first, and nothing downstream (records, JSON) must see bytes
  // that are not a valid id.
  if (!flags.user.empty()) BLOCKRT_RETURN_IF_ERROR(contexts::ValidateUserId(flags.user));
  std::string path = flags.db;
  if (!flags.db_given) {
    // Same default as `blockrt store`: $BLOCKRT_STORE, else ./blockrt.db.
    if (const char* env = std::getenv("BLOCKRT_STORE"); env != nullptr && env[0] != '\0') {
      path = env;
    }
  }
  runtime::EngineOptions options;
  options.create_if_missing = create;
  Result<std::unique_ptr<runtime::Engine>> engine = runtime::Engine::Open(path, options);
  if (!engine.ok() && !create && engine.status().code() == Status::Code::kIOError) {
    return Status::IOError(engine.status().message() +
                           " (create one with 'blockrt lib create' or 'blockrt store init')");
  }
  return engine;
}

Result<std::string> ReadInput(const std::string& path, std::istream* in) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(*in), {});
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::IOError("cannot read " + path);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

nlohmann::json BlockJson(const runtime::Runtime& rt, const runtime::Block& block) {
  nlohmann::json fields = nlohmann::json::object();
  nlohmann::json explicit_fields = nlohmann::json::array();
  nlohmann::json field_sources = nlohmann::json::object();
  for (olx::FieldScope scope : {olx::FieldScope::kContent, olx::FieldScope::kSettings}) {
    nlohmann::json values = nlohmann::json::object();
    for (const runtime::TypedField& f : rt.VisibleFields(block, scope)) {
      values[f.name] = nlohmann::json::parse(f.json, nullptr, false);
      if (!f.is_default) explicit_fields.push_back(f.name);
      field_sources[f.name] = std::string(f.source);
    }
    fields[std::string(olx::FieldScopeName(scope))] = std::move(values);
  }
  nlohmann::json children = nlohmann::json::array();
  for (const keys::Key& c : block.children()) children.push_back(c.text());
  return nlohmann::json{
      {"usage_key", block.usage_key().text()},
      {"block_type", block.block_type()},
      {"display_name", block.display_name()},
      {"definition", block.definition().ToString()},
      {"fields", std::move(fields)},
      {"explicit_fields", std::move(explicit_fields)},
      {"field_sources", std::move(field_sources)},
      {"children", std::move(children)},
      {"parent", block.parent() ? nlohmann::json(block.parent()->text()) : nlohmann::json()},
  };
}

}  // namespace blockrt::cli
