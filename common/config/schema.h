#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

// The declared configuration keys: name, type, default, constraints and help.
// A key "redis.address" is [redis] address = ... in the file and
// LASO_REDIS_ADDRESS in the environment.
namespace laso::config {

enum class Type { kString, kInt, kBool, kDuration, kStringList, kEnum, kAddress, kEndpoint, kRate };

struct Key {
  std::string name;
  Type type = Type::kString;
  std::string default_value;  // as it would be written in the environment
  std::string help;
  int64_t min = INT64_MIN;    // kInt
  int64_t max = INT64_MAX;
  std::vector<std::string> choices;  // kEnum
  bool secret = false;        // never printed in full
  bool addresses = false;     // kStringList of host:port
};

class Schema {
 public:
  Schema& String(absl::string_view name, absl::string_view def, absl::string_view help);
  Schema& Secret(absl::string_view name, absl::string_view help);
  Schema& Int(absl::string_view name, int64_t def, int64_t min, int64_t max, absl::string_view help);
  Schema& Bool(absl::string_view name, bool def, absl::string_view help);
  // Durations are written "250ms", "5s", "1h30m", "30d".
  Schema& Duration(absl::string_view name, absl::string_view def, absl::string_view help);
  // Lists are TOML arrays of strings in the file, comma-separated in the environment.
  Schema& StringList(absl::string_view name, absl::string_view def_comma_separated,
                     absl::string_view help);
  Schema& Enum(absl::string_view name, absl::string_view def, std::vector<std::string> choices,
               absl::string_view help);
  // "host:port"; port 0 lets the system choose where that makes sense.
  Schema& Address(absl::string_view name, absl::string_view def, absl::string_view help);
  // A list of "host:port", comma-separated in the environment.
  Schema& AddressList(absl::string_view name, absl::string_view def, absl::string_view help);
  // A gRPC endpoint: host:port, or unix:/absolute/path for a socket on this machine.
  Schema& Endpoint(absl::string_view name, absl::string_view def, absl::string_view help);
  // "N/period" (e.g. "60/1m": N events per period) or "off".
  Schema& Rate(absl::string_view name, absl::string_view def, absl::string_view help);

  const Key* Find(absl::string_view name) const;
  // The key an environment variable names, or null.
  const Key* FindByEnv(absl::string_view env_name) const;
  const std::map<std::string, Key, std::less<>>& keys() const { return keys_; }

  // A commented TOML file listing every key at its default: deploy/laso.example.toml.
  std::string RenderExampleToml() const;

 private:
  Schema& Add(Key key);
  std::map<std::string, Key, std::less<>> keys_;
  std::map<std::string, std::string, std::less<>> env_names_;  // LASO_X_Y -> x.y
};

std::string EnvNameFor(absl::string_view key);

}  // namespace laso::config
