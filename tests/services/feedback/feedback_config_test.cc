#include "services/feedback/feedback_config.h"

#include <gtest/gtest.h>

#include "tests/support/config_with.h"

namespace laso::feedback {
namespace {

using testing::ConfigWith;

TEST(FeedbackConfigTest, DefaultsGiveTheOptionsTheServiceRunsWith) {
  auto c = FeedbackConfigFrom(ConfigWith({}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->feedbacks.due_time_of_day, absl::Hours(17));
  EXPECT_EQ(c->feedbacks.reopen_window, absl::Hours(24 * 7));
  EXPECT_TRUE(c->feedbacks.boundary.Contains({10.5352, 106.416}));  // Tân An
  EXPECT_EQ(c->attachments_dir, "/srv/laso/attachments");
  EXPECT_EQ(c->close_sweep_interval, absl::Minutes(1));
}

TEST(FeedbackConfigTest, AnAbsoluteAttachmentsDirStands) {
  auto c = FeedbackConfigFrom(ConfigWith({{"feedback.attachments_dir", "/mnt/shared/attachments"}}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->attachments_dir, "/mnt/shared/attachments");
}

TEST(FeedbackConfigTest, ErrorsNameTheKey) {
  auto missing = FeedbackConfigFrom(ConfigWith({{"feedback.boundary_file", "/nonexistent/boundary.geojson"}}));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("feedback.boundary_file"), std::string::npos) << missing.status();
  auto due = FeedbackConfigFrom(ConfigWith({{"feedback.due_time", "25:00"}}));
  ASSERT_FALSE(due.ok());
  EXPECT_NE(due.status().message().find("feedback.due_time"), std::string::npos) << due.status();
}

}  // namespace
}  // namespace laso::feedback
