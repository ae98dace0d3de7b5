#pragma once

#include <cstdint>
#include <string>

// What the sweepers removed or erased when its retention period ended, by
// kind ("feedback.reporter", "waste.positions", "notify.history",
// "<service>.idempotency_keys", "<service>.outbox_events"):
// laso_retention_erased_total{kind}. The data protection officer's evidence
// that retention runs, on the same dashboards as everything else.
namespace laso::metrics {

void CountErased(const std::string& kind, int64_t count);

}  // namespace laso::metrics
