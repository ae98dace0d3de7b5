#include "common/config/key_values.h"

#include <filesystem>

#include "absl/strings/str_cat.h"

namespace laso::config {

std::string PathUnderDataDir(const Config& c, absl::string_view key) {
  std::filesystem::path path(c.String(key));
  if (path.is_absolute()) return path.string();
  return (std::filesystem::path(c.String("data_dir")) / path).string();
}

absl::Status KeyError(absl::string_view key, const absl::Status& status) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat("config key '", key, "': ", status.message()));
}

}  // namespace laso::config
