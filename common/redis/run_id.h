#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/redis/client.h"

namespace laso::redis {

// The run_id line of an INFO reply; empty if there is none.
std::string RunIdFromInfo(absl::string_view info);

// The server's run_id: a random id Redis draws at every start. A change means
// the server restarted, and may have lost what it held in memory.
absl::StatusOr<std::string> ServerRunId(Client& client);

}  // namespace laso::redis
