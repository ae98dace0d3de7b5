#include "common/redis/circuit_breaker.h"

namespace laso::redis {

bool CircuitBreaker::Allow() {
  absl::MutexLock lock(&mu_);
  if (!open_) return true;
  if (probe_in_flight_ || clock_->Now() < retry_at_) return false;
  probe_in_flight_ = true;
  return true;
}

void CircuitBreaker::RecordSuccess() {
  absl::MutexLock lock(&mu_);
  open_ = false;
  probe_in_flight_ = false;
}

void CircuitBreaker::RecordFailure() {
  absl::MutexLock lock(&mu_);
  open_ = true;
  probe_in_flight_ = false;
  retry_at_ = clock_->Now() + cooldown_;
}

void CircuitBreaker::CancelProbe() {
  absl::MutexLock lock(&mu_);
  probe_in_flight_ = false;
}

bool CircuitBreaker::IsOpen() const {
  absl::MutexLock lock(&mu_);
  return open_;
}

}  // namespace laso::redis
