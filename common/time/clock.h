#pragma once

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

// Code that needs the time takes a Clock, so tests can drive it.
namespace laso {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

class RealClock : public Clock {
 public:
  absl::Time Now() const override;
  // A process-wide instance; never destroyed.
  static const Clock* Get();
};

class FakeClock : public Clock {
 public:
  explicit FakeClock(absl::Time start) : now_(start) {}
  absl::Time Now() const override;
  void Set(absl::Time t);
  void Advance(absl::Duration d);

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace laso
