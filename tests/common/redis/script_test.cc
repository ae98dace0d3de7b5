#include "common/redis/script.h"

#include <gtest/gtest.h>

#include "common/testing/redis_server.h"

namespace laso::redis {
namespace {

TEST(ScriptTest, RunsBySha1AndReloadsAfterFlush) {
  testing::RedisServer server;
  Client client(server.ClientOptions());
  Script incr_by("return redis.call('INCRBY', KEYS[1], ARGV[1])");
  EXPECT_EQ(incr_by.sha1().size(), 40u);
  auto first = incr_by.Run(client, {"counter"}, {"2"});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->integer, 2);
  EXPECT_EQ(client.Run({"SCRIPT", "EXISTS", incr_by.sha1()})->elements[0].integer, 1);
  ASSERT_TRUE(client.Run({"SCRIPT", "FLUSH"}).ok());
  auto second = incr_by.Run(client, {"counter"}, {"3"});
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->integer, 5);
}

TEST(ScriptTest, ScriptErrorsAreStatuses) {
  testing::RedisServer server;
  Client client(server.ClientOptions());
  Script broken("return redis.call('NOPE')");
  EXPECT_FALSE(broken.Run(client, {}, {}).ok());
}

}  // namespace
}  // namespace laso::redis
