#include "services/dossier/timeline.h"

#include <gtest/gtest.h>

#include "common/testing/shipped_calendar.h"
#include "common/time/rfc3339.h"

namespace laso::dossier {
namespace {

const WorkingDayCalendar& Vietnam() { return testing::ShippedVietnamCalendar(); }

absl::Time At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

v1::DossierEvent Ev(const char* id, v1::Status status, const char* time) {
  v1::DossierEvent e;
  e.set_event_id(id);
  e.set_status(status);
  SetTimestamp(At(time), e.mutable_time());
  return e;
}

v1::DossierEvent Apology(const char* id, const char* time, const char* new_due) {
  v1::DossierEvent e;
  e.set_event_id(id);
  SetTimestamp(At(time), e.mutable_time());
  SetTimestamp(At(new_due), e.mutable_apology_new_due_at());
  return e;
}

class TimelineTest : public ::testing::Test {
 protected:
  Timeline timeline_{Vietnam(), absl::Hours(17)};
};

TEST_F(TimelineTest, ThreeDayProcedureReceivedThursday12February2026IsDueTuesday24FebruaryAt17h) {
  auto st = timeline_.Derive({Ev("1", v1::RECEIVED, "2026-02-12T09:15:00+07:00")}, 3, At("2026-02-13T10:00:00+07:00"));
  ASSERT_TRUE(st.due_at.has_value());
  EXPECT_EQ(FormatRfc3339(*st.due_at), "2026-02-24T17:00:00+07:00");  // Fri 13, [Tết], Mon 23, Tue 24
  EXPECT_EQ(*st.due_at, *st.original_due_at);
  Standing s = timeline_.StandingAt(st, At("2026-02-13T10:00:00+07:00"));
  EXPECT_EQ(s.timeliness, v1::ON_TRACK);
  EXPECT_EQ(s.working_days_left, 2);  // Mon 23 and Tue 24 after today
}

TEST_F(TimelineTest, TenDaysFromMonday2March2026WithDocumentsRequestedThursday5MarchAndBroughtTuesday10MarchDueThursday19March) {
  std::vector<v1::DossierEvent> events = {
      Ev("1", v1::RECEIVED, "2026-03-02T08:30:00+07:00"),
      Ev("2", v1::PROCESSING, "2026-03-03T09:00:00+07:00"),
      Ev("3", v1::SUPPLEMENT_REQUESTED, "2026-03-05T14:00:00+07:00"),
      Ev("4", v1::PROCESSING, "2026-03-10T08:00:00+07:00"),
  };
  auto st = timeline_.Derive(events, 10, At("2026-03-11T00:00:00+07:00"));
  EXPECT_EQ(FormatRfc3339(*st.due_at), "2026-03-19T17:00:00+07:00");  // not Mon 16: three working days paused
  ASSERT_EQ(st.pauses.size(), 1u);
  EXPECT_EQ(st.pauses[0].begin, absl::CivilDay(2026, 3, 5));
  EXPECT_EQ(st.pauses[0].end, absl::CivilDay(2026, 3, 10));
}

TEST_F(TimelineTest, WhileTheApplicantIsAwaitedTheDueDateMovesDayByDay) {
  std::vector<v1::DossierEvent> events = {
      Ev("1", v1::RECEIVED, "2026-03-02T08:30:00+07:00"),
      Ev("2", v1::FINANCIAL_OBLIGATION, "2026-03-04T10:00:00+07:00"),
  };
  auto wed = timeline_.Derive(events, 5, At("2026-03-04T16:00:00+07:00"));
  auto fri = timeline_.Derive(events, 5, At("2026-03-06T16:00:00+07:00"));
  // Wednesday: only Wed 4 is paused so far: Tue 3, Thu 5, Fri 6, Mon 9, Tue 10.
  EXPECT_EQ(FormatRfc3339(*wed.due_at), "2026-03-10T17:00:00+07:00");
  // Friday, still waiting: Wed 4 to Fri 6 paused: Tue 3, Mon 9, Tue 10, Wed 11, Thu 12.
  EXPECT_EQ(FormatRfc3339(*fri.due_at), "2026-03-12T17:00:00+07:00");
  EXPECT_EQ(timeline_.StandingAt(fri, At("2026-03-06T16:00:00+07:00")).timeliness, v1::PAUSED);
}

TEST_F(TimelineTest, FinishedBeforeTheDueDateIsOnTime) {
  std::vector<v1::DossierEvent> events = {
      Ev("1", v1::RECEIVED, "2026-04-20T09:00:00+07:00"),
      Ev("2", v1::PROCESSING, "2026-04-20T10:00:00+07:00"),
      Ev("3", v1::PROCESSED, "2026-04-28T15:00:00+07:00"),
      Ev("4", v1::RESULT_RETURNED, "2026-04-29T08:00:00+07:00"),
  };
  // Five working days from Mon 20 April: Tue 21, Wed 22, Thu 23, Fri 24, then Mon 27 is Giỗ Tổ's day in lieu: Tue 28.
  auto st = timeline_.Derive(events, 5, At("2026-05-05T00:00:00+07:00"));
  EXPECT_EQ(FormatRfc3339(*st.original_due_at), "2026-04-28T17:00:00+07:00");
  EXPECT_TRUE(*st.on_time);
  EXPECT_EQ(*st.working_days_taken, 5);
  EXPECT_EQ(timeline_.StandingAt(st, At("2026-05-05T00:00:00+07:00")).timeliness, v1::FINISHED_ON_TIME);
  EXPECT_EQ(FormatRfc3339(*st.returned_at), "2026-04-29T08:00:00+07:00");
}

TEST_F(TimelineTest, AnApologyMovesTheAppointmentButTheDossierIsStillLate) {
  std::vector<v1::DossierEvent> events = {
      Ev("1", v1::RECEIVED, "2026-06-01T09:00:00+07:00"),
      Ev("2", v1::PROCESSING, "2026-06-01T10:00:00+07:00"),
      Apology("3", "2026-06-05T16:00:00+07:00", "2026-06-12T17:00:00+07:00"),
      Ev("4", v1::PROCESSED, "2026-06-11T11:00:00+07:00"),
  };
  auto before = timeline_.Derive({events[0], events[1], events[2]}, 4, At("2026-06-09T09:00:00+07:00"));
  EXPECT_EQ(FormatRfc3339(*before.original_due_at), "2026-06-05T17:00:00+07:00");
  EXPECT_EQ(FormatRfc3339(*before.due_at), "2026-06-12T17:00:00+07:00");
  // Against its appointment it is on track; the law's date has passed.
  EXPECT_EQ(timeline_.StandingAt(before, At("2026-06-09T09:00:00+07:00")).timeliness, v1::ON_TRACK);
  auto after = timeline_.Derive(events, 4, At("2026-06-12T09:00:00+07:00"));
  EXPECT_FALSE(*after.on_time);
  EXPECT_EQ(timeline_.StandingAt(after, At("2026-06-12T09:00:00+07:00")).timeliness, v1::FINISHED_LATE);
}

TEST_F(TimelineTest, OverdueCountsTheWorkingDaysLate) {
  auto st = timeline_.Derive({Ev("1", v1::RECEIVED, "2026-01-05T09:00:00+07:00")}, 2, At("2026-01-12T09:00:00+07:00"));
  EXPECT_EQ(FormatRfc3339(*st.due_at), "2026-01-07T17:00:00+07:00");
  Standing s = timeline_.StandingAt(st, At("2026-01-12T09:00:00+07:00"));
  EXPECT_EQ(s.timeliness, v1::OVERDUE);
  // Thu 8, Fri 9, Sat 10 (the make-up working day), Mon 12.
  EXPECT_EQ(s.working_days_left, -4);
}

TEST_F(TimelineTest, BeforeReceiptThereIsNoClockAndClosedDossiersHaveNoDeadline) {
  auto registered = timeline_.Derive({Ev("1", v1::REGISTERED, "2026-03-02T20:00:00+07:00")}, 5,
                                     At("2026-03-10T00:00:00+07:00"));
  EXPECT_FALSE(registered.due_at.has_value());
  EXPECT_EQ(timeline_.StandingAt(registered, At("2026-03-10T00:00:00+07:00")).timeliness, v1::NOT_STARTED);
  auto withdrawn = timeline_.Derive({Ev("1", v1::RECEIVED, "2026-03-02T08:00:00+07:00"),
                                     Ev("2", v1::WITHDRAWN, "2026-03-03T08:00:00+07:00")},
                                    5, At("2026-03-20T00:00:00+07:00"));
  EXPECT_EQ(timeline_.StandingAt(withdrawn, At("2026-03-20T00:00:00+07:00")).timeliness, v1::CLOSED);
}

TEST_F(TimelineTest, DocumentsRequestedBeforeReceiptDoNotPause) {
  std::vector<v1::DossierEvent> events = {
      Ev("1", v1::REGISTERED, "2026-03-02T20:00:00+07:00"),
      Ev("2", v1::SUPPLEMENT_REQUESTED, "2026-03-03T09:00:00+07:00"),
      Ev("3", v1::RECEIVED, "2026-03-09T09:00:00+07:00"),
  };
  auto st = timeline_.Derive(events, 1, At("2026-03-09T10:00:00+07:00"));
  EXPECT_TRUE(st.pauses.empty());
  EXPECT_EQ(FormatRfc3339(*st.received_at), "2026-03-09T09:00:00+07:00");
  EXPECT_EQ(FormatRfc3339(*st.due_at), "2026-03-10T17:00:00+07:00");
}

}  // namespace
}  // namespace laso::dossier
