#include "common/metrics/retention.h"

#include "common/metrics/metrics.h"

namespace laso::metrics {

void CountErased(const std::string& kind, int64_t count) {
  static auto& erased = Registry::Default().Counter(
      "laso_retention_erased_total", "Records removed or erased at the end of their retention period, by kind",
      {"kind"});
  if (count > 0) erased.Inc({kind}, static_cast<double>(count));
}

}  // namespace laso::metrics
