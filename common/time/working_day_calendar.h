#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

// Which days public offices work: weekends and public holidays off, make-up
// Saturdays on. Deadlines for dossiers and complaints count working days here.
// Holidays are data (one file a year), never code.
namespace laso {

// A span of days [begin, end) during which a deadline's clock does not run.
// Office hours on a working day (giờ hành chính), from midnight in the
// calendar's time zone: [from, to).
struct OfficePeriod {
  absl::Duration from;
  absl::Duration to;
};

struct DayInterval {
  absl::CivilDay begin;
  absl::CivilDay end;
  bool Contains(absl::CivilDay day) const { return day >= begin && day < end; }
};

class WorkingDayCalendar {
 public:
  WorkingDayCalendar();  // Saturday and Sunday off, no holidays

  void SetWeekend(std::set<absl::Weekday> weekend);
  void AddHoliday(absl::CivilDay day, std::string name);
  // A weekend day worked in exchange for a day off (ngày làm bù).
  void AddMakeUpWorkday(absl::CivilDay day, std::string name);
  void MarkYearLoaded(int year) { years_.insert(year); }
  // Periods in order, not overlapping. The default is the state offices'
  // 07:00–11:30 and 13:30–17:00.
  void SetOfficeHours(std::vector<OfficePeriod> periods) { office_hours_ = std::move(periods); }
  const std::vector<OfficePeriod>& office_hours() const { return office_hours_; }

  bool IsWorkingDay(absl::CivilDay day) const;
  // The holiday's name, or "" when the day is not a holiday.
  std::string HolidayName(absl::CivilDay day) const;
  // Whether holiday data was loaded for the year; without it only weekends count.
  bool HasDataFor(int year) const { return years_.count(year) > 0; }

  // The n-th working day after start, skipping paused days; as in law, a period
  // counted in days begins the day after the event. n == 0 gives start.
  absl::CivilDay AddWorkingDays(absl::CivilDay start, int n,
                                absl::Span<const DayInterval> pauses = {}) const;

  // Working days in (from, to], skipping paused days; negative when to < from.
  // WorkingDaysBetween(d, AddWorkingDays(d, n)) == n.
  int WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to,
                         absl::Span<const DayInterval> pauses = {}) const;

  // start itself if it is a working day, else the next working day.
  absl::CivilDay NextWorkingDayOnOrAfter(absl::CivilDay start) const;

 private:
  bool Counts(absl::CivilDay day, absl::Span<const DayInterval> pauses) const;

  std::set<absl::Weekday> weekend_;
  std::map<absl::CivilDay, std::string> holidays_;
  std::map<absl::CivilDay, std::string> makeup_workdays_;
  std::set<int> years_;
  std::vector<OfficePeriod> office_hours_ = {{absl::Hours(7), absl::Hours(11) + absl::Minutes(30)},
                                             {absl::Hours(13) + absl::Minutes(30), absl::Hours(17)}};
};

}  // namespace laso
