#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/config/config.h"

// Small helpers for the code that turns keys into a binary's options
// (services/<x>/<x>_config.cc).
namespace laso::config {

// The path a key names: as written when absolute, else under data_dir.
std::string PathUnderDataDir(const Config& c, absl::string_view key);

// Where the key files are: keys.dir, or <data_dir>/keys when it is empty.
std::string KeysDir(const Config& c);
// internal.key_file, or <keys dir>/internal.key when it is empty.
std::string InternalKeyFile(const Config& c);
// auth.jwt_key_file, or <keys dir>/gateway-jwt.key when it is empty.
std::string JwtKeyFile(const Config& c);

// The same error (same code), its message saying which key led to it:
// "config key 'feedback.boundary_file': cannot read ...".
absl::Status KeyError(absl::string_view key, const absl::Status& status);

}  // namespace laso::config
