#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace laso {

// A period of whole days in Vietnam, both ends included, as statistics take it.
struct DayRange {
  absl::CivilDay from, to;
  absl::Time begin() const;  // start of `from`
  absl::Time end() const;    // start of the day after `to`
};

// "from"/"to" query dates (YYYY-MM-DD, either may be empty): by default the
// `default_days` days ending today (or ending `to`); at most 5 years; errors
// name the field in Vietnamese.
absl::StatusOr<DayRange> ParseDayRange(const std::string& from, const std::string& to, absl::Time now,
                                       int default_days = 30);

}  // namespace laso
