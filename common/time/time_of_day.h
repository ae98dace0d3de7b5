#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace laso {

// "17:00" -> 17 h, for configuration such as the close of office on a due
// day. The error names the configuration key.
absl::StatusOr<absl::Duration> ParseTimeOfDay(const std::string& key, const std::string& text);

}  // namespace laso
