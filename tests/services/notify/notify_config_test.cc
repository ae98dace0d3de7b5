#include "services/notify/notify_config.h"

#include <gtest/gtest.h>

#include "tests/support/config_with.h"

namespace laso::notify {
namespace {

using testing::ConfigWith;

TEST(NotifyConfigTest, KeysBecomeTheSenderConsumerAndZaloOptions) {
  auto c = NotifyConfigFrom(ConfigWith({{"notify.consumer", "notify-a"},
                                  {"notify.zns_quota_reset", "06:30"},
                                  {"notify.default_quiet_hours", "off"},
                                  {"zalo.app_id", "123"}}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->consumer.consumer, "notify-a");
  EXPECT_EQ(c->consumer.stream, "laso:events");
  EXPECT_EQ(c->zns.quota_reset_minute, 6 * 60 + 30);
  EXPECT_FALSE(c->default_quiet_hours.enabled);
  EXPECT_EQ(c->zalo.app_id, "123");
}

TEST(NotifyConfigTest, AnEmptyConsumerNameIsThisHosts) {
  auto c = NotifyConfigFrom(ConfigWith({}));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->consumer.consumer.rfind("notify-", 0), 0u) << c->consumer.consumer;
}

TEST(NotifyConfigTest, AReplayWindowLongerThanDeduplicationIsRefused) {
  // Events published again after a Redis restart would be told twice.
  auto c = NotifyConfigFrom(ConfigWith({{"outbox.replay_window", "15d"}, {"notify.dedupe_retention", "14d"}}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("notify.dedupe_retention"), std::string::npos);
}

TEST(NotifyConfigTest, BadTimesNameTheKey) {
  auto quiet = NotifyConfigFrom(ConfigWith({{"notify.default_quiet_hours", "21:00"}}));
  ASSERT_FALSE(quiet.ok());
  EXPECT_NE(quiet.status().message().find("notify.default_quiet_hours"), std::string::npos) << quiet.status();
  auto reset = NotifyConfigFrom(ConfigWith({{"notify.zns_quota_reset", "noon"}}));
  ASSERT_FALSE(reset.ok());
  EXPECT_NE(reset.status().message().find("notify.zns_quota_reset"), std::string::npos) << reset.status();
}

}  // namespace
}  // namespace laso::notify
