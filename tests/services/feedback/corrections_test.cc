// Fixing a reporter's mistakes: the category (routed again by its rules) and
// the point, each an update entry naming the person and the reason.
#include <gtest/gtest.h>

#include "common/status/status.h"
#include "common/time/proto_time.h"
#include "common/time/rfc3339.h"
#include "tests/services/feedback/feedback_fixture.h"

namespace laso::feedback {
namespace {

v1::RecategorizeFeedbackRequest Recategorize(const std::string& id, const std::string& category) {
  v1::RecategorizeFeedbackRequest r;
  r.set_id(id);
  r.set_category_code(category);
  r.set_reason("Người dân chọn nhầm lĩnh vực.");
  return r;
}

v1::MoveFeedbackRequest MoveTo(const std::string& id, double lat, double lng) {
  v1::MoveFeedbackRequest r;
  r.set_id(id);
  r.mutable_location()->set_latitude(lat);
  r.mutable_location()->set_longitude(lng);
  r.set_reason("Người dân ghim nhầm vị trí, đã xác minh qua điện thoại.");
  return r;
}

TEST_P(FeedbackTest, ReCategorisingRoutesTheReportAgain) {
  std::string id = CreateOk(Pothole()).id();  // road-damage → so-xd
  auto moved = feedbacks_->corrections.Recategorize(Operator(), Recategorize(id, "rubbish"));
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->category_code(), "rubbish");
  EXPECT_EQ(moved->agency_code(), "cty-moi-truong");
  EXPECT_EQ(moved->status(), v1::ASSIGNED);
  const v1::Update& fix = moved->updates(moved->updates_size() - 2);
  EXPECT_EQ(fix.action(), "recategorize");
  EXPECT_EQ(fix.actor(), "staff:op-1");
  EXPECT_NE(fix.message().find("chọn nhầm"), std::string::npos);
  EXPECT_NE(fix.message().find("Rác thải"), std::string::npos);
  EXPECT_EQ(moved->updates(moved->updates_size() - 1).action(), "assign");
  // The new agency is told, and its deadline is the new category's (3 working days from Monday).
  auto events = Outbox();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back()["type"], "feedback.assigned");
  EXPECT_EQ(events.back()["payload"]["agency"], "cty-moi-truong");
  EXPECT_EQ(FormatRfc3339(ToTime(moved->due_at())), FormatRfc3339(At("2026-03-19T17:00:00+07:00")));
  // The old agency no longer sees it as theirs.
  v1::FeedbackActionRequest accept;
  accept.set_id(id);
  EXPECT_EQ(ReasonOf(feedbacks_->handling.Accept(Officer("so-xd"), accept).status()), "NOT_YOUR_AGENCY");
  EXPECT_TRUE(feedbacks_->handling.Accept(Officer("cty-moi-truong"), accept).ok());
}

TEST_P(FeedbackTest, ACategoryWithoutARuleGoesBackToTheOperators) {
  std::string id = CreateOk(Pothole()).id();
  auto moved = feedbacks_->corrections.Recategorize(Operator(), Recategorize(id, "other"));
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->status(), v1::RECEIVED);
  EXPECT_TRUE(moved->agency_code().empty());
}

TEST_P(FeedbackTest, ReCategorisingIsForTheDeskAndForOpenReports) {
  std::string id = CreateOk(Pothole()).id();
  EXPECT_EQ(feedbacks_->corrections.Recategorize(Officer("so-xd"), Recategorize(id, "rubbish")).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(feedbacks_->corrections.Recategorize(Operator(), Recategorize(id, "no-such")).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(feedbacks_->corrections.Recategorize(Operator(), Recategorize(id, "road-damage")).status().code(),
            absl::StatusCode::kInvalidArgument);  // already there
  auto no_reason = Recategorize(id, "rubbish");
  no_reason.set_reason("x");
  EXPECT_EQ(feedbacks_->corrections.Recategorize(Operator(), no_reason).status().code(),
            absl::StatusCode::kInvalidArgument);
  std::string answered = Answered();
  EXPECT_EQ(ReasonOf(feedbacks_->corrections.Recategorize(Operator(), Recategorize(answered, "rubbish")).status()),
            "WRONG_STATE");
}

TEST_P(FeedbackTest, MovingThePointMovesTheWardWithIt) {
  std::string id = CreateOk(Pothole()).id();  // Phường Tân An
  auto moved = feedbacks_->corrections.Move(Operator(), MoveTo(id, 10.5560, 106.3990));
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_DOUBLE_EQ(moved->location().latitude(), 10.5560);
  EXPECT_EQ(moved->ward_code(), "phuong-long-an");
  EXPECT_EQ(moved->address(), "12 Hùng Vương, Phường Tân An");  // unchanged unless given
  const v1::Update& u = moved->updates(moved->updates_size() - 1);
  EXPECT_EQ(u.action(), "move");
  EXPECT_NE(u.message().find("ghim nhầm"), std::string::npos);
  // The reporter sees the fix, but not who made it.
  v1::Feedback mine = GetAs(id, Resident());
  EXPECT_EQ(mine.updates(mine.updates_size() - 1).action(), "move");
  EXPECT_TRUE(mine.updates(mine.updates_size() - 1).actor().empty());
}

TEST_P(FeedbackTest, AReportWithoutAPointCanBeGivenOne) {
  v1::CreateFeedbackRequest call = Pothole();
  call.clear_location();
  call.mutable_reporter()->set_name("Lê Văn Tám");
  call.mutable_reporter()->set_phone("0912000111");
  auto created = feedbacks_->intake.Create(Operator(), call, "");
  ASSERT_TRUE(created.ok()) << created.status();
  auto request = MoveTo(created->id(), 10.5366, 106.4137);
  request.set_address("Trước số 12 Hùng Vương");
  auto moved = feedbacks_->corrections.Move(Officer("so-xd"), request);  // the officer who went there
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_TRUE(moved->has_location());
  EXPECT_EQ(moved->address(), "Trước số 12 Hùng Vương");
}

TEST_P(FeedbackTest, MovingIsCheckedLikeReporting) {
  std::string id = CreateOk(Pothole()).id();
  EXPECT_EQ(ReasonOf(feedbacks_->corrections.Move(Operator(), MoveTo(id, 21.0285, 105.8542)).status()),
            "OUTSIDE_PROVINCE");  // Hà Nội
  EXPECT_EQ(feedbacks_->corrections.Move(Operator(), MoveTo(id, 91, 0)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(feedbacks_->corrections.Move(Officer("dien-luc"), MoveTo(id, 10.5366, 106.4137)).status()),
            "NOT_YOUR_AGENCY");
  EXPECT_EQ(feedbacks_->corrections.Move(Resident(), MoveTo(id, 10.5366, 106.4137)).status().code(),
            absl::StatusCode::kPermissionDenied);
  auto unknown_ward = MoveTo(id, 10.5366, 106.4137);
  unknown_ward.set_ward_code("phuong-khong-co");
  EXPECT_EQ(feedbacks_->corrections.Move(Operator(), unknown_ward).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace laso::feedback
