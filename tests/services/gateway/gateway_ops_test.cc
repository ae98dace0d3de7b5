#include <filesystem>
#include <fstream>

#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/testing/temp_dir.h"
#include "tests/services/gateway/gateway_fixture.h"

namespace laso::gateway {
namespace {

TEST_F(GatewayTest, HealthAndReadiness) {
  EXPECT_EQ(client_->Get("/healthz").status, 200);
  auto ready = client_->Get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.Json()["checks"]["redis"], "ok");
  EXPECT_EQ(ready.Json()["checks"]["testing"], "ok");

  // Once ready, a dependency every gateway shares going down leaves it degraded, not unready: a load
  // balancer that took every gateway out would turn a Redis failover into a total outage.
  redis_.Kill();
  auto no_redis = client_->Get("/readyz");
  EXPECT_EQ(no_redis.status, 200);
  EXPECT_EQ(no_redis.Json()["status"], "degraded");
  EXPECT_EQ(no_redis.Json()["down"], nlohmann::json({"redis"}));
  EXPECT_EQ(client_->Get("/healthz").status, 200);

  redis_.Restart();
  StopBackend();
  absl::SleepFor(absl::Milliseconds(600));  // past the Redis client's breaker cooldown
  auto no_backend = client_->Get("/readyz");
  EXPECT_EQ(no_backend.status, 200);
  EXPECT_EQ(no_backend.Json()["down"], nlohmann::json({"testing"}));
}

TEST_F(GatewayTest, AGatewayIsNotReadyUntilEverythingAnsweredOnce) {
  redis_.Kill();
  client_.reset();
  gateway_.reset();
  StartGateway();  // a new gateway while Redis is down: kept out of the load balancer
  auto starting = client_->Get("/readyz");
  EXPECT_EQ(starting.status, 503);
  EXPECT_EQ(starting.Json()["status"], "unavailable");
  redis_.Restart();
  PublishRevocations({});  // as the staff service does when Redis comes back
  int status = 0;
  for (int i = 0; i < 50 && status != 200; ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    status = client_->Get("/readyz").status;
  }
  EXPECT_EQ(status, 200) << "ready once everything answered";
}

TEST_F(GatewayTest, MetricsNameRouteTemplatesAndIncludeBackends) {
  ASSERT_EQ(client_->Get("/v1/shelves/s1/books/nope").status, 404);
  ASSERT_EQ(client_->PostJson("/v1/test/echo", "{}").status, 200);
  auto r = client_->Get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("laso_http_requests_total{service=\"gateway\",route=\"POST /v1/test/echo\",code=\"200\"}"),
            std::string::npos)
      << r.body.substr(0, 2000);
  // The template, never the raw path (which could carry codes or ids).
  EXPECT_NE(r.body.find("route=\"GET /v1/{name=shelves/*/books/*}\",code=\"404\""), std::string::npos);
  EXPECT_EQ(r.body.find("shelves/s1/books/nope"), std::string::npos);
  EXPECT_NE(r.body.find("laso_http_request_duration_seconds_bucket{service=\"gateway\""), std::string::npos);
  EXPECT_NE(r.body.find("laso_grpc_server_handled_total{service=\"testing\",method=\"/laso.testing.v1.Echo/Echo\""),
            std::string::npos);
  EXPECT_EQ(r.Header("Content-Type").find("text/plain"), 0u);
}

class GatewayMetricsClosedTest : public GatewayTest {
  void Configure(config::Config& config) override {
    ASSERT_TRUE(config.Set("gateway.metrics_allow", "10.0.0.0/8").ok());
  }
};

TEST_F(GatewayMetricsClosedTest, MetricsAreOnlyForTheOperatorsNetwork) {
  EXPECT_EQ(client_->Get("/metrics").status, 403);
}

TEST_F(GatewayTest, OpenApiDocumentsTheBuiltInApi) {
  auto r = client_->Get("/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = r.Json();
  EXPECT_EQ(doc["swagger"], "2.0");
  EXPECT_TRUE(doc["paths"].contains("/v1/auth/zalo"));
  EXPECT_TRUE(doc["definitions"].contains("auth.v1Session"));
  // One path served by two services keeps both methods: GET /v1/me (the gateway), DELETE /v1/me (privacy).
  EXPECT_TRUE(doc["paths"]["/v1/me"].contains("get"));
  EXPECT_TRUE(doc["paths"]["/v1/me"].contains("delete"));
}

TEST_F(GatewayTest, AccessLogNamesTheTemplateAndLeaksNothing) {
  std::vector<std::string> lines;
  log::Configure("gateway", log::Level::kInfo, [&](absl::string_view line) { lines.emplace_back(line); });
  std::string token = CitizenToken("84987654321");
  client_->Get("/v1/shelves/s1/books/secret-id-123", Bearer(token));
  log::Configure("laso", log::Level::kInfo);
  bool saw = false;
  for (const auto& line : lines) {
    EXPECT_EQ(line.find(token), std::string::npos);
    EXPECT_EQ(line.find("84987654321"), std::string::npos);
    EXPECT_EQ(line.find("secret-id-123"), std::string::npos);
    if (line.find("\"route\":\"GET /v1/{name=shelves/*/books/*}\"") != std::string::npos) saw = true;
  }
  EXPECT_TRUE(saw);
}

// gateway.console_dir: the built console at /console/, beside the API, with its policy.
class ConsoleGatewayTest : public GatewayTest {
 protected:
  void Configure(config::Config& config) override {
    std::filesystem::create_directories(site_.path() + "/console/assets");
    std::ofstream(site_.path() + "/console/index.html") << "<!doctype html><title>laso</title>";
    std::ofstream(site_.path() + "/console/assets/app-00ff.js") << "export {}";
    ASSERT_TRUE(config.Set("gateway.console_dir", site_.path() + "/console").ok());
  }
  testing::TempDir site_;
};

TEST_F(ConsoleGatewayTest, TheConsoleIsServedBesideTheApiWithAStrictPolicy) {
  auto page = client_->Get("/console/");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<title>laso</title>"), std::string::npos);
  EXPECT_NE(page.Header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(client_->Get("/console/queue").status, 200);  // the console's own route
  EXPECT_EQ(client_->Get("/console/assets/app-00ff.js").Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(client_->Get("/console/assets/none.js").status, 404);
  EXPECT_EQ(client_->Get("/healthz").status, 200);  // the API is still the API
}

}  // namespace
}  // namespace laso::gateway
