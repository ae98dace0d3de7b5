#include "services/gateway/rate_limiter.h"

#include <future>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "common/testing/redis_server.h"

namespace laso::gateway {
namespace {

class RateLimiterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<redis::AsioClient>(ioc_, server_.ClientOptions());
    thread_ = std::thread([this] { ioc_.run(); });
  }
  void TearDown() override {
    work_.reset();
    ioc_.stop();
    thread_.join();
    redis_.reset();
  }

  RateLimiter Limiter(Rate per_ip, Rate per_user, bool fail_closed = false) {
    return RateLimiter(*redis_, {{"c", ClassLimits{per_ip, per_user, fail_closed}}}, RealClock::Get());
  }

  static RateLimiter::Decision Check(RateLimiter& limiter, const std::string& ip, const std::string& who = "") {
    std::promise<RateLimiter::Decision> p;
    limiter.Check("c", ip, who, [&](RateLimiter::Decision d) { p.set_value(d); });
    return p.get_future().get();
  }

  // How many times Redis ran a script (not counting the first EVALSHA that
  // answers NOSCRIPT before EVAL loads it).
  int64_t ScriptCalls() {
    redis::Client client(server_.ClientOptions());
    auto info = client.Run({"INFO", "commandstats"});
    int64_t total = 0;
    auto field = [](absl::string_view line, absl::string_view name) {
      size_t at = line.find(name);
      int64_t n = 0;
      if (at != absl::string_view::npos) {
        absl::string_view rest = line.substr(at + name.size());
        absl::SimpleAtoi(rest.substr(0, rest.find_first_of(",\r")), &n);
      }
      return n;
    };
    for (absl::string_view line : absl::StrSplit(info->str, '\n')) {
      if (absl::StartsWith(line, "cmdstat_evalsha:") || absl::StartsWith(line, "cmdstat_eval:")) {
        total += field(line, "calls=") - field(line, "failed_calls=");
      }
    }
    return total;
  }

  testing::RedisServer server_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ = boost::asio::make_work_guard(ioc_);
  std::unique_ptr<redis::AsioClient> redis_;
  std::thread thread_;
};

TEST_F(RateLimiterTest, SmallBucketsAreExact) {
  RateLimiter limiter = Limiter({5, absl::Minutes(1)}, {});
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(Check(limiter, "1.2.3.4").allowed) << i;
  auto refused = Check(limiter, "1.2.3.4");
  EXPECT_FALSE(refused.allowed);
  EXPECT_GT(refused.retry_after, absl::Seconds(5));   // one token per 12 s
  EXPECT_LE(refused.retry_after, absl::Seconds(13));
  EXPECT_TRUE(Check(limiter, "5.6.7.8").allowed);  // another IP, another bucket
  EXPECT_EQ(ScriptCalls(), 7);
}

TEST_F(RateLimiterTest, BothBucketsMustHaveAToken) {
  RateLimiter limiter = Limiter({100, absl::Minutes(1)}, {2, absl::Minutes(1)});
  EXPECT_TRUE(Check(limiter, "1.2.3.4", "zalo:1").allowed);
  EXPECT_TRUE(Check(limiter, "1.2.3.5", "zalo:1").allowed);
  EXPECT_FALSE(Check(limiter, "1.2.3.6", "zalo:1").allowed);  // the user's bucket is empty
  EXPECT_TRUE(Check(limiter, "1.2.3.6", "zalo:2").allowed);
}

TEST_F(RateLimiterTest, LargeBucketsLeaseTokensAndNeverOverspend) {
  RateLimiter limiter = Limiter({6400, absl::Hours(1)}, {});  // lease 64 at a time
  EXPECT_EQ(RateLimiter::Lease({6400, absl::Hours(1)}), 64);
  for (int i = 0; i < 640; ++i) ASSERT_TRUE(Check(limiter, "1.2.3.4").allowed);
  EXPECT_EQ(ScriptCalls(), 10);  // one script per 64 requests
  // Spend the whole bucket; the 6401st within the hour is refused.
  int allowed = 640;
  while (Check(limiter, "1.2.3.4").allowed && allowed < 7000) ++allowed;
  EXPECT_GE(allowed, 6400);
  EXPECT_LE(allowed, 6401);  // refill during the test is a fraction of a token
}

TEST_F(RateLimiterTest, SmallBucketsNeverLease) {
  EXPECT_EQ(RateLimiter::Lease({60, absl::Minutes(1)}), 1);
  EXPECT_EQ(RateLimiter::Lease({127, absl::Minutes(1)}), 1);
  EXPECT_EQ(RateLimiter::Lease({1200, absl::Minutes(1)}), 18);
  EXPECT_EQ(RateLimiter::Lease({1000000, absl::Minutes(1)}), 64);
}

TEST_F(RateLimiterTest, WithoutRedisFailOpenOrClosedAsTheClassSays) {
  RateLimiter open = Limiter({5, absl::Minutes(1)}, {});
  RateLimiter closed = Limiter({5, absl::Minutes(1)}, {}, /*fail_closed=*/true);
  server_.Kill();
  auto a = Check(open, "1.2.3.4");
  EXPECT_TRUE(a.allowed);
  EXPECT_TRUE(a.redis_down);
  auto b = Check(closed, "1.2.3.4");
  EXPECT_FALSE(b.allowed);
  EXPECT_TRUE(b.redis_down);
}

}  // namespace
}  // namespace laso::gateway
