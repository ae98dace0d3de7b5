#include "common/config/schema.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/config/value_parsing.h"

namespace laso::config {
namespace {

std::string Quote(absl::string_view s) {
  return absl::StrCat("\"", absl::StrReplaceAll(s, {{"\\", "\\\\"}, {"\"", "\\\""}}), "\"");
}

std::string TomlValue(const Key& key) {
  switch (key.type) {
    case Type::kInt:
    case Type::kBool:
      return key.default_value;
    case Type::kStringList: {
      std::vector<std::string> quoted;
      for (const auto& item : SplitList(key.default_value)) quoted.push_back(Quote(item));
      return absl::StrCat("[", absl::StrJoin(quoted, ", "), "]");
    }
    default:
      return Quote(key.default_value);
  }
}

}  // namespace

std::string EnvNameFor(absl::string_view key) {
  return absl::StrCat("LASO_", absl::AsciiStrToUpper(absl::StrReplaceAll(key, {{".", "_"}})));
}

Schema& Schema::Add(Key key) {
  std::string env = EnvNameFor(key.name);
  if (keys_.count(key.name) || env_names_.count(env)) {
    // Two keys that map to one environment variable is a bug in the schema itself.
    std::fprintf(stderr, "config schema: duplicate key or environment name %s\n", key.name.c_str());
    std::abort();
  }
  if (auto s = ValidateValue(key, key.default_value); !s.ok()) {
    std::fprintf(stderr, "config schema: bad default: %s\n", std::string(s.message()).c_str());
    std::abort();
  }
  env_names_[env] = key.name;
  keys_[key.name] = std::move(key);
  return *this;
}

Schema& Schema::String(absl::string_view name, absl::string_view def, absl::string_view help) {
  return Add({.name = std::string(name), .type = Type::kString, .default_value = std::string(def),
              .help = std::string(help)});
}

Schema& Schema::Secret(absl::string_view name, absl::string_view help) {
  return Add({.name = std::string(name), .type = Type::kString, .help = std::string(help), .secret = true});
}

Schema& Schema::Int(absl::string_view name, int64_t def, int64_t min, int64_t max,
                    absl::string_view help) {
  return Add({.name = std::string(name), .type = Type::kInt, .default_value = absl::StrCat(def),
              .help = std::string(help), .min = min, .max = max});
}

Schema& Schema::Bool(absl::string_view name, bool def, absl::string_view help) {
  return Add({.name = std::string(name), .type = Type::kBool, .default_value = def ? "true" : "false",
              .help = std::string(help)});
}

Schema& Schema::Duration(absl::string_view name, absl::string_view def, absl::string_view help) {
  return Add({.name = std::string(name), .type = Type::kDuration, .default_value = std::string(def),
              .help = std::string(help)});
}

Schema& Schema::StringList(absl::string_view name, absl::string_view def, absl::string_view help) {
  return Add({.name = std::string(name), .type = Type::kStringList, .default_value = std::string(def),
              .help = std::string(help)});
}

Schema& Schema::AddressList(absl::string_view name, absl::string_view def, absl::string_view help) {
  return Add({.name = std::string(name), .type = Type::kStringList, .default_value = std::string(def),
              .help = std::string(help), .addresses = true});
}

Schema& Schema::Enum(absl::string_view name, absl::string_view def, std::vector<std::string> choices,
                     absl::string_view help) {
  return Add({.name = std::string(name), .type = Type::kEnum, .default_value = std::string(def),
              .help = std::string(help), .choices = std::move(choices)});
}

Schema& Schema::Address(absl::string_view name, absl::string_view def, absl::string_view help) {
  return Add({.name = std::string(name), .type = Type::kAddress, .default_value = std::string(def),
              .help = std::string(help)});
}

Schema& Schema::Endpoint(absl::string_view name, absl::string_view def, absl::string_view help) {
  return Add({.name = std::string(name), .type = Type::kEndpoint, .default_value = std::string(def),
              .help = std::string(help)});
}

Schema& Schema::Rate(absl::string_view name, absl::string_view def, absl::string_view help) {
  return Add({.name = std::string(name), .type = Type::kRate, .default_value = std::string(def),
              .help = std::string(help)});
}

const Key* Schema::Find(absl::string_view name) const {
  auto it = keys_.find(name);
  return it == keys_.end() ? nullptr : &it->second;
}

const Key* Schema::FindByEnv(absl::string_view env_name) const {
  auto it = env_names_.find(env_name);
  return it == env_names_.end() ? nullptr : Find(it->second);
}

std::string Schema::RenderExampleToml() const {
  std::string out =
      "# laso configuration: every key, each at its default.\n"
      "# Generated from common/config/laso_keys.cc by `laso config example`; do not edit by hand.\n"
      "# Precedence: built-in defaults < this file (--config FILE or LASO_CONFIG=FILE) <\n"
      "# environment variables LASO_<SECTION>_<KEY>. Unknown keys and bad values stop\n"
      "# the process at start with a message naming the key.\n";
  // Top-level keys must precede the first table, so render them first.
  std::map<std::string, std::vector<const Key*>> sections;
  for (const auto& [name, key] : keys_) {
    size_t dot = name.rfind('.');
    sections[dot == std::string::npos ? "" : name.substr(0, dot)].push_back(&key);
  }
  for (const auto& [section, keys] : sections) {
    out += "\n";
    if (!section.empty()) absl::StrAppend(&out, "[", section, "]\n");
    for (const Key* key : keys) {
      std::string leaf = key->name.substr(section.empty() ? 0 : section.size() + 1);
      absl::StrAppend(&out, "# ", key->help, " (", EnvNameFor(key->name), ")\n");
      if (key->type == Type::kEnum) {
        absl::StrAppend(&out, "# One of: ", absl::StrJoin(key->choices, ", "), ".\n");
      }
      if (key->secret) {
        absl::StrAppend(&out, "# ", leaf, " = \"\"\n");
      } else {
        absl::StrAppend(&out, leaf, " = ", TomlValue(*key), "\n");
      }
    }
  }
  return out;
}

}  // namespace laso::config
