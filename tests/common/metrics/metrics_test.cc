#include "common/metrics/metrics.h"

#include <thread>

#include <gtest/gtest.h>

namespace laso::metrics {
namespace {

TEST(MetricsTest, RendersPrometheusText) {
  Registry registry;
  auto& requests = registry.Counter("laso_http_requests_total", "HTTP requests", {"route", "code"});
  requests.Inc({"GET /v1/dossiers/{code}", "200"});
  requests.Inc({"GET /v1/dossiers/{code}", "200"});
  requests.Inc({"GET /v1/dossiers/{code}", "404"});
  auto& latency = registry.Histogram("laso_http_seconds", "latency", {"route"}, {0.01, 0.1});
  latency.Observe({"r"}, 0.005);
  latency.Observe({"r"}, 0.05);
  latency.Observe({"r"}, 5);
  registry.Gauge("laso_up", "up", {}).Set({}, 1);

  std::string text = registry.RenderText();
  EXPECT_NE(text.find("# TYPE laso_http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("laso_http_requests_total{route=\"GET /v1/dossiers/{code}\",code=\"200\"} 2"), std::string::npos);
  EXPECT_NE(text.find("laso_http_seconds_bucket{route=\"r\",le=\"0.01\"} 1"), std::string::npos);
  EXPECT_NE(text.find("laso_http_seconds_bucket{route=\"r\",le=\"0.1\"} 2"), std::string::npos);
  EXPECT_NE(text.find("laso_http_seconds_bucket{route=\"r\",le=\"+Inf\"} 3"), std::string::npos);
  EXPECT_NE(text.find("laso_http_seconds_count{route=\"r\"} 3"), std::string::npos);
  EXPECT_NE(text.find("laso_up 1"), std::string::npos);
}

TEST(MetricsTest, EscapesLabelValues) {
  Registry registry;
  registry.Counter("c", "h", {"l"}).Inc({"a\"b\\c\nd"});
  EXPECT_NE(registry.RenderText().find("c{l=\"a\\\"b\\\\c\\nd\"} 1"), std::string::npos);
}

TEST(MetricsTest, SameNameSameFamilyAndThreadSafe) {
  Registry registry;
  auto& a = registry.Counter("x", "h", {"k"});
  auto& b = registry.Counter("x", "h", {"k"});
  EXPECT_EQ(&a, &b);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&] { for (int i = 0; i < 1000; ++i) a.Inc({"v"}); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(a.Value({"v"}), 4000);
}

}  // namespace
}  // namespace laso::metrics
