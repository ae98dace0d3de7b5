#pragma once

#include <string>

#include "absl/status/status.h"
#include "common/time/working_day_calendar.h"

// Loads holiday data files into a WorkingDayCalendar. One TOML file a year,
// named <country>-<year>.toml, e.g. deploy/data/calendar/vn-2026.toml:
//
//   country = "VN"
//   year = 2026
//   weekend = ["saturday", "sunday"]        # optional; this is the default
//   [[holidays]]
//   name = "Tết Nguyên đán"
//   from = 2026-02-14
//   to = 2026-02-22                          # optional; one day when absent
//   [[workdays]]                             # make-up working days
//   date = 2026-01-10
//   name = "Làm bù cho thứ Sáu 02/01/2026"
namespace laso {

absl::Status LoadCalendarFile(const std::string& path, WorkingDayCalendar* calendar);

// Office hours, <country>-office-hours.toml (without it, the default of
// WorkingDayCalendar):
//
//   periods = [{ from = "07:00", to = "11:30" }, { from = "13:30", to = "17:00" }]
absl::Status LoadOfficeHoursFile(const std::string& path, WorkingDayCalendar* calendar);

// Every <country>-<year>.toml in dir (country in lowercase, e.g. "vn"), and
// <country>-office-hours.toml when it is there.
absl::Status LoadCalendarDir(const std::string& dir, const std::string& country,
                             WorkingDayCalendar* calendar);

}  // namespace laso
