#pragma once

#include "absl/time/time.h"
#include "common/time/working_day_calendar.h"

// Deadlines counted in office hours (urgent 1022 reports: "acknowledged within
// 2 working hours"): only the calendar's office hours on its working days
// count, in Vietnam time, so nights, weekends and holidays stop the clock.
namespace laso {

// The moment `amount` of office time after `start`. A start outside office
// hours begins at the next period; an amount that ends a period exactly gives
// that period's end (11:30, not 13:30). A non-positive amount gives `start`.
absl::Time AddWorkingHours(const WorkingDayCalendar& calendar, absl::Time start, absl::Duration amount);

// Office time in [from, to); zero when to <= from.
// WorkingHoursBetween(t, AddWorkingHours(t, d)) == d.
absl::Duration WorkingHoursBetween(const WorkingDayCalendar& calendar, absl::Time from, absl::Time to);

}  // namespace laso
