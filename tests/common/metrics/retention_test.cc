#include "common/metrics/retention.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "common/metrics/metrics.h"

namespace laso::metrics {
namespace {

TEST(RetentionMetricTest, CountsWhatEachKindErased) {
  CountErased("test.reporters", 3);
  CountErased("test.reporters", 2);
  CountErased("test.nothing", 0);  // a sweep that found nothing writes no series
  std::string text = Registry::Default().RenderText();
  EXPECT_TRUE(absl::StrContains(text, "laso_retention_erased_total{kind=\"test.reporters\"} 5")) << text;
  EXPECT_FALSE(absl::StrContains(text, "test.nothing"));
}

}  // namespace
}  // namespace laso::metrics
