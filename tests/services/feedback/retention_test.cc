// Retention: a finished report forgets its reporter when feedback.keep_reporter_contact
// has passed since its last change; the public record stays, open reports keep theirs.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/services/feedback/feedback_fixture.h"

namespace laso::feedback {
namespace {

TEST_P(FeedbackTest, AFinishedReportForgetsItsReporterWhenItsTimeIsUp) {
  std::string closed = Answered();
  clock_.Advance(absl::Hours(24 * 8));
  ASSERT_EQ(*feedbacks_->handling.CloseExpired(), 1);
  std::string rejected = CreateOk(Pothole(10.5380, 106.4140)).id();
  v1::RejectFeedbackRequest reject;
  reject.set_id(rejected);
  reject.set_reason(v1::INVALID);
  reject.set_message("Nội dung không rõ ràng, không xác định được vị trí.");
  ASSERT_TRUE(feedbacks_->handling.Reject(Operator(), reject).ok());
  std::string open = CreateOk(Pothole(10.5390, 106.4150)).id();

  // Not before its time.
  clock_.Advance(absl::Hours(24 * 729));
  EXPECT_EQ(*feedbacks_->retention.ForgetOldReporters(), 0);
  clock_.Advance(absl::Hours(24 * 2));
  EXPECT_EQ(*feedbacks_->retention.ForgetOldReporters(), 2);
  EXPECT_EQ(*feedbacks_->retention.ForgetOldReporters(), 0);  // done once

  // The resident's own list no longer links them to the finished reports.
  auto mine = feedbacks_->views.ListMine(Resident(), v1::ListMyFeedbackRequest());
  ASSERT_TRUE(mine.ok()) << mine.status();
  ASSERT_EQ(mine->items_size(), 1);
  EXPECT_EQ(mine->items(0).id(), open);
  EXPECT_EQ(GetAs(open, Operator()).reporter().phone(), "84******567");

  // The record stays: the place, the problem, the answer; staff see the erasure in the timeline.
  for (const std::string& id : {closed, rejected}) {
    v1::Feedback staff = GetAs(id, Operator());
    EXPECT_TRUE(staff.reporter().name().empty()) << id;
    EXPECT_TRUE(staff.reporter().phone().empty()) << id;
    EXPECT_FALSE(staff.mine());
    EXPECT_EQ(staff.updates(staff.updates_size() - 1).action(), "erase_reporter");
    v1::Feedback pub = GetAs(id, Anonymous());
    EXPECT_FALSE(pub.description().empty());
    EXPECT_NE(pub.updates(pub.updates_size() - 1).action(), "erase_reporter");  // a private entry
  }
  EXPECT_FALSE(GetAs(closed, Anonymous()).answer().empty());
}

TEST_P(FeedbackTest, AChangeAfterFinishingStartsThePeriodAgain) {
  std::string id = Answered();
  clock_.Advance(absl::Hours(24 * 8));
  ASSERT_EQ(*feedbacks_->handling.CloseExpired(), 1);
  clock_.Advance(absl::Hours(24 * 700));
  v1::RateFeedbackRequest rate;
  rate.set_id(id);
  rate.set_stars(4);
  ASSERT_TRUE(feedbacks_->follow_up.Rate(Resident(), rate).ok());  // rated late: the report changed
  clock_.Advance(absl::Hours(24 * 40));
  EXPECT_EQ(*feedbacks_->retention.ForgetOldReporters(), 0);
  clock_.Advance(absl::Hours(24 * 700));
  EXPECT_EQ(*feedbacks_->retention.ForgetOldReporters(), 1);
}

}  // namespace
}  // namespace laso::feedback
