#include "services/gateway/metrics_text.h"

#include <gtest/gtest.h>

namespace laso::gateway {
namespace {

TEST(MetricsTextTest, MergesFamiliesAndLabelsEachService) {
  std::string a =
      "# HELP calls_total Calls\n# TYPE calls_total counter\ncalls_total{method=\"x\"} 3\n"
      "# HELP up Up\n# TYPE up gauge\nup 1\n";
  std::string b = "# HELP calls_total Calls\n# TYPE calls_total counter\ncalls_total{method=\"y\"} 5\n";
  std::string merged = MergeMetrics({{"dossier", a}, {"feedback", b}});
  EXPECT_EQ(merged,
            "# HELP calls_total Calls\n# TYPE calls_total counter\n"
            "calls_total{service=\"dossier\",method=\"x\"} 3\n"
            "calls_total{service=\"feedback\",method=\"y\"} 5\n"
            "# HELP up Up\n# TYPE up gauge\nup{service=\"dossier\"} 1\n");
}

TEST(MetricsTextTest, HistogramSeriesStayWithTheirFamily) {
  std::string h =
      "# HELP lat Latency\n# TYPE lat histogram\nlat_bucket{le=\"0.1\"} 1\nlat_bucket{le=\"+Inf\"} 2\n"
      "lat_sum 0.3\nlat_count 2\n";
  std::string merged = MergeMetrics({{"a", h}, {"b", h}});
  EXPECT_EQ(merged.find("# TYPE lat histogram"), merged.rfind("# TYPE lat histogram"));
  EXPECT_NE(merged.find("lat_count{service=\"b\"} 2"), std::string::npos);
}

}  // namespace
}  // namespace laso::gateway
