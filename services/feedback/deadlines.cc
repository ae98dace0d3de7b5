#include "services/feedback/deadlines.h"

#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "common/time/working_hours.h"
#include "services/feedback/workflow.h"

namespace laso::feedback {

ReportDeadlines DeadlinesFor(const WorkingDayCalendar& calendar, absl::Duration due_time_of_day,
                             const v1::Category& category, v1::Priority priority, absl::Time start) {
  ReportDeadlines out;
  if (priority == v1::URGENT) {
    int ack = category.urgent_ack_hours() > 0 ? category.urgent_ack_hours() : kDefaultUrgentAckHours;
    int answer = category.urgent_answer_hours() > 0 ? category.urgent_answer_hours() : kDefaultUrgentAnswerHours;
    out.ack_due_at = AddWorkingHours(calendar, start, absl::Hours(ack));
    out.due_at = AddWorkingHours(calendar, start, absl::Hours(answer));
    return out;
  }
  absl::CivilDay day = calendar.AddWorkingDays(VietnamDay(start), category.answer_days());
  out.due_at = VietnamStartOfDay(day) + due_time_of_day;
  return out;
}

v1::Priority DefaultPriority(const v1::Category& category) {
  return category.default_priority() != v1::PRIORITY_UNSPECIFIED ? category.default_priority() : v1::NORMAL;
}

void ApplyDeadlines(const ReportDeadlines& deadlines, v1::Feedback* report) {
  SetTimestamp(deadlines.due_at, report->mutable_due_at());
  if (deadlines.ack_due_at) {
    SetTimestamp(*deadlines.ack_due_at, report->mutable_ack_due_at());
  } else {
    report->clear_ack_due_at();
  }
}

bool AnswerOverdue(const v1::Feedback& report, absl::Time now) {
  return IsOpen(report.status()) && now > ToTime(report.due_at());
}

bool AckOverdue(const v1::Feedback& report, absl::Time now) {
  return IsOpen(report.status()) && report.has_ack_due_at() && !report.has_acknowledged_at() &&
         now > ToTime(report.ack_due_at());
}

absl::Time ClockStart(const v1::Feedback& report) {
  for (int i = report.updates_size() - 1; i >= 0; --i) {
    if (report.updates(i).action() == "reopen") return ToTime(report.updates(i).time());
  }
  return ToTime(report.received_at());
}

}  // namespace laso::feedback
