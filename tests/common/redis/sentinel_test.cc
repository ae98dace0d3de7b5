// Redis that fails over: a primary, a replica and three real sentinels on
// loopback. Clients find the primary through the sentinels, follow a failover
// after the primary is killed, and drop a connection that answers READONLY.
#include "common/redis/sentinel.h"

#include <future>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/redis/asio_client.h"
#include "common/redis/client.h"
#include "common/testing/redis_server.h"

namespace laso::redis {
namespace {

class SentinelTest : public ::testing::Test {
 protected:
  SentinelTest()
      : replica_({"--replicaof", "127.0.0.1", absl::StrCat(primary_.port())}) {
    for (int i = 0; i < 3; ++i) sentinels_.push_back(std::make_unique<testing::RedisSentinel>(primary_.port()));
  }

  Options ThroughSentinels() const {
    Options o;
    o.host = "127.0.0.1";
    o.port = 1;  // never used: the sentinels say where
    for (const auto& s : sentinels_) o.sentinels.push_back({"127.0.0.1", s->port()});
    o.sentinels.insert(o.sentinels.begin(), {"127.0.0.1", 1});  // a dead sentinel first: the next is asked
    o.breaker_cooldown = absl::Milliseconds(100);
    return o;
  }
  // The port of the server a client's connection reached.
  static int ServerPort(Client& client) {
    auto info = client.Run({"INFO", "server"});
    if (!info.ok()) return -1;
    size_t at = info->str.find("tcp_port:");
    return at == std::string::npos ? -1 : std::atoi(info->str.c_str() + at + 9);
  }
  // Waits until the replica has caught up with the primary and the sentinels know it.
  void WaitReplicated() {
    Client primary(primary_.ClientOptions());
    absl::Time until = absl::Now() + absl::Seconds(15);
    while (absl::Now() < until) {
      auto acked = primary.Run({"WAIT", "1", "200"});
      if (acked.ok() && acked->integer >= 1) break;
    }
    Client sentinel(Options{.host = "127.0.0.1", .port = sentinels_[0]->port()});
    while (absl::Now() < until) {
      auto replicas = sentinel.Run({"SENTINEL", "replicas", "laso"});
      if (replicas.ok() && !replicas->elements.empty()) return;
      absl::SleepFor(absl::Milliseconds(50));
    }
    FAIL() << "the replica never caught up";
  }

  testing::RedisServer primary_;
  testing::RedisServer replica_;
  std::vector<std::unique_ptr<testing::RedisSentinel>> sentinels_;
};

TEST_F(SentinelTest, AClientFindsThePrimaryThroughTheSentinels) {
  Client client(ThroughSentinels());
  ASSERT_TRUE(client.Run({"SET", "k", "v"}).ok());
  EXPECT_EQ(ServerPort(client), primary_.port());
  auto found = AskSentinels(ThroughSentinels().sentinels, "laso", ThroughSentinels());
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->port, primary_.port());
  EXPECT_EQ(AskSentinels(ThroughSentinels().sentinels, "elsewhere", ThroughSentinels()).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(SentinelTest, ClientsFollowAFailoverToTheReplica) {
  Client client(ThroughSentinels());
  boost::asio::io_context ioc;
  auto work = boost::asio::make_work_guard(ioc);
  AsioClient async(ioc, ThroughSentinels());
  std::thread loop([&] { ioc.run(); });
  auto async_set = [&](const std::string& value) {
    std::promise<absl::StatusOr<Reply>> got;
    async.Run({"SET", "k", value}, [&](absl::StatusOr<Reply> r) { got.set_value(std::move(r)); });
    return got.get_future().get();
  };
  ASSERT_TRUE(client.Run({"SET", "k", "before"}).ok());
  ASSERT_TRUE(async_set("before").ok());
  WaitReplicated();

  primary_.Kill();
  absl::Time killed = absl::Now();
  bool sync_back = false, async_back = false;
  while (absl::Now() - killed < absl::Seconds(30) && !(sync_back && async_back)) {
    sync_back = sync_back || client.Run({"SET", "k", "after"}).ok();
    async_back = async_back || async_set("after").ok();
    absl::SleepFor(absl::Milliseconds(100));
  }
  absl::Duration took = absl::Now() - killed;
  EXPECT_TRUE(sync_back && async_back) << "no client reached the new primary within 30 s";
  std::printf("writes resumed %.1f s after the primary was killed\n", absl::ToDoubleSeconds(took));
  EXPECT_LT(took, absl::Seconds(15));
  EXPECT_EQ(ServerPort(client), replica_.port());  // the replica, promoted
  EXPECT_EQ(client.Run({"GET", "k"})->str, "after");
  work.reset();
  ioc.stop();
  loop.join();
}

TEST_F(SentinelTest, AReadOnlyAnswerDropsTheConnection) {
  Options at_replica = replica_.ClientOptions();
  at_replica.breaker_cooldown = absl::Seconds(30);
  Client client(at_replica);
  auto write = client.Run({"SET", "k", "v"});
  EXPECT_EQ(write.status().code(), absl::StatusCode::kUnavailable);  // not an INTERNAL "error reply" kept open
  EXPECT_TRUE(absl::StrContains(write.status().message(), "READONLY")) << write.status();
  EXPECT_FALSE(client.Available());  // the breaker opened: the next connection starts afresh
  EXPECT_TRUE(MeansWrongServer("LOADING Redis is loading the dataset in memory"));
  EXPECT_TRUE(MeansWrongServer("MASTERDOWN Link with MASTER is down"));
  EXPECT_FALSE(MeansWrongServer("WRONGTYPE Operation against a key holding the wrong kind of value"));
}

}  // namespace
}  // namespace laso::redis
