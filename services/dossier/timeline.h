#pragma once

#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "common/time/proto_time.h"
#include "common/time/working_day_calendar.h"
#include "laso/dossier/v1/dossier.pb.h"

namespace laso::dossier {

// What a dossier's history says, worked out from its events.
struct DossierState {
  v1::Status status = v1::STATUS_UNSPECIFIED;
  std::optional<absl::Time> first_at;      // the first event
  std::optional<absl::Time> received_at;   // valid receipt: the processing clock starts
  std::optional<absl::Time> processed_at;
  std::optional<absl::Time> returned_at;
  std::optional<absl::Time> finished_at;   // processed, or returned when no processing was recorded
  std::optional<absl::Time> original_due_at;  // by law, after pauses
  std::optional<absl::Time> due_at;        // the appointment: an apology's new date when there is one
  std::vector<DayInterval> pauses;         // days the clock stood still
  std::optional<int> working_days_taken;   // receipt to finish, pauses excluded
  std::optional<bool> on_time;             // finished by the original due date
};

struct Standing {
  v1::Timeliness timeliness = v1::TIMELINESS_UNSPECIFIED;
  int working_days_left = 0;  // negative: overdue by that many working days
};

// Due dates and timeliness in working days. Processing time counts from the
// day after valid receipt (as the law counts periods in days) and stops while
// the dossier waits for the applicant (supplementary documents or a payment):
// the days from the request until the applicant complies are not counted, so
// the due date moves by them. The due time is the close of office on the due
// day. An apology (phiếu xin lỗi và hẹn lại) sets a new appointment, but the
// dossier is still judged against the date the law gave.
class Timeline {
 public:
  Timeline(const WorkingDayCalendar& calendar, absl::Duration due_time_of_day)
      : calendar_(calendar), due_time_of_day_(due_time_of_day) {}

  // `events` in history order (time, then arrival); `now` closes a pause that
  // is still open (the due date keeps moving while the applicant is awaited).
  DossierState Derive(const google::protobuf::RepeatedPtrField<v1::DossierEvent>& events, int processing_days,
                      absl::Time now) const;
  // The same, for events held in a vector (tests, generators).
  DossierState Derive(const std::vector<v1::DossierEvent>& events, int processing_days, absl::Time now) const {
    return Derive(google::protobuf::RepeatedPtrField<v1::DossierEvent>(events.begin(), events.end()),
                  processing_days, now);
  }

  // Where the dossier stands at `now` against its appointment.
  Standing StandingAt(const DossierState& state, absl::Time now) const;

 private:
  absl::Time DueTime(absl::CivilDay day) const;

  const WorkingDayCalendar& calendar_;
  absl::Duration due_time_of_day_;
};

using laso::SetTimestamp;
using laso::ToTime;

}  // namespace laso::dossier
