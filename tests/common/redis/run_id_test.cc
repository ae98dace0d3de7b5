#include "common/redis/run_id.h"

#include <gtest/gtest.h>

#include "common/testing/redis_server.h"

namespace laso::redis {
namespace {

TEST(RunIdTest, ReadsTheRunIdLineOfInfo) {
  EXPECT_EQ(RunIdFromInfo("# Server\r\nredis_version:7.0.15\r\nrun_id:6b1f0c9e2d\r\ntcp_port:6379\r\n"), "6b1f0c9e2d");
  EXPECT_EQ(RunIdFromInfo("# Server\r\nredis_version:7.0.15\r\n"), "");
  EXPECT_EQ(RunIdFromInfo(""), "");
}

TEST(RunIdTest, ARestartedServerHasAnotherRunId) {
  testing::RedisServer server;
  Client client(server.ClientOptions());
  auto before = ServerRunId(client);
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->size(), 40u);
  EXPECT_EQ(*ServerRunId(client), *before);
  server.Restart();
  absl::StatusOr<std::string> after;
  for (int i = 0; i < 50 && !(after = ServerRunId(client)).ok(); ++i) absl::SleepFor(absl::Milliseconds(20));
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_NE(*after, *before);
}

}  // namespace
}  // namespace laso::redis
