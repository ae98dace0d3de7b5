// Urgent reports count office hours, not days: acknowledged and answered
// within the category's hours, across nights, weekends and the 2026 holidays.
#include <gtest/gtest.h>

#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "tests/services/feedback/feedback_fixture.h"

namespace laso::feedback {
namespace {

// A fallen power line: the demo catalogue makes "power" URGENT by default, 1 h to acknowledge, 4 h to answer.
v1::CreateFeedbackRequest FallenLine() {
  v1::CreateFeedbackRequest r;
  r.set_category_code("power");
  r.set_description("Dây điện đứt rơi xuống đường trước chợ Tân An, rất nguy hiểm cho người đi đường.");
  r.set_ward_code("phuong-tan-an");
  r.set_address("Chợ phường Tân An");
  r.mutable_reporter()->set_name("Trần Văn Bình");
  r.mutable_reporter()->set_phone("0912 345 678");
  return r;
}

std::string Local(const google::protobuf::Timestamp& t) { return FormatRfc3339(ToTime(t)); }
std::string Local(absl::Time t) { return FormatRfc3339(t); }

TEST_P(FeedbackTest, AnUrgentCallAtNightIsDueHoursIntoTheNextWorkingMorning) {
  clock_.Set(At("2026-03-17T21:30:00+07:00"));  // a Tuesday night
  auto created = feedbacks_->intake.Create(Operator(), FallenLine(), "");
  ASSERT_TRUE(created.ok()) << created.status();
  v1::Feedback report = GetAs(created->id(), Operator());
  EXPECT_EQ(report.priority(), v1::URGENT);  // the category's default
  EXPECT_EQ(Local(report.ack_due_at()), Local(At("2026-03-18T08:00:00+07:00")));
  EXPECT_EQ(Local(report.due_at()), Local(At("2026-03-18T11:00:00+07:00")));
  EXPECT_FALSE(report.ack_overdue());

  clock_.Set(At("2026-03-18T08:15:00+07:00"));
  report = GetAs(created->id(), Operator());
  EXPECT_TRUE(report.ack_overdue());
  EXPECT_FALSE(report.overdue());
  // The desk's overdue filter finds it: late to be acknowledged counts.
  v1::ListFeedbackRequest overdue;
  overdue.set_overdue_only(true);
  auto listed = feedbacks_->views.List(Operator(), overdue);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->items_size(), 1);
  EXPECT_EQ(listed->items(0).id(), created->id());

  // The electricity company accepts: acknowledged, no longer late for that.
  v1::FeedbackActionRequest accept;
  accept.set_id(created->id());
  auto accepted = feedbacks_->handling.Accept(Officer("dien-luc"), accept);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_TRUE(accepted->has_acknowledged_at());
  EXPECT_FALSE(accepted->ack_overdue());
  EXPECT_EQ(feedbacks_->views.List(Operator(), overdue)->items_size(), 0);

  clock_.Set(At("2026-03-18T11:01:00+07:00"));
  EXPECT_TRUE(GetAs(created->id(), Operator()).overdue());
}

TEST_P(FeedbackTest, AnUrgentReportBeforeTetIsDueAfterIt) {
  // Friday 13/02/2026 16:30; Tết Bính Ngọ runs from Saturday 14/02 to Sunday 22/02.
  clock_.Set(At("2026-02-13T16:30:00+07:00"));
  auto created = feedbacks_->intake.Create(Operator(), FallenLine(), "");
  ASSERT_TRUE(created.ok()) << created.status();
  v1::Feedback report = GetAs(created->id(), Operator());
  EXPECT_EQ(Local(report.ack_due_at()), Local(At("2026-02-23T07:30:00+07:00")));
  EXPECT_EQ(Local(report.due_at()), Local(At("2026-02-23T10:30:00+07:00")));
  clock_.Set(At("2026-02-20T12:00:00+07:00"));  // the middle of Tết: nobody is late yet
  EXPECT_FALSE(GetAs(created->id(), Operator()).ack_overdue());
  EXPECT_FALSE(GetAs(created->id(), Operator()).overdue());
}

TEST_P(FeedbackTest, AnOrdinaryReportStillCountsWorkingDays) {
  auto created = CreateOk(Pothole());  // Monday 16/03 09:00, 5 working days
  v1::Feedback report = GetAs(created.id(), Operator());
  EXPECT_EQ(report.priority(), v1::NORMAL);
  EXPECT_FALSE(report.has_ack_due_at());
  EXPECT_EQ(Local(report.due_at()), Local(At("2026-03-23T17:00:00+07:00")));
}

TEST_P(FeedbackTest, AnOperatorRaisesThePriorityAndTheDeadlinesFollow) {
  auto created = CreateOk(Pothole());  // Monday 09:00
  v1::SetFeedbackPriorityRequest raise;
  raise.set_id(created.id());
  raise.set_priority(v1::URGENT);
  raise.set_reason("Ổ gà sâu giữa làn xe, đã có người té.");
  clock_.Advance(absl::Hours(1));
  auto raised = feedbacks_->corrections.SetPriority(Operator(), raise);
  ASSERT_TRUE(raised.ok()) << raised.status();
  EXPECT_EQ(raised->priority(), v1::URGENT);
  // Counted from the receipt with road-damage's default hours (2 to acknowledge, 8 to answer).
  EXPECT_EQ(Local(raised->ack_due_at()), Local(At("2026-03-16T11:00:00+07:00")));
  EXPECT_EQ(Local(raised->due_at()), Local(At("2026-03-17T09:00:00+07:00")));
  const v1::Update& u = raised->updates(raised->updates_size() - 1);
  EXPECT_EQ(u.action(), "prioritize");
  EXPECT_EQ(u.actor(), "staff:op-1");
  EXPECT_FALSE(u.public_());
  EXPECT_NE(u.message().find("Bình thường → Khẩn"), std::string::npos) << u.message();

  // Back to normal: days again, no acknowledgement deadline.
  raise.set_priority(v1::NORMAL);
  auto lowered = feedbacks_->corrections.SetPriority(Operator(), raise);
  ASSERT_TRUE(lowered.ok()) << lowered.status();
  EXPECT_FALSE(lowered->has_ack_due_at());
  EXPECT_EQ(Local(lowered->due_at()), Local(At("2026-03-23T17:00:00+07:00")));
}

TEST_P(FeedbackTest, OnlyTheDeskAndTheAgencysSupervisorChangePriority) {
  auto created = CreateOk(Pothole());  // routed to so-xd
  v1::SetFeedbackPriorityRequest raise;
  raise.set_id(created.id());
  raise.set_priority(v1::HIGH);
  raise.set_reason("Đường chính, nhiều xe qua lại.");
  EXPECT_EQ(feedbacks_->corrections.SetPriority(Officer("so-xd"), raise).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(feedbacks_->corrections.SetPriority(Resident(), raise).status().code(), absl::StatusCode::kPermissionDenied);
  rpc::Caller other_supervisor = testing::TestIdentity::Staff(rpc::Role::SUPERVISOR, "tp-dien-luc", "dien-luc");
  EXPECT_EQ(ReasonOf(feedbacks_->corrections.SetPriority(other_supervisor, raise).status()), "NOT_YOUR_AGENCY");
  rpc::Caller supervisor = testing::TestIdentity::Staff(rpc::Role::SUPERVISOR, "tp-so-xd", "so-xd");
  EXPECT_TRUE(feedbacks_->corrections.SetPriority(supervisor, raise).ok());
  raise.set_priority(v1::PRIORITY_UNSPECIFIED);
  EXPECT_EQ(feedbacks_->corrections.SetPriority(Operator(), raise).status().code(), absl::StatusCode::kInvalidArgument);
  raise.set_priority(v1::LOW);
  raise.set_reason("");
  EXPECT_EQ(feedbacks_->corrections.SetPriority(Operator(), raise).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(FeedbackTest, ACategoryMayNotGiveLongerToAcknowledgeThanToAnswer) {
  v1::GetCategoryRequest get;
  get.set_code("flooding");
  v1::PutCategoryRequest put;
  *put.mutable_category() = *feedbacks_->catalog.GetCategory(get);
  put.mutable_category()->set_urgent_ack_hours(10);
  put.mutable_category()->set_urgent_answer_hours(4);
  EXPECT_EQ(feedbacks_->catalog.PutCategory(Admin(), put).status().code(), absl::StatusCode::kInvalidArgument);
  put.mutable_category()->set_urgent_ack_hours(-1);
  EXPECT_EQ(feedbacks_->catalog.PutCategory(Admin(), put).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace laso::feedback
