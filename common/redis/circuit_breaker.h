#pragma once

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/time/clock.h"

namespace laso::redis {

// Keeps callers from waiting on a Redis that is down. After a failure the
// breaker opens: calls are refused at once for the cooldown. Then one probe
// call is let through; its success closes the breaker, its failure reopens it.
class CircuitBreaker {
 public:
  CircuitBreaker(absl::Duration cooldown, const Clock* clock) : cooldown_(cooldown), clock_(clock) {}

  // Whether this call may go to Redis now.
  bool Allow();
  void RecordSuccess();
  void RecordFailure();
  // The call Allow() let through never reached Redis (e.g. no free connection).
  void CancelProbe();
  bool IsOpen() const;

 private:
  const absl::Duration cooldown_;
  const Clock* clock_;
  mutable absl::Mutex mu_;
  bool open_ ABSL_GUARDED_BY(mu_) = false;
  bool probe_in_flight_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time retry_at_ ABSL_GUARDED_BY(mu_);
};

}  // namespace laso::redis
