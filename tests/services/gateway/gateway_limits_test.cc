#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/services/gateway/gateway_fixture.h"

namespace laso::gateway {
namespace {

class GatewayRateLimitTest : public GatewayTest {
  void Configure(config::Config& config) override {
    ASSERT_TRUE(config.Set("ratelimit.lookup_per_ip", "3/1m").ok());
    ASSERT_TRUE(config.Set("ratelimit.write_per_user", "2/1m").ok());
    ASSERT_TRUE(config.Set("ratelimit.login_per_ip", "100/1m").ok());
  }
};

TEST_F(GatewayRateLimitTest, TheFourthLookupInAMinuteIs429WithRetryAfter) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(client_->PostJson("/v1/test/echo", "{}").status, 200) << i;
  auto r = client_->PostJson("/v1/test/echo", "{}");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.Json()["error"]["status"], "RESOURCE_EXHAUSTED");
  int retry = 0;
  ASSERT_TRUE(absl::SimpleAtoi(r.Header("Retry-After"), &retry));
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 60);
  // Another class has its own bucket.
  EXPECT_EQ(client_->PostJson("/v1/auth/zalo", R"({"accessToken":"x"})").status, 401);
}

TEST_F(GatewayRateLimitTest, PerUserBucketsFollowTheUserNotTheConnection) {
  std::string a = CitizenToken(), b = CitizenToken();
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(client_->PostJson("/v1/shelves/s1/books", absl::StrCat(R"({"id":"a)", i, "\"}"), Bearer(a)).status, 200);
  }
  EXPECT_EQ(client_->PostJson("/v1/shelves/s1/books", R"({"id":"a9"})", Bearer(a)).status, 429);
  EXPECT_EQ(client_->PostJson("/v1/shelves/s1/books", R"({"id":"b0"})", Bearer(b)).status, 200);
}

TEST_F(GatewayRateLimitTest, WithRedisDownLookupsFailOpenAndLoginAndGuessingFailClosed) {
  redis_.Kill();
  auto lookup = client_->PostJson("/v1/test/echo", "{}");
  EXPECT_EQ(lookup.status, 200) << lookup.body;
  auto login = client_->PostJson("/v1/auth/zalo", R"({"accessToken":"x"})");
  EXPECT_EQ(login.status, 503) << login.body;
  EXPECT_FALSE(login.Header("Retry-After").empty());
  EXPECT_EQ(client_->Get("/v1/test/guess/H15-1").status, 503);
  redis_.Restart();
  EXPECT_EQ(PollUntil(200, [&] { return client_->Get("/v1/test/guess/H15-1").status; }), 200);
}

class GatewayConnectionLimitTest : public GatewayTest {
  void Configure(config::Config& config) override {
    ASSERT_TRUE(config.Set("http.max_connections", "2").ok());
  }
};

TEST_F(GatewayConnectionLimitTest, ConnectionsBeyondTheCapGet503) {
  testing::HttpTestClient a(gateway_->port()), b(gateway_->port()), c(gateway_->port());
  ASSERT_EQ(a.PostJson("/v1/test/echo", "{}").status, 200);
  ASSERT_EQ(b.PostJson("/v1/test/echo", "{}").status, 200);
  auto third = c.PostJson("/v1/test/echo", "{}");
  EXPECT_EQ(third.status, 503);
  a.Close();
  absl::SleepFor(absl::Milliseconds(100));
  testing::HttpTestClient d(gateway_->port());
  EXPECT_EQ(d.PostJson("/v1/test/echo", "{}").status, 200);
}

}  // namespace
}  // namespace laso::gateway
