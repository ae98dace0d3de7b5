#include "common/redis/client.h"

#include <thread>

#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "common/testing/redis_server.h"

namespace laso::redis {
namespace {

class RedisClientTest : public ::testing::Test {
 protected:
  testing::RedisServer server_;
  Client client_{server_.ClientOptions()};
};

TEST_F(RedisClientTest, RunsCommandsAgainstARealServer) {
  ASSERT_TRUE(client_.Run({"SET", "greeting", "Xin chào"}).ok());
  auto reply = client_.Run({"GET", "greeting"});
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->type, Reply::Type::kString);
  EXPECT_EQ(reply->str, "Xin chào");
  EXPECT_TRUE(client_.Run({"GET", "missing"})->IsNil());
  EXPECT_EQ(client_.Run({"INCRBY", "n", "5"})->integer, 5);
  std::string binary("\x00\r\n\xff", 4);
  ASSERT_TRUE(client_.Run({"SET", "bin", binary}).ok());
  EXPECT_EQ(client_.Run({"GET", "bin"})->str, binary);
}

TEST_F(RedisClientTest, PipelinesInOneRoundTrip) {
  auto replies = client_.Pipeline({{"SET", "a", "1"}, {"INCR", "a"}, {"LPUSH", "a", "x"}, {"GET", "a"}});
  ASSERT_TRUE(replies.ok()) << replies.status();
  ASSERT_EQ(replies->size(), 4u);
  EXPECT_EQ((*replies)[1].integer, 2);
  EXPECT_TRUE((*replies)[2].IsError());  // WRONGTYPE stays in place
  EXPECT_EQ((*replies)[3].str, "2");
}

TEST_F(RedisClientTest, ErrorRepliesBecomeStatuses) {
  ASSERT_TRUE(client_.Run({"SET", "s", "x"}).ok());
  EXPECT_EQ(client_.Run({"LPUSH", "s", "y"}).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(client_.Run({"NOSUCHCOMMAND"}).status().code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(client_.Available());  // a bad command is not Redis being down
}

TEST_F(RedisClientTest, ArraysComeBackAsElements) {
  ASSERT_TRUE(client_.Run({"RPUSH", "l", "a", "b", "c"}).ok());
  auto reply = client_.Run({"LRANGE", "l", "0", "-1"});
  ASSERT_EQ(reply->elements.size(), 3u);
  EXPECT_EQ(reply->elements[2].str, "c");
}

TEST_F(RedisClientTest, KilledMidUseCallsFailFastThenRecoverAfterRestart) {
  ASSERT_TRUE(client_.Run({"SET", "k", "v"}).ok());
  server_.Kill();

  // Every call while Redis is gone fails with UNAVAILABLE within milliseconds.
  absl::Duration worst;
  for (int i = 0; i < 50; ++i) {
    absl::Time start = absl::Now();
    auto reply = client_.Run({"GET", "k"});
    worst = std::max(worst, absl::Now() - start);
    ASSERT_EQ(reply.status().code(), absl::StatusCode::kUnavailable);
  }
  EXPECT_LT(worst, absl::Milliseconds(50)) << "slowest failing call took " << worst;
  EXPECT_FALSE(client_.Available());

  server_.Restart();
  // Recovers by itself once the breaker's cooldown has passed.
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  absl::StatusOr<Reply> reply = absl::UnavailableError("");
  while (absl::Now() < deadline) {
    reply = client_.Run({"SET", "k", "again"});
    if (reply.ok()) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_TRUE(client_.Available());
  EXPECT_EQ(client_.Run({"GET", "k"})->str, "again");
}

TEST_F(RedisClientTest, AStalledServerCostsOneTimeoutThenFailsFast) {
  Options options = server_.ClientOptions();
  options.command_timeout = absl::Milliseconds(200);
  Client client(options);
  ASSERT_TRUE(client.Run({"PING"}).ok());
  server_.Pause();
  absl::Time start = absl::Now();
  EXPECT_EQ(client.Run({"PING"}).status().code(), absl::StatusCode::kUnavailable);
  absl::Duration first = absl::Now() - start;
  EXPECT_LT(first, absl::Seconds(1));
  start = absl::Now();
  EXPECT_EQ(client.Run({"PING"}).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(50));
  server_.Resume();
}

TEST_F(RedisClientTest, ManyThreadsShareThePool) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) ASSERT_TRUE(client_.Run({"INCR", "counter"}).ok());
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(client_.Run({"GET", "counter"})->str, "1600");
}

TEST(RedisClientNoServerTest, NothingListeningFailsFast) {
  Options options;
  options.port = 1;  // nothing listens on port 1
  Client client(options);
  absl::Time start = absl::Now();
  EXPECT_EQ(client.Run({"PING"}).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(250));
}

}  // namespace
}  // namespace laso::redis
