#include "common/time/working_hours.h"

#include <algorithm>

#include "common/time/rfc3339.h"

namespace laso {
namespace {

// Ten years of days: a calendar with no office hours at all must not loop forever.
constexpr int kMaxDays = 3660;

}  // namespace

absl::Time AddWorkingHours(const WorkingDayCalendar& calendar, absl::Time start, absl::Duration amount) {
  if (amount <= absl::ZeroDuration() || calendar.office_hours().empty()) return start;
  absl::Duration left = amount;
  absl::CivilDay day = VietnamDay(start);
  for (int i = 0; i < kMaxDays; ++i, ++day) {
    if (!calendar.IsWorkingDay(day)) continue;
    absl::Time midnight = VietnamStartOfDay(day);
    for (const OfficePeriod& period : calendar.office_hours()) {
      absl::Time end = midnight + period.to;
      if (end <= start) continue;
      absl::Time begin = std::max(start, midnight + period.from);
      if (left <= end - begin) return begin + left;
      left -= end - begin;
    }
  }
  return absl::InfiniteFuture();
}

absl::Duration WorkingHoursBetween(const WorkingDayCalendar& calendar, absl::Time from, absl::Time to) {
  absl::Duration total;
  if (to <= from) return total;
  for (absl::CivilDay day = VietnamDay(from), last = VietnamDay(to); day <= last; ++day) {
    if (!calendar.IsWorkingDay(day)) continue;
    absl::Time midnight = VietnamStartOfDay(day);
    for (const OfficePeriod& period : calendar.office_hours()) {
      absl::Time begin = std::max(from, midnight + period.from);
      absl::Time end = std::min(to, midnight + period.to);
      if (end > begin) total += end - begin;
    }
  }
  return total;
}

}  // namespace laso
