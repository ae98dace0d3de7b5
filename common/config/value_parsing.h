#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/config/schema.h"

// Turning configuration text into typed values, with messages that name the key.
namespace laso::config {

// Checks that text is a valid value of the key's type and constraints.
absl::Status ValidateValue(const Key& key, absl::string_view text);

bool ParseBool(absl::string_view text, bool* out);
// absl durations plus a "d" (days) unit: "30d", "1d12h".
bool ParseDurationWithDays(absl::string_view text, absl::Duration* out);
std::vector<std::string> SplitList(absl::string_view text);
// "60/1m" -> 60 per minute; "off" or "0" -> tokens 0 (no limit).
bool ParseRate(absl::string_view text, int64_t* tokens, absl::Duration* period);

// "host:port" or "[v6]:port"; the port in 0..65535.
bool ParseAddress(absl::string_view text, std::string* host, int* port);
// A gRPC endpoint: an address as above, or "unix:/absolute/path".
bool IsEndpoint(absl::string_view text);

}  // namespace laso::config
