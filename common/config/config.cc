#include "common/config/config.h"

#include <cstdio>
#include <cstdlib>

#include <toml++/toml.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/config/value_parsing.h"

extern char** environ;

namespace laso::config {
namespace {

constexpr absl::string_view kFileEnv = "LASO_CONFIG";

size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string Suggestion(const Schema& schema, absl::string_view name) {
  std::string best;
  size_t best_distance = 4;  // suggest only near misses
  for (const auto& [key, unused] : schema.keys()) {
    size_t d = EditDistance(key, name);
    if (d < best_distance) {
      best_distance = d;
      best = key;
    }
  }
  return best.empty() ? "" : absl::StrCat(" (did you mean '", best, "'?)");
}

// TOML values become the same text the environment would carry.
bool TomlToText(const toml::node& node, std::string* out) {
  if (auto s = node.value<std::string>(); s && node.is_string()) {
    *out = *s;
  } else if (node.is_integer()) {
    *out = absl::StrCat(*node.value<int64_t>());
  } else if (node.is_boolean()) {
    *out = *node.value<bool>() ? "true" : "false";
  } else if (node.is_floating_point()) {
    *out = absl::StrCat(*node.value<double>());
  } else if (const toml::array* array = node.as_array()) {
    std::vector<std::string> items;
    for (const auto& item : *array) {
      auto s = item.value<std::string>();
      if (!s || !item.is_string() || absl::StrContains(*s, ',')) return false;
      items.push_back(*s);
    }
    *out = absl::StrJoin(items, ",");
  } else {
    return false;
  }
  return true;
}

absl::Status Flatten(const toml::table& table, const std::string& prefix, const std::string& file,
                     const Schema& schema, Config* config) {
  for (const auto& [k, node] : table) {
    std::string key(k.str());
    std::string name = prefix.empty() ? key : absl::StrCat(prefix, ".", key);
    if (const toml::table* sub = node.as_table()) {
      if (auto s = Flatten(*sub, name, file, schema, config); !s.ok()) return s;
      continue;
    }
    if (schema.Find(name) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown config key '", name, "' in ", file, Suggestion(schema, name)));
    }
    std::string text;
    if (!TomlToText(node, &text)) {
      return absl::InvalidArgumentError(
          absl::StrCat("config key '", name, "' in ", file, " has a value of the wrong kind"));
    }
    if (auto s = config->Set(name, text, file); !s.ok()) return s;
  }
  return absl::OkStatus();
}

[[noreturn]] void Misuse(absl::string_view what, absl::string_view key) {
  std::fprintf(stderr, "config: %s '%s'\n", std::string(what).c_str(), std::string(key).c_str());
  std::abort();
}

}  // namespace

Sources ProcessSources(int argc, char** argv) {
  Sources sources;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    absl::string_view entry(*e);
    if (!absl::StartsWith(entry, "LASO_")) continue;
    size_t eq = entry.find('=');
    if (eq == absl::string_view::npos) continue;
    sources.env[std::string(entry.substr(0, eq))] = std::string(entry.substr(eq + 1));
  }
  auto it = sources.env.find(std::string(kFileEnv));
  if (it != sources.env.end()) sources.file = it->second;
  for (int i = 1; i + 1 < argc; ++i) {
    if (absl::string_view(argv[i]) == "--config") sources.file = argv[i + 1];
  }
  return sources;
}

Config Config::Defaults(const Schema& schema) {
  Config config(&schema);
  for (const auto& [name, key] : schema.keys()) {
    config.values_[name] = key.default_value;
    config.sources_[name] = "default";
  }
  return config;
}

absl::Status Config::Set(absl::string_view key, absl::string_view value, absl::string_view source) {
  const Key* k = schema_->Find(key);
  if (k == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unknown config key '", key, "'", Suggestion(*schema_, key)));
  }
  if (auto s = ValidateValue(*k, value); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(s.message(), " (from ", source, ")"));
  }
  values_[k->name] = std::string(value);
  sources_[k->name] = std::string(source);
  return absl::OkStatus();
}

const Key& Config::Require(absl::string_view key, Type type) const {
  const Key* k = schema_->Find(key);
  if (k == nullptr) Misuse("read of undeclared key", key);
  bool compatible = k->type == type || (type == Type::kString && (k->type == Type::kEnum ||
                                                                  k->type == Type::kAddress ||
                                                                  k->type == Type::kEndpoint ||
                                                                  k->type == Type::kRate));
  if (!compatible) Misuse("read with the wrong type of key", key);
  return *k;
}

const std::string& Config::Raw(absl::string_view key) const { return values_.find(key)->second; }

std::string Config::Text(absl::string_view key) const {
  if (schema_->Find(key) == nullptr) Misuse("read of undeclared key", key);
  return Raw(key);
}

std::string Config::String(absl::string_view key) const {
  Require(key, Type::kString);
  return Raw(key);
}

int64_t Config::Int(absl::string_view key) const {
  Require(key, Type::kInt);
  int64_t v = 0;
  (void)absl::SimpleAtoi(Raw(key), &v);
  return v;
}

bool Config::Bool(absl::string_view key) const {
  Require(key, Type::kBool);
  bool v = false;
  ParseBool(Raw(key), &v);
  return v;
}

absl::Duration Config::Duration(absl::string_view key) const {
  Require(key, Type::kDuration);
  absl::Duration v;
  ParseDurationWithDays(Raw(key), &v);
  return v;
}

std::vector<std::string> Config::List(absl::string_view key) const {
  Require(key, Type::kStringList);
  return SplitList(Raw(key));
}

std::string Config::Host(absl::string_view key) const {
  Require(key, Type::kAddress);
  std::string host;
  int port;
  ParseAddress(Raw(key), &host, &port);
  return host;
}

int Config::Port(absl::string_view key) const {
  Require(key, Type::kAddress);
  std::string host;
  int port = 0;
  ParseAddress(Raw(key), &host, &port);
  return port;
}

void Config::Rate(absl::string_view key, int64_t* tokens, absl::Duration* period) const {
  Require(key, Type::kRate);
  ParseRate(Raw(key), tokens, period);
}

std::string Config::SourceOf(absl::string_view key) const {
  auto it = sources_.find(key);
  return it == sources_.end() ? "" : it->second;
}

std::string Config::Describe() const {
  std::string out;
  for (const auto& [name, key] : schema_->keys()) {
    const std::string& value = Raw(name);
    std::string shown = key.secret ? (value.empty() ? "" : "********") : value;
    absl::StrAppend(&out, name, " = ", shown, "    # ", SourceOf(name), "\n");
  }
  return out;
}

absl::StatusOr<Config> Load(const Schema& schema, const Sources& sources) {
  Config config = Config::Defaults(schema);
  if (!sources.file.empty()) {
    toml::table doc;
    try {
      doc = toml::parse_file(sources.file);
    } catch (const toml::parse_error& e) {
      return absl::InvalidArgumentError(absl::StrCat("config file ", sources.file, ": ", std::string(e.description()),
                                                     " at line ", e.source().begin.line));
    }
    if (auto s = Flatten(doc, "", sources.file, schema, &config); !s.ok()) return s;
  }
  for (const auto& [env, value] : sources.env) {
    if (env == kFileEnv || !absl::StartsWith(env, "LASO_")) continue;
    const Key* key = schema.FindByEnv(env);
    if (key == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown environment variable ", env,
                                                     ": no config key maps to it"));
    }
    if (auto s = config.Set(key->name, value, env); !s.ok()) return s;
  }
  return config;
}

}  // namespace laso::config
