#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/config/schema.h"

// A loaded configuration: built-in defaults < one TOML file < LASO_* environment.
// Values are validated at load; reading a key the schema does not declare, or
// as the wrong type, is a programming error and aborts.
namespace laso::config {

struct Sources {
  std::string file;                          // empty: no file
  std::map<std::string, std::string> env;    // only LASO_* entries matter
};

// The file named by --config FILE in argv or else by LASO_CONFIG, and the
// process environment.
Sources ProcessSources(int argc, char** argv);

class Config {
 public:
  static Config Defaults(const Schema& schema);

  // Validates and sets one value (tests, command-line overrides).
  absl::Status Set(absl::string_view key, absl::string_view value, absl::string_view source = "code");

  std::string String(absl::string_view key) const;
  int64_t Int(absl::string_view key) const;
  bool Bool(absl::string_view key) const;
  absl::Duration Duration(absl::string_view key) const;
  std::vector<std::string> List(absl::string_view key) const;
  // Host and port of an address key.
  std::string Host(absl::string_view key) const;
  int Port(absl::string_view key) const;
  // Events allowed per period of a rate key (tokens 0: no limit).
  void Rate(absl::string_view key, int64_t* tokens, absl::Duration* period) const;

  // The value as it would be written in the environment, whatever its type
  // (for `laso config get`; code reads the typed value).
  std::string Text(absl::string_view key) const;

  // Where a value came from: "default", the file path, or the environment variable.
  std::string SourceOf(absl::string_view key) const;
  // key = value lines with secrets masked, for `laso config show`.
  std::string Describe() const;
  const Schema& schema() const { return *schema_; }

 private:
  explicit Config(const Schema* schema) : schema_(schema) {}
  const Key& Require(absl::string_view key, Type type) const;
  const std::string& Raw(absl::string_view key) const;

  const Schema* schema_;
  std::map<std::string, std::string, std::less<>> values_;
  std::map<std::string, std::string, std::less<>> sources_;
};

absl::StatusOr<Config> Load(const Schema& schema, const Sources& sources);

}  // namespace laso::config
