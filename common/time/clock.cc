#include "common/time/clock.h"

#include "absl/time/clock.h"

namespace laso {

absl::Time RealClock::Now() const { return absl::Now(); }

const Clock* RealClock::Get() {
  static const RealClock* clock = new RealClock();
  return clock;
}

absl::Time FakeClock::Now() const {
  absl::MutexLock lock(&mu_);
  return now_;
}

void FakeClock::Set(absl::Time t) {
  absl::MutexLock lock(&mu_);
  now_ = t;
}

void FakeClock::Advance(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  now_ += d;
}

}  // namespace laso
