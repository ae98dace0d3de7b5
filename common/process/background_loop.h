#pragma once

#include <functional>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace laso::process {

// A thread that runs rounds of work until stopped: each round says how long
// to wait before the next (zero: at once, there is more), and Wake() cuts a
// wait short. For pollers such as the outbox relay and notify's consumer and
// sender. Stop waits for the round in progress.
class BackgroundLoop {
 public:
  explicit BackgroundLoop(std::function<absl::Duration()> round) : round_(std::move(round)) {}
  ~BackgroundLoop() { Stop(); }
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  void Start();
  void Stop();
  void Wake();

 private:
  void Run();

  std::function<absl::Duration()> round_;
  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool woken_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace laso::process
