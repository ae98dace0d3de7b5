#include "common/redis/asio_client.h"

#include <future>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/testing/redis_server.h"

namespace laso::redis {
namespace {

class AsioClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = std::make_unique<AsioClient>(ioc_, server_.ClientOptions());
    thread_ = std::thread([this] { ioc_.run(); });
  }
  void TearDown() override {
    work_.reset();
    ioc_.stop();
    thread_.join();
    client_.reset();  // after the loop stopped
  }

  absl::StatusOr<Reply> RunSync(Command command) {
    std::promise<absl::StatusOr<Reply>> promise;
    client_->Run(std::move(command), [&](absl::StatusOr<Reply> r) { promise.set_value(std::move(r)); });
    return promise.get_future().get();
  }

  testing::RedisServer server_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(ioc_);
  std::unique_ptr<AsioClient> client_;
  std::thread thread_;
};

TEST_F(AsioClientTest, RunsCommands) {
  ASSERT_TRUE(RunSync({"SET", "k", "Xin chào"}).ok());
  EXPECT_EQ(RunSync({"GET", "k"})->str, "Xin chào");
  EXPECT_TRUE(RunSync({"GET", "missing"})->IsNil());
  EXPECT_EQ(RunSync({"LPUSH", "k", "x"}).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(AsioClientTest, ManyCommandsInFlightAnswerInOrder) {
  constexpr int kCalls = 2000;
  std::atomic<int> done{0};
  std::vector<int64_t> results(kCalls);
  std::promise<void> all;
  for (int i = 0; i < kCalls; ++i) {
    client_->Run({"INCR", "counter"}, [&, i](absl::StatusOr<Reply> r) {
      results[i] = r.ok() ? r->integer : -1;
      if (++done == kCalls) all.set_value();
    });
  }
  all.get_future().get();
  for (int i = 0; i < kCalls; ++i) EXPECT_EQ(results[i], i + 1);  // one connection, in order
}

TEST_F(AsioClientTest, ScriptsSurviveAFlush) {
  Script script("return redis.call('INCRBY', KEYS[1], ARGV[1])");
  auto run = [&](const std::string& by) {
    std::promise<absl::StatusOr<Reply>> p;
    client_->RunScript(script, {"n"}, {by}, [&](absl::StatusOr<Reply> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  };
  EXPECT_EQ(run("2")->integer, 2);
  ASSERT_TRUE(RunSync({"SCRIPT", "FLUSH"}).ok());
  EXPECT_EQ(run("3")->integer, 5);
}

TEST_F(AsioClientTest, KilledRedisFailsFastThenRecovers) {
  ASSERT_TRUE(RunSync({"PING"}).ok());
  server_.Kill();
  absl::Duration worst;
  for (int i = 0; i < 20; ++i) {
    absl::Time start = absl::Now();
    EXPECT_EQ(RunSync({"PING"}).status().code(), absl::StatusCode::kUnavailable);
    worst = std::max(worst, absl::Now() - start);
  }
  EXPECT_LT(worst, absl::Milliseconds(50));
  server_.Restart();
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  absl::StatusOr<Reply> pong = absl::UnavailableError("");
  while (absl::Now() < deadline && !(pong = RunSync({"PING"})).ok()) absl::SleepFor(absl::Milliseconds(20));
  EXPECT_TRUE(pong.ok()) << pong.status();
}

TEST_F(AsioClientTest, AStalledRedisTimesOutThenFailsFast) {
  ASSERT_TRUE(RunSync({"PING"}).ok());
  server_.Pause();
  absl::Time start = absl::Now();
  EXPECT_EQ(RunSync({"PING"}).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));  // command timeout 300 ms
  start = absl::Now();
  EXPECT_EQ(RunSync({"PING"}).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(50));
  server_.Resume();
}

TEST(AsioClientNoServerTest, NothingListeningFailsFast) {
  boost::asio::io_context ioc;
  auto work = boost::asio::make_work_guard(ioc);
  std::thread t([&] { ioc.run(); });
  Options options;
  options.port = 1;
  auto client = std::make_unique<AsioClient>(ioc, options);
  std::promise<absl::StatusOr<Reply>> p;
  absl::Time start = absl::Now();
  client->Run({"PING"}, [&](absl::StatusOr<Reply> r) { p.set_value(std::move(r)); });
  EXPECT_EQ(p.get_future().get().status().code(), absl::StatusCode::kUnavailable);
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(500));
  work.reset();
  ioc.stop();
  t.join();
}

}  // namespace
}  // namespace laso::redis
