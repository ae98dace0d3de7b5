#include "common/time/working_day_calendar.h"

namespace laso {

WorkingDayCalendar::WorkingDayCalendar()
    : weekend_{absl::Weekday::saturday, absl::Weekday::sunday} {}

void WorkingDayCalendar::SetWeekend(std::set<absl::Weekday> weekend) { weekend_ = std::move(weekend); }

void WorkingDayCalendar::AddHoliday(absl::CivilDay day, std::string name) {
  holidays_[day] = std::move(name);
}

void WorkingDayCalendar::AddMakeUpWorkday(absl::CivilDay day, std::string name) {
  makeup_workdays_[day] = std::move(name);
}

bool WorkingDayCalendar::IsWorkingDay(absl::CivilDay day) const {
  if (makeup_workdays_.count(day)) return true;
  if (holidays_.count(day)) return false;
  return weekend_.count(absl::GetWeekday(day)) == 0;
}

std::string WorkingDayCalendar::HolidayName(absl::CivilDay day) const {
  auto it = holidays_.find(day);
  return it == holidays_.end() ? std::string() : it->second;
}

bool WorkingDayCalendar::Counts(absl::CivilDay day, absl::Span<const DayInterval> pauses) const {
  if (!IsWorkingDay(day)) return false;
  for (const DayInterval& pause : pauses) {
    if (pause.Contains(day)) return false;
  }
  return true;
}

absl::CivilDay WorkingDayCalendar::AddWorkingDays(absl::CivilDay start, int n,
                                                  absl::Span<const DayInterval> pauses) const {
  absl::CivilDay day = start;
  int step = n >= 0 ? 1 : -1;
  for (int left = n >= 0 ? n : -n; left > 0;) {
    day += step;
    if (Counts(day, pauses)) --left;
  }
  return day;
}

int WorkingDayCalendar::WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to,
                                           absl::Span<const DayInterval> pauses) const {
  if (to < from) return -WorkingDaysBetween(to, from, pauses);
  int count = 0;
  for (absl::CivilDay day = from + 1; day <= to; ++day) {
    if (Counts(day, pauses)) ++count;
  }
  return count;
}

absl::CivilDay WorkingDayCalendar::NextWorkingDayOnOrAfter(absl::CivilDay start) const {
  absl::CivilDay day = start;
  while (!IsWorkingDay(day)) ++day;
  return day;
}

}  // namespace laso
