#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

// Times cross our APIs as RFC 3339 with an explicit offset; users see +07:00.
namespace laso {

// Vietnam keeps UTC+7 all year, with no daylight saving; a fixed zone needs no tzdata.
absl::TimeZone VietnamTime();

// "2026-02-16T08:30:00+07:00" (fractional seconds only when present).
std::string FormatRfc3339(absl::Time t, absl::TimeZone tz = VietnamTime());

// Accepts "Z" or a numeric offset, optional fractional seconds, and 't'/'z' in
// either case; refuses a time without offset (RFC 3339 requires one).
absl::StatusOr<absl::Time> ParseRfc3339(absl::string_view text);

// "2026-02-16" to a civil day, refusing impossible dates like 2026-02-30.
absl::StatusOr<absl::CivilDay> ParseIsoDate(absl::string_view text);
std::string FormatIsoDate(absl::CivilDay day);

// The civil day of an instant in Vietnam, and the instant a Vietnamese day starts.
absl::CivilDay VietnamDay(absl::Time t);
absl::Time VietnamStartOfDay(absl::CivilDay day);

}  // namespace laso
