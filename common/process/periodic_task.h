#pragma once

#include <functional>

#include "absl/time/time.h"
#include "common/process/background_loop.h"

namespace laso::process {

// Runs a task every `interval` on its own thread until Stop() (or
// destruction); the first run is one interval after construction. Stop waits
// for a run in progress to finish. A BackgroundLoop whose rounds all wait the
// same interval.
class PeriodicTask {
 public:
  PeriodicTask(absl::Duration interval, std::function<void()> task);
  ~PeriodicTask() { Stop(); }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void Stop() { loop_.Stop(); }

 private:
  absl::Duration Round();

  const absl::Duration interval_;
  std::function<void()> task_;
  bool waited_ = false;  // the first round only waits
  BackgroundLoop loop_{[this] { return Round(); }};
};

}  // namespace laso::process
