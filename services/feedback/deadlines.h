#pragma once

#include <optional>

#include "absl/time/time.h"
#include "common/time/working_day_calendar.h"
#include "laso/feedback/v1/feedback.pb.h"

// When a report must be answered (and, if URGENT, acknowledged). Ordinary
// reports count the category's working days and are due at the close of
// office; URGENT ones count office hours, so a call at 21:00 on a Friday
// before Tết is due hours into the first working morning after it.
namespace laso::feedback {

struct ReportDeadlines {
  absl::Time due_at;
  std::optional<absl::Time> ack_due_at;  // URGENT only
};

constexpr int kDefaultUrgentAckHours = 2;
constexpr int kDefaultUrgentAnswerHours = 8;

// Counted from `start` (the receipt, or a reopening).
ReportDeadlines DeadlinesFor(const WorkingDayCalendar& calendar, absl::Duration due_time_of_day,
                             const v1::Category& category, v1::Priority priority, absl::Time start);

// The priority a new report gets when nobody says: the category's default, else NORMAL.
v1::Priority DefaultPriority(const v1::Category& category);

// Sets due_at and ack_due_at (clearing it for a report that is not URGENT).
void ApplyDeadlines(const ReportDeadlines& deadlines, v1::Feedback* report);

// Open and past its answer deadline; open, URGENT, not acknowledged and past that deadline.
bool AnswerOverdue(const v1::Feedback& report, absl::Time now);
bool AckOverdue(const v1::Feedback& report, absl::Time now);

// When the report's clock last started: its receipt, or its last reopening.
absl::Time ClockStart(const v1::Feedback& report);

}  // namespace laso::feedback
