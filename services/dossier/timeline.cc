#include "services/dossier/timeline.h"

#include "common/time/rfc3339.h"
#include "services/dossier/status_rules.h"

namespace laso::dossier {

absl::Time Timeline::DueTime(absl::CivilDay day) const { return VietnamStartOfDay(day) + due_time_of_day_; }

DossierState Timeline::Derive(const google::protobuf::RepeatedPtrField<v1::DossierEvent>& events,
                              int processing_days, absl::Time now) const {
  DossierState st;
  std::optional<absl::CivilDay> pause_start;
  std::optional<absl::Time> latest_apology_time;
  for (const v1::DossierEvent& e : events) {
    absl::Time t = ToTime(e.time());
    if (!st.first_at) st.first_at = t;
    if (e.has_apology_new_due_at()) {
      if (!latest_apology_time || t >= *latest_apology_time) {
        latest_apology_time = t;
        st.due_at = ToTime(e.apology_new_due_at());
      }
    }
    Status s = e.status();
    if (s == v1::STATUS_UNSPECIFIED) continue;  // an apology only
    st.status = s;
    // Valid receipt: RECEIVED, or the first sign of work when the one-stop
    // system recorded none (a dossier taken at the counter). A request for
    // documents before receipt does not start the clock.
    if (!st.received_at && (s == v1::RECEIVED || s == v1::PROCESSING || s == v1::FINANCIAL_OBLIGATION ||
                            IsFinished(s))) {
      st.received_at = t;
    }
    if (s == v1::PROCESSED && !st.processed_at) st.processed_at = t;
    if (s == v1::RESULT_RETURNED && !st.returned_at) st.returned_at = t;
    // Pauses count only once the clock has started.
    if (st.received_at) {
      if (IsPausing(s)) {
        if (!pause_start) pause_start = VietnamDay(t);
      } else if (pause_start) {
        st.pauses.push_back({*pause_start, VietnamDay(t)});
        pause_start.reset();
      }
    }
  }
  if (pause_start) st.pauses.push_back({*pause_start, VietnamDay(now) + 1});  // still waiting: today too

  st.finished_at = st.processed_at ? st.processed_at : st.returned_at;
  if (st.received_at) {
    absl::CivilDay received_day = VietnamDay(*st.received_at);
    st.original_due_at = DueTime(calendar_.AddWorkingDays(received_day, processing_days, st.pauses));
    if (!st.due_at) st.due_at = st.original_due_at;
    if (st.finished_at) {
      st.working_days_taken =
          std::max(0, calendar_.WorkingDaysBetween(received_day, VietnamDay(*st.finished_at), st.pauses));
      st.on_time = *st.finished_at <= *st.original_due_at;
    }
  }
  return st;
}

Standing Timeline::StandingAt(const DossierState& st, absl::Time now) const {
  Standing out;
  if (st.finished_at && IsFinished(st.status)) {
    out.timeliness = st.on_time.value_or(true) ? v1::FINISHED_ON_TIME : v1::FINISHED_LATE;
    return out;
  }
  if (IsClosed(st.status)) {
    out.timeliness = v1::CLOSED;
    return out;
  }
  if (!st.received_at || !st.due_at) {
    out.timeliness = v1::NOT_STARTED;
    return out;
  }
  absl::CivilDay today = VietnamDay(now);
  absl::CivilDay due_day = VietnamDay(*st.due_at);
  out.working_days_left = calendar_.WorkingDaysBetween(today, due_day);
  if (IsPausing(st.status)) out.timeliness = v1::PAUSED;
  else if (now > *st.due_at) out.timeliness = v1::OVERDUE;
  else out.timeliness = v1::ON_TRACK;
  return out;
}

}  // namespace laso::dossier
