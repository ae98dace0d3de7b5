#include "common/config/key_values.h"

#include <filesystem>

#include "absl/strings/str_cat.h"

namespace laso::config {

std::string PathUnderDataDir(const Config& c, absl::string_view key) {
  std::filesystem::path path(c.String(key));
  if (path.is_absolute()) return path.string();
  return (std::filesystem::path(c.String("data_dir")) / path).string();
}

std::string KeysDir(const Config& c) {
  std::string dir = c.String("keys.dir");
  return dir.empty() ? absl::StrCat(c.String("data_dir"), "/keys") : dir;
}

std::string InternalKeyFile(const Config& c) {
  std::string file = c.String("internal.key_file");
  return file.empty() ? absl::StrCat(KeysDir(c), "/internal.key") : file;
}

std::string JwtKeyFile(const Config& c) {
  std::string file = c.String("auth.jwt_key_file");
  return file.empty() ? absl::StrCat(KeysDir(c), "/gateway-jwt.key") : file;
}

absl::Status KeyError(absl::string_view key, const absl::Status& status) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat("config key '", key, "': ", status.message()));
}

}  // namespace laso::config
