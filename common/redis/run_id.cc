#include "common/redis/run_id.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace laso::redis {

std::string RunIdFromInfo(absl::string_view info) {
  for (absl::string_view line : absl::StrSplit(info, '\n')) {
    if (absl::ConsumePrefix(&line, "run_id:")) return std::string(absl::StripAsciiWhitespace(line));
  }
  return "";
}

absl::StatusOr<std::string> ServerRunId(Client& client) {
  auto info = client.Run({"INFO", "server"});
  if (!info.ok()) return info.status();
  std::string id = RunIdFromInfo(info->str);
  if (id.empty()) return absl::InternalError("INFO server names no run_id");
  return id;
}

}  // namespace laso::redis
