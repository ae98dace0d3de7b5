#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

// Collection days as RFC 5545 describes them, for the rules routes use:
// FREQ=DAILY|WEEKLY|MONTHLY with INTERVAL, BYDAY (weekdays, no ordinals),
// BYMONTHDAY, COUNT and UNTIL (a date), weeks starting on Monday as iCalendar
// counts them by default; plus EXDATE (no pickup, e.g. Tết) and RDATE (a
// make-up day), within the route's validity. The iCalendar feed carries the
// same rule, so calendar apps expand it to the same dates.
namespace laso::waste {

struct RRule {
  enum class Freq { kDaily, kWeekly, kMonthly } freq = Freq::kWeekly;
  int interval = 1;
  std::set<absl::Weekday> by_day;
  std::set<int> by_month_day;
  std::optional<int> count;
  std::optional<absl::CivilDay> until;
};

// Parses an RRULE value ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"). Parts it does not
// support are an error, never silently ignored.
absl::StatusOr<RRule> ParseRRule(const std::string& text);

class CollectionCalendar {
 public:
  // `first` anchors the rule (iCalendar's DTSTART date); `last` (inclusive) may be open.
  CollectionCalendar(RRule rule, absl::CivilDay first, std::optional<absl::CivilDay> last,
                     std::set<absl::CivilDay> exdates, std::set<absl::CivilDay> rdates);

  bool IsCollectionDay(absl::CivilDay day) const;
  // Collection days in [from, to].
  std::vector<absl::CivilDay> Between(absl::CivilDay from, absl::CivilDay to) const;
  // The next `n` collection days on or after `from` (looking at most two years ahead).
  std::vector<absl::CivilDay> Next(absl::CivilDay from, int n) const;
  // The rule's first occurrence (iCalendar's DTSTART), if any.
  std::optional<absl::CivilDay> FirstRuleDay() const;

 private:
  bool RuleMatches(absl::CivilDay day) const;  // the rule alone, COUNT aside
  bool InRule(absl::CivilDay day) const;       // with COUNT and UNTIL

  RRule rule_;
  absl::CivilDay first_;
  std::optional<absl::CivilDay> last_;
  std::set<absl::CivilDay> exdates_, rdates_;
  // With COUNT: the day of the COUNT-th occurrence, found once here so that
  // each day's check is constant time, not a walk from the first day.
  std::optional<absl::CivilDay> count_last_;
};

// Weekday codes as in RRULE: MO, TU, WE, TH, FR, SA, SU.
std::string WeekdayCode(absl::Weekday day);

}  // namespace laso::waste
