#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace laso::gateway {

// proto3 JSON prints google.protobuf.Timestamp in UTC ("...Z"); people in
// Vietnam read +07:00. Rewrites every JSON string value that is exactly a UTC
// RFC 3339 timestamp into the given offset, e.g. "2026-02-16T01:30:00Z" ->
// "2026-02-16T08:30:00+07:00". The instant is unchanged.
std::string LocalizeTimestamps(absl::string_view json, int offset_minutes);

// "+07:00" -> 420; false on anything else.
bool ParseUtcOffset(absl::string_view text, int* minutes);

}  // namespace laso::gateway
