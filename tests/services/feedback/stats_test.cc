#include "tests/services/feedback/feedback_fixture.h"

namespace laso::feedback {
namespace {

const v1::StatsRow* Row(const v1::FeedbackStats& s, const std::string& key) {
  for (const auto& r : s.rows()) {
    if (r.key() == key) return &r;
  }
  return nullptr;
}

TEST_P(FeedbackTest, StatsRankAgenciesByOnTimeAnswersThenRating) {
  // so-xd answers one pothole in 1 working day (rated 5) and one after the deadline.
  std::string fast = Answered();  // answered at once, Monday
  v1::RateFeedbackRequest rate;
  rate.set_id(fast);
  rate.set_stars(5);
  ASSERT_TRUE(feedbacks_->follow_up.Rate(Resident(), rate).ok());
  std::string slow = CreateOk(Pothole()).id();
  v1::CreateFeedbackRequest flood = Pothole();
  flood.set_category_code("flooding");
  flood.clear_answers();
  std::string flood_id = CreateOk(flood).id();  // cty-moi-truong, 3 working days
  clock_.Advance(absl::Hours(24 * 10));           // Thursday 26 March: both are late now
  v1::RespondFeedbackRequest respond;
  respond.set_id(slow);
  respond.set_public_(true);
  respond.set_message("Đã sửa xong đoạn đường.");
  ASSERT_TRUE(feedbacks_->handling.Respond(Officer("so-xd"), respond).ok());

  v1::GetFeedbackStatsRequest req;
  req.set_from("2026-03-01");
  req.set_to("2026-03-31");
  auto s = feedbacks_->statistics.Stats(req);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->total().received(), 3);
  EXPECT_EQ(s->total().answered(), 2);
  const v1::StatsRow* xd = Row(*s, "so-xd");
  ASSERT_NE(xd, nullptr);
  EXPECT_EQ(xd->name(), "Sở Xây dựng");
  EXPECT_EQ(xd->answered_on_time(), 1);
  EXPECT_DOUBLE_EQ(xd->on_time_rate(), 0.5);
  EXPECT_DOUBLE_EQ(xd->median_answer_working_days(), 4);  // 0 and 8 working days
  EXPECT_DOUBLE_EQ(xd->average_rating(), 5);
  const v1::StatsRow* env = Row(*s, "cty-moi-truong");
  ASSERT_NE(env, nullptr);
  EXPECT_EQ(env->open_overdue(), 1);
  EXPECT_EQ(env->rank(), 1);  // nothing answered counts as on time...
  EXPECT_EQ(xd->rank(), 2);

  req.set_group_by(v1::CATEGORY);
  s = feedbacks_->statistics.Stats(req);
  EXPECT_EQ(Row(*s, "road-damage")->received(), 2);
  req.set_group_by(v1::WARD);
  req.set_agency("so-xd");
  s = feedbacks_->statistics.Stats(req);
  EXPECT_EQ(Row(*s, "phuong-tan-an")->received(), 2);
  req.set_from("2026-04-01");
  EXPECT_EQ(feedbacks_->statistics.Stats(req).status().code(), absl::StatusCode::kInvalidArgument);
  req.set_from("yesterday");
  EXPECT_EQ(feedbacks_->statistics.Stats(req).status().code(), absl::StatusCode::kInvalidArgument);
  (void)flood_id;
}

}  // namespace
}  // namespace laso::feedback
